/// A user's text placed in Markdown: control characters made visible, and `|` escaped so that a
/// value cannot end a table cell early.
enum MarkdownText {
  static func cell(_ text: String) -> String {
    TerminalText.escape(text).replacingOccurrences(of: "|", with: "\\|")
  }

  /// Inline code that holds any text: a fence longer than any run of backticks inside.
  static func code(_ text: String) -> String {
    let escaped = cell(text)
    var longest = 0
    var run = 0
    for character in escaped {
      run = character == "`" ? run + 1 : 0
      longest = max(longest, run)
    }
    let fence = String(repeating: "`", count: longest + 1)
    let pad = escaped.hasPrefix("`") || escaped.hasSuffix("`") ? " " : ""
    return fence + pad + escaped + pad + fence
  }
}
