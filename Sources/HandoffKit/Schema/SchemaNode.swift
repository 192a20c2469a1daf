import Foundation

/// The JSON types a schema can name in `type`.
enum JSONType: String, Sendable {
  case null, boolean, object, array, number, string, integer
}

/// A compiled regular expression with a fast path for `^prefix` patterns.
///
/// `^x-` is checked on every key of every mapping; a prefix test avoids the regex engine there.
struct SchemaPattern: @unchecked Sendable {
  let source: String
  private let literalPrefix: String?
  private let regex: NSRegularExpression

  init(_ source: String) throws {
    self.source = source
    self.regex = try NSRegularExpression(pattern: source)
    let body = source.dropFirst()
    let metacharacters = Set("\\^$.|?*+()[]{}")
    if source.hasPrefix("^"), !body.contains(where: { metacharacters.contains($0) }) {
      literalPrefix = String(body)
    } else {
      literalPrefix = nil
    }
  }

  func matches(_ text: String) -> Bool {
    if let literalPrefix { return text.hasPrefix(literalPrefix) }
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
