/// A small strict JSON reader that produces `YAMLNode`s (without positions), keeping key order.
///
/// Schemas and the conformance suite are JSON; reading them into the same node type as records
/// lets one evaluator serve both.
public enum JSONReader {
  public struct Failure: Error, CustomStringConvertible, Sendable {
    public var offset: Int
    public var message: String
    public var description: String { "invalid JSON at byte \(offset): \(message)" }
  }

  public static func parse(_ text: String) throws(Failure) -> YAMLNode {
    try parse(Array(text.utf8))
  }

  public static func parse(_ bytes: [UInt8]) throws(Failure) -> YAMLNode {
    var reader = Reader(bytes: bytes)
    reader.skipSpace()
    let value = try reader.value(depth: 0)
    reader.skipSpace()
    guard reader.index == bytes.count else { throw reader.fail("unexpected text after the value") }
    return value
  }

  private struct Reader {
    let bytes: [UInt8]
    var index = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    func fail(_ message: String) -> Failure { Failure(offset: index, message: message) }

    mutating func skipSpace() {
      while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    mutating func expect(_ literal: String) throws(Failure) {
      for byte in literal.utf8 {
        guard index < bytes.count, bytes[index] == byte else { throw fail("expected `\(literal)`") }
        index += 1
      }
    }

    mutating func value(depth: Int) throws(Failure) -> YAMLNode {
      guard depth < 512 else { throw fail("nested too deeply") }
      guard index < bytes.count else { throw fail("unexpected end") }
      switch bytes[index] {
      case UInt8(ascii: "{"):
        index += 1
        var entries: [YAMLEntry] = []
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
          index += 1
          return YAMLNode(.mapping(entries))
        }
        while true {
          skipSpace()
          let key = try string()
          skipSpace()
          try expect(":")
          skipSpace()
          let item = try value(depth: depth + 1)
          if let existing = entries.firstIndex(where: { $0.key == key }) {
            entries[existing].value = item
          } else {
            entries.append(YAMLEntry(key: key, value: item))
          }
          skipSpace()
          guard index < bytes.count else { throw fail("unexpected end in object") }
          if bytes[index] == UInt8(ascii: ",") {
            index += 1
            continue
          }
          try expect("}")
          return YAMLNode(.mapping(entries))
        }
      case UInt8(ascii: "["):
        index += 1
        var items: [YAMLNode] = []
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
          index += 1
          return YAMLNode(.sequence(items))
        }
        while true {
          skipSpace()
          items.append(try value(depth: depth + 1))
          skipSpace()
          guard index < bytes.count else { throw fail("unexpected end in array") }
          if bytes[index] == UInt8(ascii: ",") {
            index += 1
            continue
          }
          try expect("]")
          return YAMLNode(.sequence(items))
        }
      case UInt8(ascii: "\""):
        return YAMLNode(.string(try string()))
      case UInt8(ascii: "t"):
        try expect("true")
        return YAMLNode(.bool(true))
      case UInt8(ascii: "f"):
        try expect("false")
        return YAMLNode(.bool(false))
      case UInt8(ascii: "n"):
        try expect("null")
        return YAMLNode(.null)
      default:
        return YAMLNode(.number(try number()))
      }
    }

    mutating func number() throws(Failure) -> Double {
      let start = index
      while index < bytes.count,
        let scalar = Optional(bytes[index]),
        (scalar >= 0x30 && scalar <= 0x39) || [0x2D, 0x2B, 0x2E, 0x65, 0x45].contains(scalar)
      {
        index += 1
      }
      guard index > start,
        let number = Double(String(decoding: bytes[start..<index], as: UTF8.self))
      else { throw fail("expected a value") }
      return number
    }

    mutating func string() throws(Failure) -> String {
      try expect("\"")
      var scalars = String.UnicodeScalarView()
      var run = index
      func flush(_ end: Int) {
        scalars.append(contentsOf: String(decoding: bytes[run..<end], as: UTF8.self).unicodeScalars)
      }
      while index < bytes.count {
        let byte = bytes[index]
        if byte == UInt8(ascii: "\"") {
          flush(index)
          index += 1
          return String(scalars)
        }
        if byte == UInt8(ascii: "\\") {
          flush(index)
          index += 1
          guard index < bytes.count else { break }
          let escape = bytes[index]
          index += 1
          switch escape {
          case UInt8(ascii: "n"): scalars.append("\n")
          case UInt8(ascii: "t"): scalars.append("\t")
          case UInt8(ascii: "r"): scalars.append("\r")
          case UInt8(ascii: "b"): scalars.append("\u{08}")
          case UInt8(ascii: "f"): scalars.append("\u{0C}")
          case UInt8(ascii: "u"):
            var code = try hex4()
            if (0xD800..<0xDC00).contains(code), index + 1 < bytes.count,
              bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
            {
              index += 2
              let low = try hex4()
              code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            }
            scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
          default: scalars.append(Unicode.Scalar(escape))
          }
          run = index
          continue
        }
        index += 1
      }
      throw fail("unterminated string")
    }

    mutating func hex4() throws(Failure) -> UInt32 {
      guard index + 4 <= bytes.count,
        let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
      else { throw fail("bad \\u escape") }
      index += 4
      return code
    }
  }
}
