/// A JSON document built in code and written with keys in the order given, so outputs are
/// stable byte for byte.
public indirect enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  case int(Int)
  case double(Double)
  case string(String)
  case array([JSONValue])
  case object([(String, JSONValue)])

  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    lhs.serialized() == rhs.serialized()
  }

  /// Compact when `indent` is nil, otherwise pretty-printed with that many spaces per level.
  public func serialized(indent: Int? = nil) -> String {
    var output = ""
    write(into: &output, indent: indent, level: 0)
    return output
  }

  private func write(into output: inout String, indent: Int?, level: Int) {
    let newline = indent.map { "\n" + String(repeating: " ", count: $0 * (level + 1)) } ?? ""
    let closing = indent.map { "\n" + String(repeating: " ", count: $0 * level) } ?? ""
    switch self {
    case .null: output += "null"
    case .bool(let flag): output += flag ? "true" : "false"
    case .int(let number): output += String(number)
    case .double(let number): output += number.isFinite ? String(number) : "null"
    case .string(let text): JSONValue.escape(text, into: &output)
    case .array(let items):
      guard !items.isEmpty else { return output += "[]" }
      output += "["
      for (index, item) in items.enumerated() {
        output += (index > 0 ? "," : "") + newline
        item.write(into: &output, indent: indent, level: level + 1)
      }
      output += closing + "]"
    case .object(let members):
      guard !members.isEmpty else { return output += "{}" }
      output += "{"
      for (index, (key, value)) in members.enumerated() {
        output += (index > 0 ? "," : "") + newline
        JSONValue.escape(key, into: &output)
        output += indent == nil ? ":" : ": "
        value.write(into: &output, indent: indent, level: level + 1)
      }
      output += closing + "}"
    }
  }

  private static func escape(_ text: String, into output: inout String) {
    output += "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": output += "\\\""
      case "\\": output += "\\\\"
      case "\n": output += "\\n"
      case "\r": output += "\\r"
      case "\t": output += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: output.unicodeScalars.append(scalar)
      }
    }
    output += "\""
  }
}

extension JSONValue {
  /// `.string` for a value, `.null` for nil.
  static func optional(_ text: String?) -> JSONValue { text.map { .string($0) } ?? .null }
  /// `.int` for a value, `.null` for nil.
  static func optional(_ number: Int?) -> JSONValue { number.map { .int($0) } ?? .null }
}

extension JSONValue {
  /// The JSON form of a loaded node; whole numbers are written without a fraction.
  public init(_ node: YAMLNode) {
    switch node.value {
    case .null: self = .null
    case .bool(let flag): self = .bool(flag)
    case .number(let number):
      self = node.isInteger && abs(number) < 1e15 ? .int(Int(number)) : .double(number)
    case .string(let text): self = .string(text)
    case .sequence(let items): self = .array(items.map(JSONValue.init))
    case .mapping(let entries): self = .object(entries.map { ($0.key, JSONValue($0.value)) })
    }
  }
}
