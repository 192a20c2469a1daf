/// A finding about one file's contents alone: it depends on nothing but the bytes and the kind
/// of record, which is what makes it safe to cache by blob id.
public struct FileFinding: Sendable, Equatable {
  public var ruleID: RuleID
  public var message: String
  public var location: SourceLocation?
  public var instancePath: String?

  public init(ruleID: RuleID, message: String, location: SourceLocation?, instancePath: String? = nil) {
    self.ruleID = ruleID
    self.message = message
    self.location = location
    self.instancePath = instancePath
  }
}
