/// Resolves plain scalars by the YAML 1.2 core schema, and nothing else.
///
/// YAML 1.1 readers turn `no`, `on` and `2026-08-14` into booleans and dates; the record format
/// rules that out, so this is the one place where a plain scalar gets a type.
enum CoreSchemaResolver {
  static func resolve(plain text: String) -> YAMLNode.Value {
    // Most values are words: only these first bytes can start a null, a boolean or a number.
    guard let first = text.utf8.first, Self.firstBytes[Int(first)] else {
      return text.isEmpty ? .null : .string(text)
    }
    switch text {
    case "", "~", "null", "Null", "NULL": return .null
    case "true", "True", "TRUE": return .bool(true)
    case "false", "False", "FALSE": return .bool(false)
    case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .number(.infinity)
    case "-.inf", "-.Inf", "-.INF": return .number(-.infinity)
    case ".nan", ".NaN", ".NAN": return .number(.nan)
    default: break
    }
    guard let first = text.utf8.first,
      first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".")
        || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9"))
    else { return .string(text) }
    if let number = integer(text) ?? float(text) { return .number(number) }
    return .string(text)
  }

  private static let firstBytes: [Bool] = (0..<256).map { byte in
    "~nNtTfF.+-0123456789".utf8.contains(UInt8(byte))
  }

  /// `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+`.
  private static func integer(_ text: String) -> Double? {
    let bytes = Array(text.utf8)
    if bytes.count > 2, bytes[0] == UInt8(ascii: "0") {
      let digits = String(decoding: bytes[2...], as: UTF8.self)
      if bytes[1] == UInt8(ascii: "o"), digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 55 }) {
        return parse(digits, radix: 8)
      }
      if bytes[1] == UInt8(ascii: "x"), digits.utf8.allSatisfy(isHexDigit) {
        return parse(digits, radix: 16)
      }
    }
    var body = bytes[...]
    if let sign = body.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
      body = body.dropFirst()
    }
    guard !body.isEmpty, body.allSatisfy(isDigit) else { return nil }
    return Double(text.hasPrefix("+") ? String(text.dropFirst()) : text)
  }

  /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
  private static func float(_ text: String) -> Double? {
    var bytes = Array(text.utf8)[...]
    if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
      bytes = bytes.dropFirst()
    }
    let intDigits = bytes.prefix(while: isDigit).count
    bytes = bytes.dropFirst(intDigits)
    var fractionDigits = 0
    if bytes.first == UInt8(ascii: ".") {
      bytes = bytes.dropFirst()
      fractionDigits = bytes.prefix(while: isDigit).count
      bytes = bytes.dropFirst(fractionDigits)
    }
    guard intDigits > 0 || fractionDigits > 0 else { return nil }
    if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
      bytes = bytes.dropFirst()
      if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
        bytes = bytes.dropFirst()
      }
      let expDigits = bytes.prefix(while: isDigit).count
      guard expDigits > 0 else { return nil }
      bytes = bytes.dropFirst(expDigits)
    }
    guard bytes.isEmpty else { return nil }
    return Double(text.hasPrefix("+") ? String(text.dropFirst()) : text)
  }

  private static func parse(_ digits: String, radix: Int) -> Double? {
    if let value = Int64(digits, radix: radix) { return Double(value) }
    var result = 0.0
    for byte in digits.utf8 {
      guard let digit = Int(String(UnicodeScalar(byte)), radix: radix) else { return nil }
      result = result * Double(radix) + Double(digit)
    }
    return result
  }

  private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

  private static func isHexDigit(_ byte: UInt8) -> Bool {
    isDigit(byte) || (byte >= 65 && byte <= 70) || (byte >= 97 && byte <= 102)
  }
}
