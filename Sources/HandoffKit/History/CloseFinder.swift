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
  /// Commit time (seconds since 1970) at which the record first had no errors, at or after the
  /// stage-based close; nil while it never has. Judged with the settings at HEAD.
  public var completedAt: Int64?
  /// The author day of the first first-parent commit whose record has stage `churned`.
  public var churnedOn: CalendarDate?
}

public enum CloseFinder {
  /// Which of `accounts` closed at some commit of HEAD's first-parent history (however their
  /// stage stands now): a closed account keeps its promises. Uses the history index.
  static func closedAccounts(_ accounts: [String], in workspace: Workspace)
    throws(HandoffError) -> Set<String>
  {
    guard !accounts.isEmpty else { return [] }
    let closes = try find(in: workspace, accounts: accounts)
    return Set(closes.filter { $0.commit != nil }.map(\.account))
  }

  /// The close of every account seen on HEAD's first-parent history (or only of `accounts`).
  ///
  /// With `useIndex` the walk resumes from the history index in the git directory and only
  /// the commits added since are read; without it, everything is walked and nothing is written.
  ///
  /// With `judgeCompleteness` each closed account's `completedAt` is worked out too (only the
  /// report needs it; it costs a validation of every version since close until one is clean).
  public static func find(
    in workspace: Workspace, accounts wanted: [String] = [], useIndex: Bool = true,
    judgeCompleteness: Bool = false, progress: Progress? = nil
  )
    throws(HandoffError)
    -> [AccountClose]
  {
    try workspace.closes(
      of: wanted, useIndex: useIndex, judgeCompleteness: judgeCompleteness, progress: progress
    ) {
      () throws(HandoffError) in
      try walk(
        in: workspace, accounts: wanted, useIndex: useIndex, judgeCompleteness: judgeCompleteness,
        progress: progress)
    }
  }

  private static func walk(
    in workspace: Workspace, accounts wanted: [String], useIndex: Bool, judgeCompleteness: Bool,
    progress: Progress?
  ) throws(HandoffError) -> [AccountClose] {
    let repository = workspace.repository
    let head = try workspace.headCommit()
    let (settings, settingsID) = try workspace.committedSettings()
    do {
      // Whether a state has errors depends only on its files' ids and the settings: what
      // `validate` or an earlier walk judged is not judged again (unless `--no-cache`).
      let verdicts = useIndex && judgeCompleteness ? VerdictStore.open(repository: repository) : nil
      let judge = CloseWalk.Judge(settings: settings, settingsID: settingsID, verdicts: verdicts)
      let store = RecordHistoryStore(
        repository: repository, accountsDirectory: settings.accountsDirectory)
      let walk = try CloseWalk.upToDate(
        head: head, repository: repository, store: store, useIndex: useIndex,
        judge: judgeCompleteness ? judge : nil, progress: progress)
      verdicts?.save()
      let seen = walk.order
      let known = Set(seen)
      let closeTags = try repository.commits(ofReferencesMatching: "refs/tags/handoff/close/*")
      var result: [AccountClose] = []
      for account in seen.sorted() where wanted.isEmpty || wanted.contains(account) {
        var close = walk.closes[account]
        // The ids at close lead the ids seen since close; the walk kept them, no blob to read.
        let seenSinceClose = walk.seenIDs[account] ?? []
        var idsAtClose = Array(
          seenSinceClose.prefix(seenSinceClose.count - (walk.added[account]?.count ?? 0)))
        if let tagged = closeTags["refs/tags/handoff/close/\(account)"] {
          let tree = try repository.commitInfo(tagged).tree
          let folder = try store.accountsTree(ofCommitTree: tree).flatMap {
            (accounts) throws(GitError) in
            try repository.entryID(in: accounts, at: account)
          }
          close = CloseWalk.Close(
            commit: try repository.details(of: tagged),
            commitments: try folder.flatMap { (tree) throws(GitError) in
              try store.files(ofFolder: tree).commitments
            },
            folder: folder)
          idsAtClose = close?.commitments.map(store.commitmentIDs(ofBlob:)) ?? []
        }
        result.append(
          AccountClose(
            account: account, commit: close?.commit,
            commitments: close == nil ? [] : idsAtClose, folder: close?.folder,
            addedAfterClose: walk.added[account] ?? [], completedAt: walk.completeAt[account],
            churnedOn: walk.churnedOn[account]))
      }
      for account in wanted where !known.contains(account) {
        throw HandoffError.unknownAccount(
          account, accountsDirectory: settings.accountsDirectory)
      }
      return result
    } catch {
      throw HandoffError(error, during: "history")
    }
  }
}
