/// GitHub Actions workflow commands: each finding becomes an annotation on its line in the
/// pull request (`::error file=…,line=…,col=…,title=…::message`), then a plain summary line.
public struct GitHubRenderer: Renderer {
  public init() {}

  public func render(_ report: Report) -> String {
    var output = ""
    for diagnostic in report.diagnostics {
      let command =
        switch diagnostic.severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "notice"
        }
      var properties = ["file=\(Self.property(TerminalText.escape(diagnostic.path)))"]
      if let location = diagnostic.location {
        properties.append("line=\(location.line)")
        properties.append("col=\(location.column)")
      }
      properties.append("title=\(Self.property("handoff \(diagnostic.ruleID)"))")
      output +=
        "::\(command) \(properties.joined(separator: ","))::"
        + "\(Self.data(TerminalText.escape(diagnostic.message)))\n"
    }
    output +=
      "handoff: \(report.errorCount) errors, \(report.warningCount) warnings in \(report.files) "
      + "files in \(report.accounts) accounts (\(report.source))\n"
    return output
  }

  /// Escapes a message as the workflow-command parser expects.
  static func data(_ text: String) -> String {
    text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
      .replacingOccurrences(of: "\n", with: "%0A")
  }

  /// Escapes a property value, where `:` and `,` are separators too.
  static func property(_ text: String) -> String {
    data(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
  }
}
