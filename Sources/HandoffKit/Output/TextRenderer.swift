/// `path:line:col: severity[rule]: message`, one finding per line, then a summary line.
public struct TextRenderer: Renderer {
  public var color: Bool

  public init(color: Bool) { self.color = color }

  public func render(_ report: Report) -> String {
    var output = ""
    for diagnostic in report.diagnostics {
      output += line(for: diagnostic) + "\n"
      for note in diagnostic.notes { output += "  hint: \(TerminalText.escape(note))\n" }
    }
    output += summary(report) + "\n"
    return output
  }

  /// One finding as a line, without colour when colour is off.
  public func line(for diagnostic: Diagnostic) -> String {
    let position = diagnostic.location.map { ":\($0.line):\($0.column)" } ?? ""
    let severity = paint(
      diagnostic.severity.rawValue, diagnostic.severity == .error ? "1;31" : "1;33")
    let path = TerminalText.escape(diagnostic.path) + position
    return
      "\(paint(path, "1")): \(severity)[\(diagnostic.ruleID)]: "
      + "\(TerminalText.escape(diagnostic.message))"
  }

  private func summary(_ report: Report) -> String {
    let changed = report.scope == .changed
    let scope =
      "\(count(report.files, "file")) in "
      + "\(count(report.accounts, changed ? "changed account" : "account")) (\(report.source))"
    let found =
      report.diagnostics.isEmpty
      ? "no problems in \(scope)"
      : "\(count(report.errorCount, "error")), \(count(report.warningCount, "warning")) in \(scope)"
    guard changed else { return found }
    let others = report.otherAccountsWithErrors
    return found + "; "
      + (others == 0
        ? "no other account has errors"
        : "\(count(others, "other account")) \(others == 1 ? "has" : "have") errors, not judged "
          + "here (`handoff validate --all` lists them)")
  }

  private func count(_ number: Int, _ noun: String) -> String {
    "\(number) \(noun)\(number == 1 ? "" : "s")"
  }

  private func paint(_ text: String, _ code: String) -> String {
    color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }
}
