/// How much a finding matters: errors fail the run (exit 1), warnings and notes do not.
public enum Severity: String, Sendable, Comparable, CaseIterable, Codable {
  case note, warning, error

  private var rank: Int {
    switch self {
    case .note: 0
    case .warning: 1
    case .error: 2
    }
  }

  public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}
