/// Rewrites a published 2020-12 schema as a draft-07 editor edition.
///
/// yaml-language-server (the VS Code YAML extension) understands draft-07 only. The schemas use
/// only keywords that mean the same in both drafts, so the edition differs in three places:
/// `$schema`, `$id`, and `$defs` spelled `definitions` (with the `$ref`s that point there).
public enum Draft7Edition {
  public static let metaSchema = "http://json-schema.org/draft-07/schema#"

  /// The draft-07 text of one published schema file.
  public static func convert(_ text: String) throws(JSONReader.Failure) -> String {
    let document = try JSONReader.parse(text)
    return rewrite(document, atRoot: true).serialized(indent: 2) + "\n"
  }

  /// Every published schema as its draft-07 edition: file name and text.
  public static func allFiles() -> [(name: String, text: String)] {
    SchemaLibrary.publishedFiles.compactMap { file in
      (try? convert(file.text)).map { (file.name, $0) }
    }
  }

  private static func rewrite(_ node: YAMLNode, atRoot: Bool) -> JSONValue {
    switch node.value {
    case .null: return .null
    case .bool(let flag): return .bool(flag)
    case .number(let number):
      return node.isInteger && abs(number) < 1e15 ? .int(Int(number)) : .double(number)
    case .string(let text): return .string(text)
    case .sequence(let items): return .array(items.map { rewrite($0, atRoot: false) })
    case .mapping(let entries):
      return .object(
        entries.map { entry in
          switch entry.key {
          case "$schema" where atRoot: return ("$schema", .string(metaSchema))
          case "$id" where atRoot:
            let id = entry.value.string ?? ""
            return ("$id", .string(id.replacing("/schema/v1/", with: "/schema/v1/draft-07/")))
          case "$defs": return ("definitions", rewrite(entry.value, atRoot: false))
          case "$ref":
            let target = entry.value.string ?? ""
            return ("$ref", .string(target.replacing("#/$defs/", with: "#/definitions/")))
          default: return (entry.key, rewrite(entry.value, atRoot: false))
          }
        })
    }
  }
}
