import Foundation

/// The JSON types a schema can name in `type`.
enum JSONType: String, Sendable {
  case null, boolean, object, array, number, string, integer
}

/// A compiled `pattern`: the simple matcher where it suffices, ICU's engine otherwise.
struct SchemaPattern: @unchecked Sendable {
  let source: String
  private let simple: SimplePattern?
  private let regex: NSRegularExpression?

  init(_ source: String) throws {
    self.source = source
    simple = SimplePattern(source)
    regex = simple == nil ? try NSRegularExpression(pattern: source) : nil
  }

  func matches(_ text: String) -> Bool {
    if let simple { return simple.matches(text) }
    guard let regex else { return false }
    let range = NSRange(text.startIndex..., in: text)
    return regex.firstMatch(in: text, options: [], range: range) != nil
  }
}

/// One compiled (sub)schema. Immutable once the compiler has linked every `$ref`.
final class SchemaNode: @unchecked Sendable {
  /// For boolean schemas: `true` accepts everything, `false` nothing.
  var constant: Bool?

  var reference: String?
  unowned(unsafe) var referenceTarget: SchemaNode?

  var types: [JSONType]?
  var enumValues: [YAMLNode]?
  var constValue: YAMLNode?

  var properties: [String: SchemaNode] = [:]
  var propertyOrder: [String] = []
  var patternProperties: [(SchemaPattern, SchemaNode)] = []
  var additionalProperties: SchemaNode?
  var propertyNames: SchemaNode?
  var required: [String] = []
  var dependentRequired: [(String, [String])] = []
  var minProperties: Int?
  var maxProperties: Int?

  var prefixItems: [SchemaNode] = []
  var items: SchemaNode?
  var minItems: Int?
  var maxItems: Int?
  var uniqueItems = false

  var minLength: Int?
  var maxLength: Int?
  var pattern: SchemaPattern?
  var format: String?
  /// The schema's `description`, which explains a pattern better than the pattern itself.
  var description: String?

  var minimum: Double?
  var maximum: Double?
  var exclusiveMinimum: Double?
  var exclusiveMaximum: Double?
  var multipleOf: Double?

  var allOf: [SchemaNode] = []
  var anyOf: [SchemaNode]?
  var oneOf: [SchemaNode]?
  var not: SchemaNode?
  var ifSchema: SchemaNode?
  var thenSchema: SchemaNode?
  var elseSchema: SchemaNode?

  init(constant: Bool? = nil) {
    self.constant = constant
  }
}
