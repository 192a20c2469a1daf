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
        var checked: [CheckedFile] = []
        return (folder, try judge.isClean(folder: folder, store: store, checked: &checked))
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
  /// `checked` holds the files of the account's version judged before (empty for none) and is
  /// left holding this one's: consecutive versions mostly share files, and those are taken as
  /// they were checked.
  ///
  /// A state `verdicts` knows (judged by an earlier walk, or by `validate`, which counts errors
  /// the same way) is not checked again, and a state checked here is recorded there.
  func isClean(folder: OID, store: RecordHistoryStore, checked: inout [CheckedFile])
    throws(GitError) -> Bool
  {
    let entries = try store.recordEntries(ofFolder: folder)
    let key =
      verdicts == nil ? nil : AccountChecker.key(ofHistoryFiles: entries, settingsID: settingsID)
    if let key, let errors = verdicts?.errors(for: key) { return errors == 0 }
    checked = try store.checked(entries.files, reusing: checked)
    let findings = AccountChecker.check(account: "", checked: checked, settings: settings).findings
    let errors = findings.count { settings.isError($0.ruleID) }
    if let key { verdicts?.record(key, errors: errors) }
    return errors == 0
  }
}
