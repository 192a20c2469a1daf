/// One node of a loaded document: a JSON-compatible value that remembers where it was written.
///
/// The loader resolves scalars by the YAML 1.2 core schema, so a node is exactly what a JSON
/// Schema validator sees. Nodes built from JSON (schemas, conformance data) carry no location.
public struct YAMLNode: Sendable {
  public indirect enum Value: Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case sequence([YAMLNode])
    case mapping([YAMLEntry])
  }

  public var value: Value
  public var location: SourceLocation?

  public init(_ value: Value, at location: SourceLocation? = nil) {
    self.value = value
    self.location = location
  }
}

/// A key and its value inside a mapping, in the order they were written.
public struct YAMLEntry: Sendable {
  public var key: String
  public var keyLocation: SourceLocation?
  public var value: YAMLNode

  public init(key: String, keyLocation: SourceLocation? = nil, value: YAMLNode) {
    self.key = key
    self.keyLocation = keyLocation
    self.value = value
  }
}

extension YAMLNode {
  /// The entries of a mapping node, or nil for any other node.
  public var entries: [YAMLEntry]? {
    if case .mapping(let entries) = value { return entries }
    return nil
  }

  /// The items of a sequence node, or nil for any other node.
  public var items: [YAMLNode]? {
    if case .sequence(let items) = value { return items }
    return nil
  }

  /// The text of a string node, or nil for any other node.
  public var string: String? {
    if case .string(let text) = value { return text }
    return nil
  }

  /// The value of a number node, or nil for any other node.
  public var number: Double? {
    if case .number(let number) = value { return number }
    return nil
  }

  /// The value of a boolean node, or nil for any other node.
  public var bool: Bool? {
    if case .bool(let flag) = value { return flag }
    return nil
  }

  /// The entry for `key` in a mapping node.
  public func entry(_ key: String) -> YAMLEntry? {
    entries?.first { $0.key == key }
  }

  /// The value for `key` in a mapping node.
  public subscript(key: String) -> YAMLNode? {
    entry(key)?.value
  }

  /// A number is an integer when it has no fractional part, as JSON Schema counts it.
  public var isInteger: Bool {
    guard let number else { return false }
    return number.isFinite && number.rounded(.towardZero) == number
  }
}

extension YAMLNode: Equatable {
  /// JSON equality: `1 == 1.0`, mappings compare regardless of key order.
  public static func == (lhs: YAMLNode, rhs: YAMLNode) -> Bool {
    switch (lhs.value, rhs.value) {
    case (.null, .null): return true
    case (.bool(let a), .bool(let b)): return a == b
    case (.number(let a), .number(let b)): return a == b
    case (.string(let a), .string(let b)):
      // JSON compares code points; Swift's `==` would equate canonically equivalent strings.
      return a.utf8.elementsEqual(b.utf8)
    case (.sequence(let a), .sequence(let b)): return a == b
    case (.mapping(let a), .mapping(let b)):
      guard a.count == b.count else { return false }
      for entry in a {
        guard let other = b.first(where: { $0.key == entry.key }), other.value == entry.value
        else { return false }
      }
      return true
    default: return false
    }
  }
}

extension YAMLNode.Value: Equatable {
  /// The same JSON equality as nodes, positions aside.
  public static func == (lhs: YAMLNode.Value, rhs: YAMLNode.Value) -> Bool {
    YAMLNode(lhs) == YAMLNode(rhs)
  }
}
