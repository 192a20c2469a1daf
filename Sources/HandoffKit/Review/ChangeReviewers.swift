/// `handoff reviewers A..B`: who should review a pull request, account by account: the accounts
/// `validate --range A..B` judges, each with its reviewers at B (at the fork point for an
/// account the change deletes).
public enum ChangeReviewers {
  public struct Result: Sendable {
    public var accounts: [AccountReviewers]

    /// Every handle once, in the order accounts and roles give them.
    public var handles: [String] {
      var seen = Set<String>()
      return accounts.flatMap(\.handles).filter { seen.insert($0).inserted }
    }

    public var hasMissing: Bool { accounts.contains { !$0.missing.isEmpty } }
  }

  public static func run(in workspace: Workspace, range: String) throws(HandoffError) -> Result {
    let change = try RangeChange.read(in: workspace, range: range, during: "reviewers")
    let after = change.records(atFork: false)
    // An account the change deletes is reviewed by the people it had before.
    let before = change.records(atFork: true)
    let accounts = change.accounts.compactMap { after[$0] ?? before[$0] }
    return Result(accounts: accounts.map { AccountReviewers($0, settings: change.settings) })
  }
}
