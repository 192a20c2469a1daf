/// Text bound for a terminal with its control characters made visible: a file name holding a
/// newline or an escape sequence must not forge lines or drive the terminal.
public enum TerminalText {
  /// `text` with C0 controls, DEL and C1 controls written as `\n`, `\t`, `\r` or `\u{1b}`.
  public static func escape(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isControl) else { return text }
    var output = ""
    output.reserveCapacity(text.utf8.count + 8)
    for scalar in text.unicodeScalars {
      guard isControl(scalar) else {
        output.unicodeScalars.append(scalar)
        continue
      }
      switch scalar {
      case "\n": output += "\\n"
      case "\t": output += "\\t"
      case "\r": output += "\\r"
      default: output += "\\u{" + String(scalar.value, radix: 16) + "}"
      }
    }
    return output
  }

  /// A whole multi-line text with every control character but the line breaks escaped.
  public static func escapeLines(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: { isControl($0) && $0 != "\n" }) else { return text }
    return text.split(separator: "\n", omittingEmptySubsequences: false).map { escape(String($0)) }
      .joined(separator: "\n")
  }

  private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
  }
}
