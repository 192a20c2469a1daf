/// An account's record as it stood in one commit: `handoff show`.
public struct RecordAtCommit: Sendable {
  public var account: String
  public var commit: CommitDetails
  /// Each record file present then, loaded (nil content when it did not load as YAML).
  public var files: [(kind: RecordFile, root: YAMLNode?)]

  /// Where `--at` points: the close, a revision, or the end of a day.
  public enum Moment: Sendable, Equatable {
    case close
    case revision(String)
    case day(CalendarDate)

    /// `close`, `YYYY-MM-DD`, or anything else as a revision.
    public init(_ text: String) {
      if text == "close" {
        self = .close
      } else if let day = CalendarDate(text) {
        self = .day(day)
      } else {
        self = .revision(text)
      }
    }
  }

  public static func load(
    account: String, at moment: Moment, in workspace: Workspace, useIndex: Bool = true
  )
    throws(HandoffError) -> RecordAtCommit
  {
    let repository = workspace.repository
    let commit: OID
    switch moment {
    case .close:
      let closes = try CloseFinder.find(in: workspace, accounts: [account], useIndex: useIndex)
      guard let close = closes.first?.commit else { throw .neverClosed(account) }
      commit = close.id
    case .revision(let revision):
      do { commit = try repository.commit(for: revision) } catch {
        throw repository.unresolved(revision, error)
      }
    case .day(let day):
      try repository.requireHistory()
      do {
        // The end of that day, UTC: the last commit on the first-parent chain at or before it.
        let end = Int64(day.dayNumber + 1) * 86_400
        var found: OID?
        for candidate in try repository.firstParentHistory(to: repository.commit(for: "HEAD"))
        where try repository.details(of: candidate).time < end {
          found = candidate
        }
        guard let found else { throw HandoffError.nothingBefore(day) }
        commit = found
      } catch let error as GitError {
        throw .git(error)
      } catch {
        throw .nothingBefore(day)
      }
    }
    do {
      let details = try repository.details(of: commit)
      let settings = try Settings.committed(in: repository, at: commit)
      let items = try Snapshot(repository: repository, source: .revision(commit.description))
        .items(under: settings.accountsDirectory)
        .filter { $0.account == account && $0.kind == .file }
      guard !items.isEmpty else {
        throw HandoffError.unknownAccount(
          account, accountsDirectory: settings.accountsDirectory)
      }
      var files: [(kind: RecordFile, root: YAMLNode?)] = []
      for item in items {
        guard let kind = RecordFile(fileName: item.name), let id = item.oid else { continue }
        files.append((kind, YAMLLoader.load(try repository.blob(id)).root))
      }
      files.sort { $0.kind.code < $1.kind.code }
      return RecordAtCommit(account: account, commit: details, files: files)
    } catch {
      throw HandoffError(error, during: "show")
    }
  }
}
