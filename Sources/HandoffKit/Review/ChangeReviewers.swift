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

  public static func text(_ result: Result) -> String {
    var out =
      (result.handles.isEmpty ? "(no reviewers)" : result.handles.joined(separator: " ")) + "\n"
    for account in result.accounts {
      let parts = account.reviewers.map { reviewer in
        reviewer.role == "escalation"
          ? "\(reviewer.handle) (escalation: \(account.redFlags) red flags)"
          : "\(reviewer.handle) (\(reviewer.role): \(reviewer.name ?? ""))"
      }
      out +=
        "\(account.account): " + (parts.isEmpty ? "nobody" : parts.joined(separator: ", ")) + "\n"
      for missing in account.missing {
        out +=
          "\(account.account): no handle for `\(missing.name)` (\(missing.key)); add it under reviewers.people in .handoff.yaml\n"
      }
    }
    return TerminalText.escapeLines(out)
  }

  public static func json(_ result: Result) -> String {
    JSONValue.object([
      ("version", .int(1)),
      ("reviewers", .array(result.handles.map(JSONValue.string))),
      (
        "accounts",
        .array(
          result.accounts.map { account in
            .object([
              ("account", .string(account.account)),
              ("red_flags", .int(account.redFlags)),
              ("escalated", .bool(account.escalated)),
              (
                "reviewers",
                .array(
                  account.reviewers.map { reviewer in
                    .object([
                      ("handle", .string(reviewer.handle)), ("role", .string(reviewer.role)),
                      ("name", .optional(reviewer.name)),
                    ])
                  })
              ),
              (
                "missing",
                .array(
                  account.missing.map {
                    .object([("name", .string($0.name)), ("key", .string($0.key))])
                  })
              ),
            ])
          })
      ),
    ]).serialized(indent: 2) + "\n"
  }
}
