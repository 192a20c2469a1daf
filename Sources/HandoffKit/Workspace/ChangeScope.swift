/// Which accounts a change touches: what the gate (`validate --staged`, `--range`) judges.
///
/// Everything is decided by ids, never by reading records: an account folder whose tree id is
/// the same on both sides did not change. A changed `.handoff.yaml`, or a changed entry directly
/// in the accounts folder, touches every account.
public struct ChangeScope: Sendable, Equatable {
  /// The accounts added, changed or deleted; nil when every account is touched.
  public var accounts: Set<String>?

  public static let everything = ChangeScope(accounts: nil)

  public func contains(_ account: String) -> Bool { accounts?.contains(account) ?? true }

  /// What the index would commit, against HEAD.
  static func staged(
    items: [TreeItem], settingsID: OID?, repository: Repository, accountsDirectory: String
  ) throws(GitError) -> ChangeScope {
    guard try !repository.isHeadUnborn else { return .everything }
    let head = try repository.commitInfo(repository.commit(for: "HEAD")).tree
    let before = try Side(tree: head, repository: repository, accountsDirectory: accountsDirectory)
    guard before.settings == settingsID else { return .everything }

    var loose: [String: (OID?, TreeItem.Kind)] = [:]
    var folders: [String: OID?] = [:]
    var start = items.startIndex
    while start < items.endIndex {
      guard let account = items[start].account else {
        let item = items[start]
        if item.kind != .directory { loose[item.name] = (item.oid, item.kind) }
        start += 1
        continue
      }
      let end = items[start...].firstIndex { $0.account != account } ?? items.endIndex
      folders[account] = TreeID.of(Array(items[start..<end]))
      start = end
    }
    guard Self.same(loose, before.loose) else { return .everything }
    var touched = Set<String>()
    for (account, id) in folders where id == nil || before.folders[account] != id {
      touched.insert(account)
    }
    for account in before.folders.keys where folders[account] == nil { touched.insert(account) }
    return ChangeScope(accounts: touched)
  }

  /// What a pull request from `base` to `tip` changes: merge-base(base, tip) against tip, as a
  /// code host shows it. No base (or no common history) touches every account.
  static func range(base: OID?, tip: OID, repository: Repository, accountsDirectory: String)
    throws(GitError) -> ChangeScope
  {
    guard let base else { return .everything }
    return try between(
      fork: forkPoint(base: base, tip: tip, repository: repository), tip: tip,
      repository: repository,
      accountsDirectory: accountsDirectory)
  }

  /// What changed from `fork` (found by `forkPoint`) to `tip`; no fork touches every account.
  static func between(fork: OID?, tip: OID, repository: Repository, accountsDirectory: String)
    throws(GitError) -> ChangeScope
  {
    guard let fork else { return .everything }
    let before = try Side(
      tree: repository.commitInfo(fork).tree, repository: repository,
      accountsDirectory: accountsDirectory)
    let after = try Side(
      tree: repository.commitInfo(tip).tree, repository: repository,
      accountsDirectory: accountsDirectory)
    guard before.settings == after.settings, Self.same(before.loose, after.loose) else {
      return .everything
    }
    var touched = Set<String>()
    for (account, id) in after.folders where before.folders[account] != id {
      touched.insert(account)
    }
    for account in before.folders.keys where after.folders[account] == nil {
      touched.insert(account)
    }
    return ChangeScope(accounts: touched)
  }

  /// Where a pull request from `base` to `tip` forked: their merge base, nil when they share no
  /// history. A shallow clone cannot walk past its boundary; the base is then taken as the fork
  /// point (it is one whenever the branch started from it).
  static func forkPoint(base: OID, tip: OID, repository: Repository) throws(GitError) -> OID? {
    do { return try repository.mergeBase(base, tip) } catch {
      guard try repository.isShallow else { throw error }
      return base
    }
  }

  private static func same(
    _ one: [String: (OID?, TreeItem.Kind)], _ two: [String: (OID?, TreeItem.Kind)]
  ) -> Bool {
    one.count == two.count
      && one.allSatisfy { name, entry in two[name].map { $0 == entry } ?? false }
  }

  /// One committed side of a comparison: the settings blob, the account folders' tree ids and
  /// whatever else lies directly in the accounts folder.
  private struct Side {
    var settings: OID?
    var folders: [String: OID?] = [:]
    var loose: [String: (OID?, TreeItem.Kind)] = [:]

    init(tree: OID, repository: Repository, accountsDirectory: String) throws(GitError) {
      settings = try repository.entryID(in: tree, at: Settings.fileName)
      guard let accounts = try repository.entry(inTree: tree, at: accountsDirectory),
        accounts.kind == .directory
      else { return }
      for entry in try repository.treeEntries(accounts.id) {
        if entry.kind == .directory {
          folders[entry.name] = entry.id
        } else {
          loose[RecordFile.canonicalName(entry.name)] = (entry.id, entry.kind)
        }
      }
    }
  }
}
