/// SARIF 2.1.0, the format code scanning (GitHub, GitLab, Azure DevOps) ingests: one run, the
/// rule catalogue with help text, and one result per finding with its region.
public struct SARIFRenderer: Renderer {
  public init() {}

  public func render(_ report: Report) -> String {
    let rules = RuleCatalog.all.sorted { $0.id < $1.id }
    let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
    let document = JSONValue.object([
      ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
      ("version", .string("2.1.0")),
      (
        "runs",
        .array([
          .object([
            (
              "tool",
              .object([
                (
                  "driver",
                  .object([
                    ("name", .string("handoff")),
                    ("version", .string(HandoffVersion.current)),
                    ("semanticVersion", .string(HandoffVersion.current)),
                    ("rules", .array(rules.map(Self.rule))),
                  ])
                )
              ])
            ),
            ("originalUriBaseIds", .object([("SRCROOT", .object([("uri", .string("file:///"))]))])),
            (
              "results",
              .array(report.diagnostics.map { Self.result($0, index: ruleIndex[$0.ruleID]) })
            ),
            ("properties", .object([("source", .string(report.source))])),
          ])
        ])
      ),
    ])
    return document.serialized(indent: 2) + "\n"
  }

  static func level(_ severity: Severity) -> String {
    switch severity {
    case .error: "error"
    case .warning: "warning"
    case .note: "note"
    }
  }

  static func rule(_ info: RuleInfo) -> JSONValue {
    .object([
      ("id", .string(info.id.rawValue)),
      ("name", .string(info.id.rawValue)),
      ("shortDescription", .object([("text", .string(info.summary))])),
      ("fullDescription", .object([("text", .string(info.summary))])),
      (
        "help",
        .object([
          ("text", .string("\(info.summary)\nExample: \(info.example)")),
          ("markdown", .string("\(info.summary)\n\nExample:\n\n```\n\(info.example)\n```")),
        ])
      ),
      ("defaultConfiguration", .object([("level", .string(level(info.defaultSeverity)))])),
    ])
  }

  static func result(_ diagnostic: Diagnostic, index: Int?) -> JSONValue {
    var physical: [(String, JSONValue)] = [
      (
        "artifactLocation",
        .object([("uri", .string(diagnostic.path)), ("uriBaseId", .string("SRCROOT"))])
      )
    ]
    if let location = diagnostic.location {
      physical.append(
        (
          "region",
          .object([("startLine", .int(location.line)), ("startColumn", .int(location.column))])
        ))
    }
    var members: [(String, JSONValue)] = [
      ("ruleId", .string(diagnostic.ruleID.rawValue))
    ]
    if let index { members.append(("ruleIndex", .int(index))) }
    members += [
      ("level", .string(level(diagnostic.severity))),
      ("message", .object([("text", .string(diagnostic.message))])),
      ("locations", .array([.object([("physicalLocation", .object(physical))])])),
    ]
    var properties: [(String, JSONValue)] = []
    if let account = diagnostic.account { properties.append(("account", .string(account))) }
    if let commit = diagnostic.commit { properties.append(("commit", .string(commit))) }
    if !properties.isEmpty { members.append(("properties", .object(properties))) }
    return .object(members)
  }
}
