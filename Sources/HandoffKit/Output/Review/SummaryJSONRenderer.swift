/// The summary for scripts: every account, never cut.
public struct SummaryJSONRenderer: Renderer {
  public init() {}

  public func render(_ summary: ChangeSummary) -> String {
    JSONValue.object([
      ("version", .int(1)),
      ("range", .string(summary.range)),
      ("base", .optional(summary.base?.description)),
      ("fork", .optional(summary.fork?.description)),
      ("tip", .string(summary.tip.description)),
      ("scope", .string(summary.everyAccount ? "all" : "changed")),
      ("errors", .int(summary.errors)),
      ("errors_introduced", .int(summary.errorsIntroduced)),
      ("errors_fixed", .int(summary.errorsFixed)),
      ("reviewers", .array(summary.reviewers.map(JSONValue.string))),
      ("accounts", .array(summary.accounts.map(Self.account))),
    ]).serialized(indent: 2) + "\n"
  }

  private static func account(_ account: AccountSummary) -> JSONValue {
    func checklist(_ side: AccountSummary.Checklist?) -> JSONValue {
      side.map {
        .object([
          ("fully", .int($0.fully)), ("items", .int($0.items)),
          ("completeness", .double($0.completeness)),
        ])
      }
        ?? .null
    }
    let commitments = account.commitments
    let risk = account.risk
    let reviewers = account.reviewers
    return .object([
      ("account", .string(account.account)),
      ("change", .string(account.change.rawValue)),
      (
        "stage",
        account.stage.map { .object([("from", .optional($0.from)), ("to", .optional($0.to))]) }
          ?? .null
      ),
      (
        "checklist",
        .object([
          ("before", checklist(account.before)), ("after", checklist(account.after)),
          ("now_fully", .array(account.nowFully.map(JSONValue.string))),
          ("no_longer_fully", .array(account.noLongerFully.map(JSONValue.string))),
        ])
      ),
      (
        "commitments",
        .object([
          (
            "added",
            .array(
              commitments.added.map {
                .object([
                  ("id", .string($0.id)), ("promise", .optional($0.promise)),
                  ("due", .optional($0.due)),
                ])
              })
          ),
          (
            "changed",
            .array(
              commitments.changed.map { change in
                .object([
                  ("id", .string(change.id)),
                  (
                    "fields",
                    .object(
                      change.fields.map { ($0.field, .object([("from", $0.from), ("to", $0.to)])) })
                  ),
                ])
              })
          ),
          (
            "withdrawn",
            .array(
              commitments.withdrawn.map {
                .object([("id", .string($0.id)), ("reason", .optional($0.reason))])
              })
          ),
          (
            "redated",
            .array(
              commitments.redated.map {
                .object([
                  ("id", .string($0.id)), ("from", .optional($0.from)), ("to", .optional($0.to)),
                ])
              })
          ),
          ("removed", .array(commitments.removed.map(JSONValue.string))),
        ])
      ),
      (
        "red_flags",
        .object([
          ("added", .array(risk.added.map(JSONValue.string))),
          ("removed", .array(risk.removed.map(JSONValue.string))),
          ("total", .int(risk.total)), ("threshold", .int(risk.threshold)),
          (
            "mitigation_plan",
            .object([
              ("needed", .bool(risk.mitigationNeeded)), ("present", .bool(risk.mitigationPresent)),
            ])
          ),
        ])
      ),
      (
        "gate",
        .object([
          ("errors", .int(account.verdict.errors)), ("warnings", .int(account.verdict.warnings)),
          ("introduced", .array(account.verdict.introduced.map(JSONRenderer.json))),
          ("fixed", .array(account.verdict.fixed.map(JSONRenderer.json))),
        ])
      ),
      (
        "reviewers",
        .array(
          reviewers.reviewers.map { reviewer in
            .object([
              ("handle", .string(reviewer.handle)), ("role", .string(reviewer.role)),
              ("name", .optional(reviewer.name)),
            ])
          })
      ),
      (
        "missing_handles",
        .array(
          reviewers.missing.map { .object([("name", .string($0.name)), ("key", .string($0.key))]) })
      ),
    ])
  }
}
