/// A compiled JSON Schema (draft 2020-12 keywords that mean the same in draft-07), ready to
/// validate loaded records and report each violation at its line and column.
public final class JSONSchema: Sendable {
  public struct CompileError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
  }

  private let root: SchemaNode
  /// Keeps every subschema alive: `$ref` links are unowned.
  private let nodes: [SchemaNode]

  public init(_ document: YAMLNode, baseURI: String = "") throws(CompileError) {
    do {
      (root, nodes) = try SchemaCompiler.compile(document, baseURI: baseURI)
    } catch {
      throw CompileError(message: error.message)
    }
  }

  public convenience init(json: String, baseURI: String = "") throws(CompileError) {
    let document: YAMLNode
    do { document = try JSONReader.parse(json) } catch {
      throw CompileError(message: error.description)
    }
    try self.init(document, baseURI: baseURI)
  }

  /// Every violation, in document order of the offending nodes as the evaluator met them.
  public func violations(of node: YAMLNode) -> [SchemaViolation] {
    SchemaEvaluator.violations(of: node, against: root)
  }

  /// Whether `node` is valid, without building messages.
  public func accepts(_ node: YAMLNode) -> Bool {
    SchemaEvaluator.accepts(node, root)
  }
}
