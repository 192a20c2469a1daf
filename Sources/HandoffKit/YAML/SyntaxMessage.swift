/// Rewrites libfyaml's parser messages into words a sales rep can act on.
enum SyntaxMessage {
  static func friendly(_ raw: String) -> String {
    let message = raw.trimmingWhitespace()
    let known: [(fragment: String, advice: String)] = [
      ("duplicate key", "duplicate key"),
      ("tab", "tabs cannot indent YAML; use spaces"),
      ("unterminated", "a quoted value is not closed"),
      (
        "did not find expected", "unexpected text; check the indentation and the `:` after each key"
      ),
      ("wrong indentation", "wrong indentation; line up keys of the same mapping"),
    ]
    for entry in known where message.lowercased().contains(entry.fragment) {
      return "\(entry.advice) (\(message))"
    }
    return message.isEmpty ? "not valid YAML" : message
  }
}

extension String {
  /// The string without leading and trailing spaces, tabs and line breaks.
  func trimmingWhitespace() -> String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
    guard let start = firstIndex(where: { !isSpace($0) }),
      let end = lastIndex(where: { !isSpace($0) })
    else { return "" }
    return String(self[start...end])
  }
}
