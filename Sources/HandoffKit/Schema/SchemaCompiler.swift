/// Turns a schema document into linked `SchemaNode`s, resolving `$id` and `$ref` within it.
///
/// Every subschema is registered under each enclosing resource's URI plus its JSON Pointer, so a
/// `$ref` may cross `$id` boundaries as 2020-12 allows. References to documents that are not part
/// of the schema are an error: the validator never fetches anything.
struct SchemaCompiler {
  struct Failure: Error, CustomStringConvertible, Sendable {
    var message: String
    var description: String { message }
  }

  private var registry: [String: SchemaNode] = [:]
  private var references: [(node: SchemaNode, uri: String)] = []
  private var nodes: [SchemaNode] = []

  /// Compiles `document`; the returned nodes keep every subschema alive.
  static func compile(_ document: YAMLNode, baseURI: String) throws(Failure) -> (
    root: SchemaNode, nodes: [SchemaNode]
  ) {
    var compiler = SchemaCompiler()
    let root = try compiler.compile(document, base: baseURI, scopes: [(baseURI, "")])
    try compiler.link()
    return (root, compiler.nodes)
  }

  private mutating func compile(
    _ json: YAMLNode, base inheritedBase: String, scopes inheritedScopes: [(String, String)]
  ) throws(Failure) -> SchemaNode {
    var base = inheritedBase
    var scopes = inheritedScopes
    if let id = json["$id"]?.string {
      base = SchemaURI.split(SchemaURI.resolve(id, against: inheritedBase)).document
      scopes.append((base, ""))
    }
    let node: SchemaNode
    switch json.value {
    case .bool(let flag): node = SchemaNode(constant: flag)
    case .mapping: node = SchemaNode()
    default: throw Failure(message: "a schema must be an object or a boolean")
    }
    nodes.append(node)
    for (uri, pointer) in scopes {
      registry["\(uri)#\(pointer)"] = node
    }
    guard let entries = json.entries else { return node }

    func child(_ value: YAMLNode, _ path: String...) throws(Failure) -> SchemaNode {
      let suffix = path.map { "/" + SchemaURI.pointerToken($0) }.joined()
      return try compile(value, base: base, scopes: scopes.map { ($0.0, $0.1 + suffix) })
    }
    func children(_ value: YAMLNode, _ keyword: String) throws(Failure) -> [SchemaNode] {
      guard let items = value.items else { throw Failure(message: "`\(keyword)` must be an array") }
      var result: [SchemaNode] = []
      for (index, item) in items.enumerated() {
        result.append(try child(item, keyword, String(index)))
      }
      return result
    }
    func count(_ value: YAMLNode, _ keyword: String) throws(Failure) -> Int {
      guard value.isInteger, let number = value.number, number >= 0 else {
        throw Failure(message: "`\(keyword)` must be a non-negative integer")
      }
      return Int(min(number, Double(Int32.max)))
    }
    func number(_ value: YAMLNode, _ keyword: String) throws(Failure) -> Double {
      guard let number = value.number else {
        throw Failure(message: "`\(keyword)` must be a number")
      }
      return number
    }
    func pattern(_ source: String) throws(Failure) -> SchemaPattern {
      do { return try SchemaPattern(source) } catch {
        throw Failure(message: "`\(source)` is not a valid regular expression")
      }
    }

    for entry in entries {
      let value = entry.value
      switch entry.key {
      case "$ref":
        guard let text = value.string else { throw Failure(message: "`$ref` must be a string") }
        let uri = SchemaURI.resolve(text, against: base)
        node.reference = uri
        references.append((node, uri))
      case "$defs", "definitions":
        for definition in value.entries ?? [] {
          _ = try child(definition.value, entry.key, definition.key)
        }
      case "type":
        let names = value.items?.compactMap(\.string) ?? [value.string].compactMap { $0 }
        node.types = try names.map { name throws(Failure) in
          guard let type = JSONType(rawValue: name) else {
            throw Failure(message: "unknown type `\(name)`")
          }
          return type
        }
      case "enum": node.enumValues = value.items ?? []
      case "const": node.constValue = value
      case "properties":
        for property in value.entries ?? [] {
          node.properties[property.key] = try child(property.value, "properties", property.key)
          node.propertyOrder.append(property.key)
        }
      case "patternProperties":
        for property in value.entries ?? [] {
          node.patternProperties.append(
            (
              try pattern(property.key),
              try child(property.value, "patternProperties", property.key)
            ))
        }
      case "additionalProperties": node.additionalProperties = try child(value, entry.key)
      case "propertyNames": node.propertyNames = try child(value, entry.key)
      case "required": node.required = value.items?.compactMap(\.string) ?? []
      case "dependentRequired":
        node.dependentRequired = (value.entries ?? []).map {
          ($0.key, $0.value.items?.compactMap(\.string) ?? [])
        }
      case "minProperties": node.minProperties = try count(value, entry.key)
      case "maxProperties": node.maxProperties = try count(value, entry.key)
      case "prefixItems": node.prefixItems = try children(value, entry.key)
      case "items": node.items = try child(value, entry.key)
      case "minItems": node.minItems = try count(value, entry.key)
      case "maxItems": node.maxItems = try count(value, entry.key)
      case "uniqueItems": node.uniqueItems = value.bool ?? false
      case "minLength": node.minLength = try count(value, entry.key)
      case "maxLength": node.maxLength = try count(value, entry.key)
      case "pattern":
        guard let source = value.string else {
          throw Failure(message: "`pattern` must be a string")
        }
        node.pattern = try pattern(source)
      case "format": node.format = value.string
      case "description": node.description = value.string
      case "minimum": node.minimum = try number(value, entry.key)
      case "maximum": node.maximum = try number(value, entry.key)
      case "exclusiveMinimum": node.exclusiveMinimum = try number(value, entry.key)
      case "exclusiveMaximum": node.exclusiveMaximum = try number(value, entry.key)
      case "multipleOf": node.multipleOf = try number(value, entry.key)
      case "allOf": node.allOf = try children(value, entry.key)
      case "anyOf": node.anyOf = try children(value, entry.key)
      case "oneOf": node.oneOf = try children(value, entry.key)
      case "not": node.not = try child(value, entry.key)
      case "if": node.ifSchema = try child(value, entry.key)
      case "then": node.thenSchema = try child(value, entry.key)
      case "else": node.elseSchema = try child(value, entry.key)
      default: break
      }
    }
    return node
  }

  private mutating func link() throws(Failure) {
    for (node, uri) in references {
      let (document, fragment) = SchemaURI.split(uri)
      let pointer = SchemaURI.percentDecoded(fragment ?? "")
      guard let target = registry["\(document)#\(pointer)"] else {
        throw Failure(message: "`$ref` to `\(uri)` does not resolve inside the schema")
      }
      node.referenceTarget = target
    }
  }
}
