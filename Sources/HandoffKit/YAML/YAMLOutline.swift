/// A document written out in full, positions and problems included: two documents with the same
/// outline are the same to every rule and message. The plain block reader is held to
/// libfyaml's reading by comparing outlines.
extension YAMLDocument {
  var outline: String {
    var lines = problems.map { "problem \($0.kind) \($0.location) \($0.message)" }
    if let root { YAMLDocument.outline(root, depth: 0, into: &lines) }
    return lines.joined(separator: "\n")
  }

  private static func outline(_ node: YAMLNode, depth: Int, into lines: inout [String]) {
    let pad = String(repeating: "  ", count: depth)
    let at = node.location.map(\.description) ?? "-"
    switch node.value {
    case .null: lines.append("\(pad)null @\(at)")
    case .bool(let flag): lines.append("\(pad)bool \(flag) @\(at)")
    case .number(let number): lines.append("\(pad)number \(number) @\(at)")
    case .string(let text): lines.append("\(pad)string \(Array(text.utf8)) @\(at)")
    case .sequence(let items):
      lines.append("\(pad)sequence \(items.count) @\(at)")
      for item in items { outline(item, depth: depth + 1, into: &lines) }
    case .mapping(let entries):
      lines.append("\(pad)mapping \(entries.count) @\(at)")
      for entry in entries {
        let keyAt = entry.keyLocation.map(\.description) ?? "-"
        lines.append("\(pad)key \(Array(entry.key.utf8)) @\(keyAt)")
        outline(entry.value, depth: depth + 1, into: &lines)
      }
    }
  }
}
