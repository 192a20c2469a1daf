/// The formats `summary --format` accepts.
public enum SummaryFormat: String, CaseIterable, Sendable {
  case markdown, json

  public var renderer: any Renderer<ChangeSummary> {
    switch self {
    case .markdown: SummaryMarkdownRenderer()
    case .json: SummaryJSONRenderer()
    }
  }
}

/// The words both formats share.
enum SummaryWording {
  static func count(_ number: Int, _ noun: String) -> String {
    "\(number) \(noun)\(number == 1 ? "" : "s")"
  }

  static func checklist(_ side: AccountSummary.Checklist?) -> String {
    side.map { "\($0.fully)/\($0.items)" } ?? "none"
  }

  static func percent(_ side: AccountSummary.Checklist?) -> String {
    side.map { SchemaMessage.format($0.completeness) + "%" } ?? "none"
  }

  static func items(_ ids: [String]) -> String {
    let titles = Dictionary(uniqueKeysWithValues: Auditor.checklist.map { ($0.id, $0.title) })
    return ids.map { "\($0) \(titles[$0] ?? "")" }.joined(separator: ", ")
  }

  static func position(_ finding: Diagnostic) -> String {
    finding.path + (finding.location.map { ":\($0.line):\($0.column)" } ?? "")
  }
}
