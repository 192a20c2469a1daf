// Completeness after close, judged lazily: only the report asks for it.

extension CloseWalk {
  /// Judges the versions waiting since close: the first of each account's whose record has no
  /// errors gives its completion time. Round `k` judges every account's `k`-th version at once
  /// (on every core), so an account complete at close costs one check however often it changed.
  mutating func judge(with judge: Judge, repository: Repository, accountsDirectory: String) throws(GitError) {
    judgedWith = judge.settingsID
    var round = 0
    let versions = unjudged
    unjudged = [:]
    while true {
      let due = versions.filter { completeAt[$0.key] == nil && $0.value.count > round }
      if due.isEmpty { return }
      let folders = Array(Set(due.values.map { $0[round].folder }))
      let chunks = stride(from: 0, to: folders.count, by: 256).map { Array(folders[$0..<min(folders.count, $0 + 256)]) }
      let clean = try Self.onEveryCore(chunks, repository: repository) { (handle, chunk) throws(GitError) in
        let store = RecordHistoryStore(repository: handle, accountsDirectory: accountsDirectory)
        var part: [(OID, Bool)] = []
        for folder in chunk {
          let files = try store.recordFiles(ofFolder: folder)
          let findings = AccountChecker.check(account: "", files: files.map { ($0.0, $0.1) }, settings: judge.settings).findings
          part.append((folder, !findings.contains { judge.settings.isError($0.ruleID) }))
        }
        return part
      }
      let verdicts = Dictionary(clean, uniquingKeysWith: { first, _ in first })
      for (name, queue) in due where verdicts[queue[round].folder] == true {
        completeAt[name] = try repository.details(of: queue[round].commit).time
      }
      round += 1
    }
  }
}
