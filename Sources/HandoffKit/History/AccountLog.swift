/// One commit that changed an account (or one of its commitments).
public struct AccountLogEntry: Sendable {
  public var commit: CommitDetails
  public var changes: RecordDiff.AccountChanges
}

/// `handoff log`: every commit on the first-parent history that changed an account, newest
/// first. A change made on a merged branch shows in the merge commit that brought it in.
public enum AccountLog {
  public static func entries(
    account: String, commitment: String?, in workspace: Workspace, useIndex: Bool = true
  )
    throws(HandoffError)
    -> [AccountLogEntry]
  {
    let walked = try AccountVersions.walk(
      account: account, in: workspace, useIndex: useIndex, during: "log")
    let (repository, settings, store, versions) = (
      walked.repository, walked.settings, walked.store, walked.versions
    )
    do {
      var entries: [AccountLogEntry] = []
      var previousFolder: OID?
      for (commit, folder) in versions {
        defer { previousFolder = folder }
        let before = try previousFolder.map { (tree) throws(GitError) in
          try store.record(ofFolder: tree, account: account)
        }
        let after = try folder.map { (tree) throws(GitError) in
          try store.record(ofFolder: tree, account: account)
        }
        let changes = RecordDiff.compare(account, before, after, settings: settings)
        if let commitment {
          let touched =
            changes.commitments.changed.contains { $0.key == commitment }
            || (changes.commitments.added + changes.commitments.removed).contains { item in
              if case .object(let members) = item {
                return members.contains { $0.0 == "id" && $0.1 == .string(commitment) }
              }
              return false
            }
          guard touched else { continue }
        }
        entries.append(
          AccountLogEntry(commit: try repository.details(of: commit), changes: changes))
      }
      guard !versions.isEmpty else {
        throw HandoffError.unknownAccount(
          account, accountsDirectory: settings.accountsDirectory)
      }
      // Every commitment a version ever had was added in some commit, so none means never.
      if let commitment, entries.isEmpty {
        throw HandoffError.notDone(
          "account `\(account)` never had a commitment `\(commitment)`")
      }
      return entries.reversed()
    } catch {
      throw HandoffError(error, during: "log")
    }
  }
}
