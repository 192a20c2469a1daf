/// `handoff reviewers`: who should review a pull request, as one line of handles then a line
/// per account (text and Markdown), or JSON.
public struct ReviewersRenderer: Renderer {
  public var format: DiffFormat

  public init(format: DiffFormat) { self.format = format }

  public func render(_ result: ChangeReviewers.Result) -> String {
    format == .json ? Self.json(result) : Self.text(result)
  }

  static func text(_ result: ChangeReviewers.Result) -> String {
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
          "\(account.account): no handle for `\(missing.name)` (\(missing.key)); add it under "
          + "reviewers.people in .handoff.yaml\n"
      }
    }
    return TerminalText.escapeLines(out)
  }

  static func json(_ result: ChangeReviewers.Result) -> String {
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
