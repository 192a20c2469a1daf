/// The stable public name of a rule, as `.handoff.yaml` `rules:` and every output spell it.
public struct RuleID: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
  public var rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }
  public init(_ rawValue: String) { self.rawValue = rawValue }

  public var description: String { rawValue }
  public static func < (lhs: RuleID, rhs: RuleID) -> Bool { lhs.rawValue < rhs.rawValue }

  /// Not well-formed YAML, not UTF-8, or not text.
  public static let yamlSyntax = RuleID("yaml-syntax")
  /// A key written twice in one mapping.
  public static let yamlDuplicateKey = RuleID("yaml-duplicate-key")
  /// YAML the record format rules out: anchors, aliases, tags, merge keys, more documents.
  public static let yamlForbidden = RuleID("yaml-forbidden")
  /// A file that breaks its published schema.
  public static let schema = RuleID("schema")
  /// A file that is not a record, where records live.
  public static let strayFile = RuleID("stray-file")
  /// An account folder whose name is not a valid account id.
  public static let badAccountID = RuleID("bad-account-id")
  /// A problem in `.handoff.yaml`; always stops the run.
  public static let config = RuleID("config")
}
