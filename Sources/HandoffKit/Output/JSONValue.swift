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
    var output: [UInt8] = []
    output.reserveCapacity(256)
    write(into: &output, indent: indent, level: 0)
    return String(decoding: output, as: UTF8.self)
  }

  /// Written as UTF-8 bytes: large reports (a whole portfolio) spend their time here otherwise.
  private func write(into output: inout [UInt8], indent: Int?, level: Int) {
    func breakLine(_ depth: Int) {
      guard let indent else { return }
      output.append(UInt8(ascii: "\n"))
      output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * depth))
    }
    switch self {
    case .null: output += "null".utf8
    case .bool(let flag): output += (flag ? "true" : "false").utf8
    case .int(let number): output += String(number).utf8
    case .double(let number): output += (number.isFinite ? String(number) : "null").utf8
    case .string(let text): JSONValue.escape(text, into: &output)
    case .array(let items):
      guard !items.isEmpty else {
        output += "[]".utf8
        return
      }
      output.append(UInt8(ascii: "["))
      for (index, item) in items.enumerated() {
        if index > 0 { output.append(UInt8(ascii: ",")) }
        breakLine(level + 1)
        item.write(into: &output, indent: indent, level: level + 1)
      }
      breakLine(level)
      output.append(UInt8(ascii: "]"))
    case .object(let members):
      guard !members.isEmpty else {
        output += "{}".utf8
        return
      }
      output.append(UInt8(ascii: "{"))
      for (index, (key, value)) in members.enumerated() {
        if index > 0 { output.append(UInt8(ascii: ",")) }
        breakLine(level + 1)
        JSONValue.escape(key, into: &output)
        output += (indent == nil ? ":" : ": ").utf8
        value.write(into: &output, indent: indent, level: level + 1)
      }
      breakLine(level)
      output.append(UInt8(ascii: "}"))
    }
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)

  private static func escape(_ text: String, into output: inout [UInt8]) {
    output.append(UInt8(ascii: "\""))
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "\""): output += "\\\"".utf8
      case UInt8(ascii: "\\"): output += "\\\\".utf8
      case UInt8(ascii: "\n"): output += "\\n".utf8
      case UInt8(ascii: "\r"): output += "\\r".utf8
      case UInt8(ascii: "\t"): output += "\\t".utf8
      case ..<0x20: output += "\\u00".utf8 + [hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 15)]]
      default: output.append(byte)
      }
    }
    output.append(UInt8(ascii: "\""))
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
