/// The accounts a pull request changes, read on both sides: what `reviewers` and `summary`
/// start from. The change is the one `validate --range A..B` judges: merge-base(A, B) against
/// B, as a code host shows a pull request.
struct RangeChange {
  var repository: Repository
  /// The range's base, and the fork point (merge-base; nil when they share no history).
  var base: OID
  var fork: OID?
  var tip: OID
  /// The settings at the tip, and at the fork (the tip's when the fork has none that load).
  var settings: Settings
  var forkSettings: Settings
  var scope: ChangeScope
  var tipSnapshot: Snapshot
  var forkSnapshot: Snapshot?
  /// The touched account folders on each side (absent on the side where the account is not).
  var tipFolders: [String: AccountFolder]
  var forkFolders: [String: AccountFolder]
  /// The layouts of both sides' accounts folders (their findings are part of the gate's verdict).
  var tipLayout: AccountLayout
  var forkLayout: AccountLayout?

  /// Every touched account present on either side, sorted.
  var accounts: [String] { Set(tipFolders.keys).union(forkFolders.keys).sorted() }

  static func read(in workspace: Workspace, range: String, during action: String)
    throws(HandoffError)
    -> RangeChange
  {
    let repository = workspace.repository
    let (from, to) = try Validator.parseRange(range)
    let tip: OID
    do { tip = try repository.commit(for: to) } catch { throw repository.unresolved(to, error) }
    let base: OID
    do { base = try repository.commit(for: from) } catch {
      throw repository.unresolved(from, error)
    }
    let tipSnapshot = try Snapshot.open(tip.description, in: repository)
    let settings = try tipSnapshot.loadSettings(requireAccountsFolder: false).settings
    do {
      let fork = try ChangeScope.forkPoint(base: base, tip: tip, repository: repository)
      // No common history is no fork point: every account is touched.
      let scope = try ChangeScope.between(
        fork: fork, tip: tip, repository: repository, accountsDirectory: settings.accountsDirectory)
      var forkSnapshot: Snapshot?
      var forkSettings = settings
      var forkLayout: AccountLayout?
      if let fork {
        let snapshot = try Snapshot.open(fork.description, in: repository)
        forkSettings =
          (try? snapshot.loadSettings(requireAccountsFolder: false).settings) ?? settings
        forkLayout = try layout(snapshot, settings.accountsDirectory)
        forkSnapshot = snapshot
      }
      let tipLayout = try layout(tipSnapshot, settings.accountsDirectory)
      func touched(_ layout: AccountLayout?) -> [String: AccountFolder] {
        Dictionary(
          uniqueKeysWithValues: (layout?.accounts ?? []).filter { scope.contains($0.id) }.map {
            ($0.id, $0)
          })
      }
      return RangeChange(
        repository: repository, base: base, fork: fork, tip: tip, settings: settings,
        forkSettings: forkSettings,
        scope: scope, tipSnapshot: tipSnapshot, forkSnapshot: forkSnapshot,
        tipFolders: touched(tipLayout),
        forkFolders: touched(forkLayout), tipLayout: tipLayout, forkLayout: forkLayout)
    } catch let failure as HandoffError {
      throw failure
    } catch {
      throw HandoffError(error, during: action)
    }
  }

  /// The touched accounts' records on one side, loaded on every core.
  func records(atFork: Bool) -> [String: AccountRecord] {
    let folders = Array((atFork ? forkFolders : tipFolders).values)
    guard let snapshot = atFork ? forkSnapshot : tipSnapshot else { return [:] }
    let loaded = Parallel.map(folders, makeContext: { try? snapshot.makeReader(for: $0) }) {
      reader, folder in
      reader.map { AccountRecord(folder, reader: $0) }
        ?? AccountRecord(id: folder.id, present: folder.presentKinds, roots: [:])
    }
    return Dictionary(uniqueKeysWithValues: loaded.map { ($0.id, $0) })
  }

  private static func layout(_ snapshot: Snapshot, _ accountsDirectory: String) throws(GitError)
    -> AccountLayout
  {
    AccountLayout.scan(
      try snapshot.items(under: accountsDirectory), accountsDirectory: accountsDirectory)
  }
}
