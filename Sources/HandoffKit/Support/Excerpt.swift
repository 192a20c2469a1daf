/// A user's value as a message may quote it: at most a short excerpt, so a finding never echoes
/// a whole file (a record that is really `/etc/passwd`, say) into a terminal or a CI log.
enum Excerpt {
  static let limit = 40

  static func of(_ text: String) -> String {
    text.count > limit ? String(text.prefix(limit)) + "…" : text
  }
}
