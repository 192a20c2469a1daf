/// What a rule is for: its default severity, a one-line summary and an example of a finding.
public struct RuleInfo: Sendable {
  public var id: RuleID
  public var defaultSeverity: Severity
  public var summary: String
  public var example: String
}

/// Every rule the tool knows, for settings checks, SARIF metadata and the README.
public enum RuleCatalog {
  public static let all: [RuleInfo] = [
    RuleInfo(
      id: .yamlSyntax, defaultSeverity: .error,
      summary: "The file is not well-formed YAML, not UTF-8, or not text at all.",
      example: "accounts/acme/goals.yaml:4:3: error[yaml-syntax]: a quoted value is not closed"),
    RuleInfo(
      id: .yamlDuplicateKey, defaultSeverity: .error,
      summary: "A key appears twice in one mapping; the finding points at the second one.",
      example: "accounts/acme/account.yaml:9:1: error[yaml-duplicate-key]: duplicate key `segment` (first at line 3)"),
    RuleInfo(
      id: .yamlForbidden, defaultSeverity: .error,
      summary: "Anchors, aliases, merge keys, explicit tags, complex keys or a second document.",
      example: "accounts/acme/risks.yaml:2:8: error[yaml-forbidden]: anchors (`&name`) are not allowed; write each value out in full"),
    RuleInfo(
      id: .schema, defaultSeverity: .error,
      summary: "The file breaks its published schema: unknown key, wrong type, bad enum value, bad date, missing key.",
      example: "accounts/acme/account.yaml:3:1: error[schema]: unknown key `segmnet` (did you mean `segment`?)"),
    RuleInfo(
      id: .strayFile, defaultSeverity: .warning,
      summary: "A file directly in the accounts folder, or an unexpected file in an account folder.",
      example: "accounts/acme/comitments.yaml: warning[stray-file]: unexpected file `comitments.yaml` (did you mean `commitments.yaml`?)"),
    RuleInfo(
      id: .badAccountID, defaultSeverity: .error,
      summary: "An account folder name that is not a slug (`^[a-z0-9][a-z0-9-]{0,62}$`).",
      example: "accounts/Acme Corp: error[bad-account-id]: `Acme Corp` is not a valid account id; use lower-case letters, digits and dashes"),
    RuleInfo(
      id: .config, defaultSeverity: .error,
      summary: "A problem in `.handoff.yaml`; the run stops with exit 2 before any record is judged.",
      example: ".handoff.yaml:5:3: error[config]: unknown rule `verbal-promise`"),
  ]

  private static let byID: [RuleID: RuleInfo] = Dictionary(
    uniqueKeysWithValues: all.map { ($0.id, $0) })

  public static func info(_ id: RuleID) -> RuleInfo? { byID[id] }
}
