// Following each account through its versions: the per-account half of a history walk.

extension CloseWalk {
  /// One version of an account folder: the index of the commit that made it, and its tree.
  struct AccountVersion: Sendable {
    var commit: Int
    var folder: OID
  }

  /// An account's versions in the commits being walked, and what the walk knew of it before.
  struct AccountPath: Sendable {
    var name: String
    var closed: Bool
    var seen: Set<String>
    var needsJudging: Bool
    /// Completeness may be judged while following: no version of an earlier walk waits for it.
    var judgeNow: Bool
    /// The walk already found the commit where the stage became `churned`.
    var churned: Bool
    var versions: [AccountVersion]
  }

  /// What following one account's versions found.
  struct FollowedAccount: Sendable {
    var name: String
    var close: (commit: Int, commitments: OID?, folder: OID, ids: [String])?
    /// Commitment ids first seen after close.
    var newIDs: [String] = []
    /// The first version whose stage is `churned`, at or after close.
    var churn: Int?
    var unjudged: [AccountVersion] = []
    /// The first version at or after close whose record has no errors, judged on the way.
    var complete: Int?
  }

  /// Follows every account through its versions, accounts spread over every core. Before close
  /// only the stage is read (and only when the bytes could name a closed stage at all); from
  /// close on the commitment ids, and the stage of a changed account.yaml until it is churned.
  /// With `judge`, completeness is judged on the way (from close, each version until one has no
  /// errors), while the version's files are still at hand; otherwise the versions wait for it.
  static func follow(
    _ paths: [AccountPath], repository: Repository, accountsDirectory: String, judge: Judge?,
    progress: Progress?
  ) throws(GitError) -> [FollowedAccount] {
    try mapOnEveryCore(paths, repository: repository, accountsDirectory: accountsDirectory) {
      (store, path) throws(GitError) in
      defer { progress?.advance() }
      var result = FollowedAccount(name: path.name)
      var closed = path.closed
      var seen = path.seen
      var churned = path.churned
      var accountBlob: OID?
      var checked: [CheckedFile] = []
      for version in path.versions {
        let files = try store.files(ofFolder: version.folder)
        defer {
          // Only a changed account.yaml can change the stage.
          if closed, !churned, let blob = files.account, blob != accountBlob {
            if store.stageIsChurned(ofBlob: blob) {
              result.churn = version.commit
              churned = true
            }
          }
          accountBlob = files.account
        }
        if closed {
          for id in files.commitments.map(store.commitmentIDs(ofBlob:)) ?? []
          where seen.insert(id).inserted {
            result.newIDs.append(id)
          }
        } else if let account = files.account, store.stageIsClosed(ofBlob: account) {
          let ids = files.commitments.map(store.commitmentIDs(ofBlob:)) ?? []
          result.close = (version.commit, files.commitments, version.folder, ids)
          seen = Set(ids)
          closed = true
        } else {
          continue
        }
        guard path.needsJudging, result.complete == nil else { continue }
        if let judge, path.judgeNow {
          if try judge.isClean(folder: version.folder, store: store, checked: &checked) {
            result.complete = version.commit
          }
        } else {
          result.unjudged.append(version)
        }
      }
      return result
    }
  }
}
