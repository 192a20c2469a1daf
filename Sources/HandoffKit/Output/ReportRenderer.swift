/// Turns a whole report into one output document. JSON and SARIF must be single documents,
/// so a renderer always sees everything at once.
public protocol ReportRenderer {
  func render(_ report: Report) -> String
}

/// The formats `validate --format` accepts.
public enum OutputFormat: String, CaseIterable, Sendable {
  case text, json, github, sarif, junit

  /// The renderer for this format; `color` matters only to text.
  public func renderer(color: Bool) -> any ReportRenderer {
    switch self {
    case .text: TextRenderer(color: color)
    case .json: JSONRenderer()
    case .github: GitHubRenderer()
    case .sarif: SARIFRenderer()
    case .junit: JUnitRenderer()
    }
  }
}
