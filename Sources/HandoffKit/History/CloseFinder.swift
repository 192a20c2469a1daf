/// When each account closed: the first commit on the first-parent history (oldest first) where
/// its stage is closed-won or later, unless a tag `handoff/close/ACCOUNT` names the commit.
public struct AccountClose: Sendable {
  public var account: String
  /// The close commit, or nil for an account that never closed.
  public var commit: CommitDetails?
  /// The commitment ids at the close commit, in file order.
  public var commitments: [String]
  /// The account folder's tree at close, to read the whole record as it stood.
  var folder: OID?
  /// Commitment ids that first appeared after the close, in the order they appeared (an id
  /// that was added and later renamed still counts once).
  public var addedAfterClose: [String] = []
}

public enum CloseFinder {
  /// The close of every account seen on HEAD's first-parent history (or only of `accounts`).
  public static func find(repositoryPath: String, accounts wanted: [String] = []) throws(ValidationFailure)
    -> [AccountClose]
  {
    let repository: Repository
    do { repository = try Repository.discover(from: repositoryPath) } catch {
      throw .notARepository(path: repositoryPath)
    }
    guard !repository.isHeadUnborn else { return [] }
    do {
      let head = try repository.commit(for: "HEAD")
      let settingsBytes = try repository.fileID(ofCommit: head, at: Settings.fileName).map {
        (id) throws(GitError) in try repository.blob(id)
      }
      let settings: Settings
      do { settings = try settingsBytes.map(Settings.load) ?? Settings() } catch { throw ValidationFailure.settings(error) }
      let store = RecordHistoryStore(repository: repository, accountsDirectory: settings.accountsDirectory)
      var seen: [String] = []
      var known = Set<String>()
      var closes: [String: (commit: OID, commitments: OID?, folder: OID?)] = [:]
      var previous: OID?
      // Ids each closed account has had since its close, and those that appeared after it.
      var seenIDs: [String: Set<String>] = [:]
      var added: [String: [String]] = [:]
      for commit in try repository.firstParentHistory(to: head) {
        let accounts = try store.accountsTree(ofCommitTree: repository.commitInfo(commit).tree)
        defer { previous = accounts }
        guard accounts != previous else { continue }
        for change in try repository.changedEntries(from: previous, to: accounts) {
          guard let folder = change.new else { continue }
          if known.insert(change.name).inserted { seen.append(change.name) }
          let files = try store.files(ofFolder: folder)
          guard closes[change.name] == nil else {
            for id in files.commitments.map(store.commitmentIDs(ofBlob:)) ?? []
            where seenIDs[change.name, default: []].insert(id).inserted {
              added[change.name, default: []].append(id)
            }
            continue
          }
          if files.account.flatMap(store.stage(ofBlob:))?.isClosed ?? false {
            closes[change.name] = (commit, files.commitments, folder)
            seenIDs[change.name] = Set(files.commitments.map(store.commitmentIDs(ofBlob:)) ?? [])
          }
        }
      }
      var result: [AccountClose] = []
      for account in seen.sorted() where wanted.isEmpty || wanted.contains(account) {
        var close = closes[account]
        if let tagged = repository.commitIfPresent("refs/tags/handoff/close/\(account)") {
          let tree = try repository.commitInfo(tagged).tree
          let folder = try store.accountsTree(ofCommitTree: tree).flatMap { (accounts) throws(GitError) in
            try repository.entryID(in: accounts, at: account)
          }
          close = (tagged, try folder.flatMap { (tree) throws(GitError) in try store.files(ofFolder: tree).commitments }, folder)
        }
        result.append(
          AccountClose(
            account: account, commit: try close.map { (close) throws(GitError) in try repository.details(of: close.commit) },
            commitments: close?.commitments.map(store.commitmentIDs(ofBlob:)) ?? [], folder: close?.folder,
            addedAfterClose: added[account] ?? []))
      }
      for account in wanted where !known.contains(account) {
        throw ValidationFailure.unknownAccount(account, accountsDirectory: settings.accountsDirectory)
      }
      return result
    } catch let error as GitError {
      throw .git(error)
    } catch let error as ValidationFailure {
      throw error
    } catch {
      throw .git(GitError(code: .generic, message: "\(error)", function: "history"))
    }
  }
}
