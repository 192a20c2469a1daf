/// A finding inside one account, before it is given the account's path: it depends on nothing
/// but the account's files and the settings, which is what makes it safe to cache.
public struct FileFinding: Sendable, Equatable {
  public var ruleID: RuleID
  public var message: String
  /// The account-relative file name (`goals.yaml`); nil for the account folder itself.
  public var file: String?
  public var location: SourceLocation?
  public var instancePath: String?

  public init(
    ruleID: RuleID, message: String, file: String? = nil, location: SourceLocation?,
    instancePath: String? = nil
  ) {
    self.ruleID = ruleID
    self.message = message
    self.file = file
    self.location = location
    self.instancePath = instancePath
  }
}
