/// A normalised rendering of a record: keys sorted, two-space indentation, comments and quoting
/// styles gone. Two files that mean the same render the same, which is what `git diff` needs
/// through `handoff textconv` and what `handoff show` prints.
public enum CanonicalYAML {
  public static func render(_ node: YAMLNode) -> String {
    var output = ""
    write(node, indent: 0, into: &output)
    return output
  }

  private static func write(_ node: YAMLNode, indent: Int, into output: inout String) {
    let pad = String(repeating: " ", count: indent)
    switch node.value {
    case .mapping(let entries):
      if entries.isEmpty {
        output += pad + "{}\n"
        return
      }
      for entry in entries.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
        let key = scalar(.string(entry.key))
        if isCollection(entry.value) {
          output += "\(pad)\(key):\n"
          write(entry.value, indent: indent + 2, into: &output)
        } else {
          output += "\(pad)\(key): \(scalar(entry.value.value))\n"
        }
      }
    case .sequence(let items):
      if items.isEmpty {
        output += pad + "[]\n"
        return
      }
      for item in items {
        if isCollection(item) {
          var nested = ""
          write(item, indent: indent + 2, into: &nested)
          // The first line of the item goes after the dash.
          output += pad + "- " + nested.dropFirst(indent + 2)
        } else {
          output += "\(pad)- \(scalar(item.value))\n"
        }
      }
    default:
      output += pad + scalar(node.value) + "\n"
    }
  }

  private static func isCollection(_ node: YAMLNode) -> Bool {
    switch node.value {
    case .mapping(let entries): !entries.isEmpty
    case .sequence(let items): !items.isEmpty
    default: false
    }
  }

  /// A scalar as YAML 1.2 reads it back: plain when that is unambiguous, double-quoted otherwise.
  static func scalar(_ value: YAMLNode.Value) -> String {
    switch value {
    case .null: return "null"
    case .bool(let flag): return flag ? "true" : "false"
    case .number(let number): return SchemaMessage.format(number)
    case .string(let text):
      let safe =
        text.unicodeScalars.first.map { $0.properties.isAlphabetic || ("0"..."9").contains($0) }
        ?? false
        && text.unicodeScalars.allSatisfy {
          $0.properties.isAlphabetic || "0123456789 ._/@-'()%+&,".unicodeScalars.contains($0)
        }
        && !text.hasSuffix(" ") && CoreSchemaResolver.resolve(plain: text) == .string(text)
      return safe ? text : JSONValue.string(text).serialized()
    case .sequence, .mapping: return "[]"
    }
  }
}
