import Foundation

/// The state of one walk down the first-parent history: which accounts exist, when each
/// closed, and which commitment ids appeared after close. Kept in the git directory
/// (`handoff/history-v5.bin`) so the next run only walks the commits added since: derived
/// data, written atomically, rebuilt when missing, stale (the tip is no longer on HEAD's
/// first-parent chain) or unreadable, and never needed for a correct answer.
///
/// It also records when each closed account's record first had no errors (the report's
/// "complete within 24 hours of close"), judged with the settings whose blob id it keeps (a
/// report under other settings walks afresh), and the versions not judged yet.
struct CloseWalk {
  /// The settings that completeness is judged with, and the blob id that names them.
  struct Judge: Sendable {
    var settings: Settings
    var settingsID: OID
    /// Error counts of account states judged before, by their key; nil without caches.
    var verdicts: VerdictStore? = nil
  }

  struct Close {
    var commit: CommitDetails
    var commitments: OID?
    var folder: OID?
  }

  var tip: OID?
  var accountsTree: OID?
  /// Accounts in the order they first appeared.
  var order: [String] = []
  var closes: [String: Close] = [:]
  /// Commitment ids each closed account has had since close, in order of appearance.
  var seenIDs: [String: [String]] = [:]
  var added: [String: [String]] = [:]
  /// Commit time at which each closed account's record first had no errors, at or after close.
  var completeAt: [String: Int64] = [:]
  /// The author day of the first commit whose record has stage `churned`, per closed account.
  var churnedOn: [String: CalendarDate] = [:]
  var judgedWith: OID?
  /// Each account folder's versions along the walked commits (for `log` and `blame`).
  var folderVersions = FolderVersions()

  /// Versions of closed accounts not yet judged for completeness, in commit order: judging is
  /// left to the one command that needs it (`report`), so the other history commands never pay
  /// for it.
  var unjudged: [String: [(folder: OID, commit: OID)]] = [:]

  /// The walk up to `head`: the history index's, advanced through the commits added since (and
  /// saved again), or a walk of the whole history when there is no usable index or `useIndex`
  /// is off (nothing is written then). With `judge`, completeness is judged too; completeness
  /// judged under other settings cannot be reused, so the walk then starts afresh.
  static func upToDate(
    head: OID, repository: Repository, store: RecordHistoryStore, useIndex: Bool,
    judge: Judge? = nil,
    progress: Progress? = nil
  ) throws(GitError) -> CloseWalk {
    let indexFile = file(for: repository)
    var walk = CloseWalk()
    var pending: [OID]?
    if useIndex, let saved = load(from: indexFile, accountsDirectory: store.accountsDirectory),
      judge == nil || saved.judgedWith == nil || saved.judgedWith == judge?.settingsID,
      let tip = saved.tip,
      let newer = try commits(after: tip, to: head, repository: repository)
    {
      walk = saved
      pending = newer
    }
    let commits: [OID]
    var roots: [OID?]?
    if let pending {
      commits = pending
    } else {
      var timer = PhaseTimer()
      (commits, roots) = try Self.firstParentChain(to: head, repository: repository)
      timer.mark("history: first-parent chain of \(commits.count) commits")
    }
    try walk.advance(
      through: commits, roots: roots, repository: repository, store: store, judge: judge,
      progress: progress)
    let judging = judge != nil && !walk.unjudged.isEmpty
    if let judge, judging {
      progress?.begin("history: judging completeness after close")
      var timer = PhaseTimer()
      try walk.judge(
        with: judge, repository: repository, accountsDirectory: store.accountsDirectory)
      timer.mark("history: judge completeness after close")
    }
    if useIndex, !commits.isEmpty || judging {
      walk.save(to: indexFile, accountsDirectory: store.accountsDirectory)
    }
    return walk
  }

  /// Walks `commits` (oldest first, each the first-parent child of the previous; `roots`, their
  /// root trees where the chain already read them).
  ///
  /// First the accounts trees of consecutive commits are compared (which accounts each commit
  /// changed), then each account's versions are followed oldest first, as the definition of
  /// "close" requires, accounts in parallel.
  mutating func advance(
    through commits: [OID], roots: [OID?]? = nil, repository: Repository,
    store: RecordHistoryStore, judge: Judge?, progress: Progress? = nil
  ) throws(GitError) {
    guard !commits.isEmpty else { return }
    var timer = PhaseTimer()
    progress?.begin("history: reading commits", total: commits.count)
    let trees = try Self.accountsTrees(
      of: commits, roots: roots, repository: repository, accountsDirectory: store.accountsDirectory,
      progress: progress)
    timer.mark("history: \(commits.count) commits' accounts trees")
    progress?.begin("history: comparing versions", total: commits.count)
    let changes = try Self.changes(
      between: [accountsTree] + trees, repository: repository, progress: progress)
    timer.mark("history: compare versions")

    var versions: [String: [AccountVersion]] = [:]
    var firstSeen: [String: (commit: Int, position: Int)] = [:]
    for (index, list) in changes.enumerated() {
      for (position, change) in list.enumerated() {
        folderVersions.append(change.name, commit: commits[index], folder: change.new)
        guard let folder = change.new else { continue }
        versions[change.name, default: []].append(AccountVersion(commit: index, folder: folder))
        if firstSeen[change.name] == nil { firstSeen[change.name] = (index, position) }
      }
    }
    let paths = versions.keys.map { name in
      AccountPath(
        name: name, closed: closes[name] != nil, seen: Set(seenIDs[name] ?? []),
        needsJudging: completeAt[name] == nil, judgeNow: unjudged[name] == nil,
        churned: churnedOn[name] != nil, versions: versions[name]!)
    }
    if let judge { judgedWith = judge.settingsID }
    progress?.begin("history: following \(paths.count) accounts", total: paths.count)
    let followed = try Self.follow(
      paths, repository: repository, accountsDirectory: store.accountsDirectory, judge: judge,
      progress: progress)
    timer.mark("history: follow \(paths.count) accounts through their versions")

    let known = Set(order)
    order += firstSeen.keys.filter { !known.contains($0) }.sorted {
      firstSeen[$0]! < firstSeen[$1]!
    }
    // The close commits' details, read in history order: commits lie in a pack about in that
    // order, so libgit2's few small pack windows move along instead of being mapped anew for
    // nearly every commit.
    var details: [Int: CommitDetails] = [:]
    let wanted = followed.flatMap { [$0.close?.commit, $0.complete].compactMap { $0 } }
    for index in Set(wanted).sorted() {
      details[index] = try repository.details(of: commits[index])
    }
    for result in followed {
      if let close = result.close {
        closes[result.name] = Close(
          commit: details[close.commit]!, commitments: close.commitments, folder: close.folder)
        seenIDs[result.name] = close.ids
      }
      if !result.newIDs.isEmpty {
        seenIDs[result.name, default: []] += result.newIDs
        added[result.name, default: []] += result.newIDs
      }
      if let complete = result.complete { completeAt[result.name] = details[complete]!.time }
      if let churn = result.churn {
        churnedOn[result.name] = try repository.authorDay(of: commits[churn])
      }
      if !result.unjudged.isEmpty {
        unjudged[result.name, default: []] += result.unjudged.map {
          ($0.folder, commits[$0.commit])
        }
      }
    }
    timer.mark("history: merge")
    accountsTree = trees[trees.count - 1]
    tip = commits[commits.count - 1]
  }
}
