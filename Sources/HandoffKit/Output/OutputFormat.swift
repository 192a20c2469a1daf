/// The formats `validate --format` accepts.
public enum OutputFormat: String, CaseIterable, Sendable {
  case text, json, github, sarif, junit

  /// The renderer for this format; `color` matters only to text.
  public func renderer(color: Bool) -> any Renderer<Report> {
    switch self {
    case .text: TextRenderer(color: color)
    case .json: JSONRenderer()
    case .github: GitHubRenderer()
    case .sarif: SARIFRenderer()
    case .junit: JUnitRenderer()
    }
  }
}
