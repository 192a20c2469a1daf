/// Builds a `RecordDiff` between a commit and another commit or the work tree, reading only
/// the accounts whose files differ.
public enum RecordDiffer {
  /// `REV1 [REV2] [ACCOUNT...]` read as git reads `git diff A B PATH`: the second word is REV2
  /// when it names a commit, otherwise the first account (put accounts after `--` to be sure).
  public static func arguments(_ words: [String], in workspace: Workspace) throws(HandoffError)
    -> (from: String, to: String?, accounts: [String])
  {
    guard let from = words.first else {
      throw .usage("diff needs a revision to compare from, as in `handoff diff HEAD~1`")
    }
    let rest = Array(words.dropFirst())
    guard let second = rest.first else { return (from, nil, []) }
    let repository = workspace.repository
    if (try? repository.commit(for: second)) != nil {
      return (from, second, Array(rest.dropFirst()))
    }
    return (from, nil, rest)
  }

  public static func diff(
    in workspace: Workspace, from: String, to: String?, accounts wanted: [String] = []
  ) throws(HandoffError) -> RecordDiff {
    let repository = workspace.repository
    let old = try Snapshot.open(from, in: repository)
    let new = try Snapshot.open(to, in: repository)
    let settings = try new.loadSettings().settings
    do {
      let oldAccounts = try records(old, settings: settings)
      let newAccounts = try records(new, settings: settings)
      let names = Set(oldAccounts.keys).union(newAccounts.keys)
      for account in wanted where !names.contains(account) {
        throw HandoffError.unknownAccount(
          account, accountsDirectory: settings.accountsDirectory)
      }
      var changes: [RecordDiff.AccountChanges] = []
      for name in names.sorted() where wanted.isEmpty || wanted.contains(name) {
        let before = oldAccounts[name]
        let after = newAccounts[name]
        if let before, let after, before.ids == after.ids { continue }
        let change = RecordDiff.compare(name, before?.record(), after?.record(), settings: settings)
        if !change.isEmpty { changes.append(change) }
      }
      return RecordDiff(from: old.label, to: new.label, accounts: changes)
    } catch {
      throw HandoffError(error, during: "diff")
    }
  }

  /// An account's files in one snapshot: their ids, and the record loaded on demand.
  private struct Files {
    var ids: [String: OID]
    var load: () -> AccountRecord

    func record() -> AccountRecord { load() }
  }

  private static func records(_ snapshot: Snapshot, settings: Settings) throws -> [String: Files] {
    let layout = AccountLayout.scan(
      try snapshot.items(under: settings.accountsDirectory),
      accountsDirectory: settings.accountsDirectory)
    let reader = try snapshot.makeReader()
    var result: [String: Files] = [:]
    for folder in layout.accounts {
      // Commits know their blob ids; work-tree files are read (and hashed) up front.
      var ids: [String: OID] = [:]
      var contents: [RecordFile: [UInt8]] = [:]
      for (kind, item) in folder.files {
        if let known = reader.knownID(of: item) {
          ids[kind.fileName] = known
        } else if let read = try? reader.contents(of: item) {
          ids[kind.fileName] = read.id
          contents[kind] = read.bytes
        }
      }
      result[folder.id] = Files(ids: ids) {
        AccountRecord(folder, reader: reader, preloaded: contents)
      }
    }
    return result
  }
}
