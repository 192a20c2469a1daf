/// Something in a file that stops it from being read as a record, with where it is.
public struct YAMLProblem: Error, Sendable, Equatable, CustomStringConvertible {
  public enum Kind: Sendable, Equatable {
    /// Not well-formed YAML, not UTF-8, or not text at all.
    case syntax
    /// A key written twice in one mapping; points at the second occurrence.
    case duplicateKey
    /// Valid YAML the record format rules out: anchors, aliases, tags, merge keys, more documents.
    case forbidden
  }

  public var kind: Kind
  public var message: String
  public var location: SourceLocation

  public init(_ kind: Kind, _ message: String, at location: SourceLocation) {
    self.kind = kind
    self.message = message
    self.location = location
  }

  public var description: String { "\(location): \(message)" }
}

/// The outcome of loading one file: its single document, if any, and every problem found.
public struct YAMLDocument: Sendable {
  /// The top-level node; nil when the file holds no document (empty or only comments).
  public var root: YAMLNode?
  public var problems: [YAMLProblem]
}
