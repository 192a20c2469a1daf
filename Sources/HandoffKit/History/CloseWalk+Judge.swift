// Completeness after close, judged lazily: only the report asks for it.

extension CloseWalk {
  /// Judges the versions waiting since close: the first of each account's whose record has no
  /// errors gives its completion time. Round `k` judges every account's `k`-th version at once
  /// (on every core), so an account complete at close costs one check however often it changed.
  mutating func judge(with judge: Judge, repository: Repository, accountsDirectory: String)
    throws(GitError)
  {
    judgedWith = judge.settingsID
    var round = 0
    let versions = unjudged
    unjudged = [:]
    while true {
      let due = versions.filter { completeAt[$0.key] == nil && $0.value.count > round }
      if due.isEmpty { return }
      let folders = Array(Set(due.values.map { $0[round].folder }))
      let clean = try Self.mapOnEveryCore(
        folders, repository: repository, accountsDirectory: accountsDirectory
      ) {
        (store, folder) throws(GitError) in
        (folder, try judge.isClean(folder: folder, store: store))
      }
      let verdicts = Dictionary(clean, uniquingKeysWith: { first, _ in first })
      for (name, queue) in due where verdicts[queue[round].folder] == true {
        completeAt[name] = try repository.details(of: queue[round].commit).time
      }
      round += 1
    }
  }
}

extension CloseWalk.Judge {
  /// Whether the record in an account folder's tree has no errors under these settings.
  func isClean(folder: OID, store: RecordHistoryStore) throws(GitError) -> Bool {
    let files = try store.recordFiles(ofFolder: folder)
    let findings = AccountChecker.check(
      account: "", files: files.map { ($0.0, $0.1) }, settings: settings
    ).findings
    return !findings.contains { settings.isError($0.ruleID) }
  }
}
