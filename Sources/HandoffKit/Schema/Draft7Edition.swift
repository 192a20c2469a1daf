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
    return rewrite(JSONValue(document), atRoot: true).serialized(indent: 2) + "\n"
  }

  /// Every published schema as its draft-07 edition: file name and text.
  public static func allFiles() -> [(name: String, text: String)] {
    SchemaLibrary.publishedFiles.compactMap { file in
      (try? convert(file.text)).map { (file.name, $0) }
    }
  }

  private static func rewrite(_ value: JSONValue, atRoot: Bool) -> JSONValue {
    switch value {
    case .array(let items): return .array(items.map { rewrite($0, atRoot: false) })
    case .object(let members):
      return .object(
        members.map { key, member in
          switch (key, member) {
          case ("$schema", _) where atRoot: return ("$schema", .string(metaSchema))
          case ("$id", .string(let id)) where atRoot:
            return ("$id", .string(id.replacing("/schema/v1/", with: "/schema/v1/draft-07/")))
          case ("$defs", _): return ("definitions", rewrite(member, atRoot: false))
          case ("$ref", .string(let target)):
            return ("$ref", .string(target.replacing("#/$defs/", with: "#/definitions/")))
          default: return (key, rewrite(member, atRoot: false))
          }
        })
    default: return value
    }
  }
}
