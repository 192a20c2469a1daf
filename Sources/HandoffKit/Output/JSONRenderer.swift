/// The versioned JSON document of `validate --format json`; its keys are a stable contract.
public struct JSONRenderer: Renderer {
  public init() {}

  public func render(_ report: Report) -> String {
    let document = JSONValue.object([
      ("version", .int(1)),
      ("source", .string(report.source)),
      ("scope", .string(report.scope.rawValue)),
      ("accounts", .int(report.accounts)),
      ("accounts_judged", .array(report.accountIDs.map { .string($0) })),
      ("other_accounts_with_errors", .int(report.otherAccountsWithErrors)),
      ("files", .int(report.files)),
      ("errors", .int(report.errorCount)),
      ("warnings", .int(report.warningCount)),
      ("diagnostics", .array(report.diagnostics.map(Self.json))),
    ])
    return document.serialized(indent: 2) + "\n"
  }

  static func json(_ diagnostic: Diagnostic) -> JSONValue {
    .object([
      ("file", .string(diagnostic.path)),
      ("line", .optional(diagnostic.location?.line)),
      ("column", .optional(diagnostic.location?.column)),
      ("severity", .string(diagnostic.severity.rawValue)),
      ("rule", .string(diagnostic.ruleID.rawValue)),
      ("message", .string(diagnostic.message)),
      ("account", .optional(diagnostic.account)),
      ("instance_path", .optional(diagnostic.instancePath)),
      ("commit", .optional(diagnostic.commit)),
    ])
  }
}
