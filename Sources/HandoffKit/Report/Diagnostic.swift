/// One finding about a user's file: what rule, how severe, where, and what to do about it.
public struct Diagnostic: Sendable, Equatable {
  public var ruleID: RuleID
  public var severity: Severity
  public var message: String
  /// Repository-relative path of the file (or folder) the finding is about.
  public var path: String
  /// Where in the file; nil when the finding is about the file or folder as a whole.
  public var location: SourceLocation?
  /// The account the file belongs to, when it belongs to one.
  public var account: String?
  /// JSON Pointer of the offending value, for schema findings.
  public var instancePath: String?
  /// Hints printed under the finding.
  public var notes: [String]
  /// For history findings: the full id of the commit that caused it.
  public var commit: String?

  public init(
    ruleID: RuleID, severity: Severity? = nil, message: String, path: String,
    location: SourceLocation? = nil, account: String? = nil, instancePath: String? = nil,
    notes: [String] = [], commit: String? = nil
  ) {
    self.commit = commit
    self.ruleID = ruleID
    self.severity = severity ?? RuleCatalog.info(ruleID)?.defaultSeverity ?? .error
    self.message = message
    self.path = path
    self.location = location
    self.account = account
    self.instancePath = instancePath
    self.notes = notes
  }

  /// Sorts by path, then position (whole-file findings first), then rule.
  public static func ordered(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
    if lhs.path != rhs.path { return lhs.path < rhs.path }
    let left = lhs.location ?? SourceLocation(line: 0, column: 0)
    let right = rhs.location ?? SourceLocation(line: 0, column: 0)
    if left != right { return left < right }
    if lhs.ruleID != rhs.ruleID { return lhs.ruleID < rhs.ruleID }
    return lhs.message < rhs.message
  }
}

extension Diagnostic {
  /// Sorts by path, then position (whole-file findings first), then rule and message.
  ///
  /// A large repository can have tens of thousands of warnings; sorting small keys by index and
  /// moving each diagnostic once is much cheaper than sorting the diagnostics themselves.
  static func sortedForOutput(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    if diagnostics.count < 2 { return diagnostics }
    let order = diagnostics.indices.sorted { ordered(diagnostics[$0], diagnostics[$1]) }
    if order.elementsEqual(diagnostics.indices) { return diagnostics }
    return order.map { diagnostics[$0] }
  }
}
