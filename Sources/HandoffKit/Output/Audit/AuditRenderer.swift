/// `handoff audit`: each account's checklist, exit questions, scorecard and red flags, as
/// JSON, plain text, or Markdown for a pull request.
public struct AuditRenderer: Renderer {
  public var format: DiffFormat

  public init(format: DiffFormat) { self.format = format }

  public func render(_ audits: [AccountAudit]) -> String {
    switch format {
    case .json: Self.json(audits)
    case .text: TerminalText.escapeLines(Self.text(audits, markdown: false))
    case .markdown: TerminalText.escapeLines(Self.text(audits, markdown: true))
    }
  }

  static func json(_ audits: [AccountAudit]) -> String {
    let accounts = JSONValue.array(
      audits.map { audit in
        .object([
          ("account", .string(audit.account)),
          ("stage", .optional(audit.stage)),
          ("completeness", .double((audit.completeness * 10).rounded() / 10)),
          (
            "items",
            .array(
              audit.items.map { item in
                .object([
                  ("id", .string(item.id)), ("title", .string(item.title)),
                  ("coverage", .string(item.coverage.rawValue)),
                  ("reason", .string(item.reason)), ("file", .optional(item.file)),
                  ("line", .optional(item.location?.line)),
                ])
              })
          ),
          (
            "exit_questions",
            .array(
              audit.exitQuestions.map { question in
                .object([
                  ("question", .string(question.question)), ("answered", .bool(question.answered)),
                  ("fields", .array(question.fields.map(JSONValue.string))),
                ])
              })
          ),
          (
            "scorecard",
            .array(
              audit.scorecard.map { category in
                .object([
                  ("category", .string(category.name)), ("rating", .string(category.rating)),
                  ("rule", .string(category.rule)),
                ])
              })
          ),
          (
            "red_flags",
            .array(
              audit.redFlags.map { flag in
                .object([
                  ("id", .string(flag.id)), ("category", .string(flag.category)),
                  ("derived", .bool(flag.derived)),
                ])
              })
          ),
          (
            "mitigation_plan",
            .object([
              ("needed", .bool(audit.mitigationNeeded)),
              ("present", .bool(audit.mitigationPresent)),
            ])
          ),
        ])
      }
    )
    return JSONValue.object([("version", .int(1)), ("accounts", accounts)]).serialized(indent: 2)
      + "\n"
  }

  static func text(_ audits: [AccountAudit], markdown: Bool) -> String {
    var output = ""
    for audit in audits {
      let percent = SchemaMessage.format((audit.completeness * 10).rounded() / 10)
      output +=
        markdown
        ? "## \(audit.account): \(percent)% complete\n\n| item | coverage | reason | where |\n| "
          + "--- | --- | --- | --- |\n"
        : "\(audit.account) (\(audit.stage ?? "no stage")): \(percent)% complete\n"
      for item in audit.items {
        let place = item.file.map { "\($0)\(item.location.map { ":\($0.line)" } ?? "")" } ?? "-"
        output +=
          markdown
          ? "| \(item.id) \(item.title) | \(item.coverage.rawValue) | \(item.reason) | \(place) |\n"
          : "  \(item.id) "
            + "\(item.coverage.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) "
            + "\(item.title): \(item.reason) (\(place))\n"
      }
      output += markdown ? "\n" : ""
      for question in audit.exitQuestions {
        output +=
          "\(markdown ? "- " : "  ")\(question.answered ? "answered" : "NOT answered"): "
          + "\(question.question)\n"
      }
      for category in audit.scorecard {
        output += "\(markdown ? "- " : "  ")\(category.name): \(category.rating)\n"
      }
      let flags = audit.redFlags.map { "\($0.id) (\($0.category)\($0.derived ? ", derived" : ""))" }
      output +=
        "\(markdown ? "- " : "  ")red flags: "
        + "\(flags.isEmpty ? "none" : flags.joined(separator: ", "))"
        + "; mitigation plan \(audit.mitigationNeeded ? "needed" : "not needed") and "
        + "\(audit.mitigationPresent ? "present" : "absent")\n\n"
    }
    return output
  }
}
