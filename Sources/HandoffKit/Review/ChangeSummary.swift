/// `handoff summary A..B`: the pull request comment. Every account the change touches (the
/// scope of `validate --range A..B`), compared between merge-base(A, B) and B.
public struct ChangeSummary: Sendable {
  /// The range as given, and the commits it resolved to.
  public var range: String
  public var base: OID?
  public var fork: OID?
  public var tip: OID
  /// Whether a change to the settings (or to the accounts folder itself) touched every account.
  public var everyAccount: Bool
  public var accounts: [AccountSummary]

  public var errorsIntroduced: Int { accounts.reduce(0) { $0 + $1.verdict.introduced.count } }
  public var errorsFixed: Int { accounts.reduce(0) { $0 + $1.verdict.fixed.count } }
  public var errors: Int { accounts.reduce(0) { $0 + $1.verdict.errors } }
  public var escalated: [String] { accounts.filter(\.reviewers.escalated).map(\.account) }

  /// Every reviewer's handle once, in account order.
  public var reviewers: [String] {
    var seen = Set<String>()
    return accounts.flatMap(\.reviewers.handles).filter { seen.insert($0).inserted }
  }

  public static func run(in workspace: Workspace, range: String) throws(HandoffError)
    -> ChangeSummary
  {
    let change = try RangeChange.read(in: workspace, range: range, during: "summary")
    let after = change.records(atFork: false)
    let before = change.records(atFork: true)
    let tipFindings = try gate(change)
    let forkFindings = try forkGate(change)
    let accounts = change.accounts.map { account in
      let now = tipFindings[account] ?? []
      let then = forkFindings[account] ?? []
      let verdict = AccountSummary.Verdict(
        errors: now.count { $0.severity == .error },
        warnings: now.count { $0.severity == .warning },
        introduced: Self.errors(now, notIn: then), fixed: Self.errors(then, notIn: now))
      return AccountSummary(
        account: account, before: before[account], after: after[account],
        sameFiles: Self.sameFiles(change.forkFolders[account], change.tipFolders[account]),
        beforeSettings: change.forkSettings,
        settings: change.settings, verdict: verdict)
    }
    return ChangeSummary(
      range: range, base: change.base, fork: change.fork, tip: change.tip,
      everyAccount: change.scope == .everything,
      accounts: accounts)
  }

  /// The gate's findings at the tip, as `validate --range` reports them for these accounts:
  /// layout, files and rules, and commitments removed by any commit of the range.
  private static func gate(_ change: RangeChange) throws(HandoffError) -> [String:
    [Diagnostic]]
  {
    var findings = try check(
      change.tipFolders, layout: change.tipLayout, in: change.tipSnapshot, settings: change.settings
    )
    guard change.settings.severity(of: .commitmentRemoved, default: .error) != nil else {
      return grouped(findings)
    }
    do {
      try change.repository.requireParents(from: change.base, to: change.tip)
      let history = CommitmentHistory(
        repository: change.repository, accountsDirectory: change.settings.accountsDirectory)
      let removals = try history.removedInRange(from: change.base, to: change.tip).filter {
        change.scope.contains($0.account)
      }
      findings += change.settings.applySeverities(
        RemovalReport.diagnostics(
          removals, layout: change.tipLayout, snapshot: change.tipSnapshot,
          accountsDirectory: change.settings.accountsDirectory))
    } catch let failure as HandoffError {
      throw failure
    } catch {
      throw HandoffError(error, during: "history")
    }
    return grouped(findings)
  }

  /// The same accounts' findings at the fork point, under the settings of that commit.
  private static func forkGate(_ change: RangeChange) throws(HandoffError) -> [String:
    [Diagnostic]]
  {
    guard let snapshot = change.forkSnapshot, let layout = change.forkLayout else { return [:] }
    return grouped(
      try check(change.forkFolders, layout: layout, in: snapshot, settings: change.forkSettings))
  }

  private static func check(
    _ folders: [String: AccountFolder], layout: AccountLayout, in snapshot: Snapshot,
    settings: Settings
  ) throws(HandoffError) -> [Diagnostic] {
    // No cache: the key only names cache entries, and a summary reads a handful of accounts.
    let context = AccountChecker.Context(
      settings: settings, settingsID: OID(bytes: Array(repeating: 0, count: 20)), cache: nil)
    let checked = try AccountChecker.check(Array(folders.values), in: snapshot, context: context)
    let layoutFindings = layout.findings.filter { $0.account.map { folders[$0] != nil } ?? false }
    return settings.applySeverities(layoutFindings + checked)
  }

  private static func sameFiles(_ one: AccountFolder?, _ two: AccountFolder?) -> Bool {
    guard let one, let two, one.unreadable == two.unreadable else { return false }
    func ids(_ folder: AccountFolder) -> [String: OID?] {
      Dictionary(
        folder.files.map { ($0.kind.fileName, $0.item.oid) },
        uniquingKeysWith: { first, _ in first })
    }
    return ids(one) == ids(two)
  }

  private static func grouped(_ findings: [Diagnostic]) -> [String: [Diagnostic]] {
    Dictionary(grouping: findings.filter { $0.account != nil }, by: { $0.account! })
      .mapValues(Diagnostic.sortedForOutput)
  }

  /// The errors of `one` that `other` does not have, matched by rule, file and message (not by
  /// line: an edit above a finding moves it without changing it).
  private static func errors(_ one: [Diagnostic], notIn other: [Diagnostic]) -> [Diagnostic] {
    func key(_ finding: Diagnostic) -> String {
      "\(finding.ruleID.rawValue)\u{0}\(finding.path)\u{0}\(finding.message)"
    }
    var remaining = Dictionary(
      other.filter { $0.severity == .error }.map { (key($0), 1) }, uniquingKeysWith: +)
    return one.filter { finding in
      guard finding.severity == .error else { return false }
      let name = key(finding)
      if let count = remaining[name], count > 0 {
        remaining[name] = count - 1
        return false
      }
      return true
    }
  }
}
