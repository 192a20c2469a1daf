/// How well one checklist item is documented.
public enum Coverage: String, Sendable {
  case fully, partially, not

  var points: Double {
    switch self {
    case .fully: 1
    case .partially: 0.5
    case .not: 0
    }
  }
}

/// One of the 15 checklist items, scored, with why and where.
public struct ChecklistItem: Sendable {
  public var id: String
  public var title: String
  public var coverage: Coverage
  public var reason: String
  /// The file and line that supports the score (nil when the record has nothing for it).
  public var file: String?
  public var location: SourceLocation?
}

/// The audit of one account: the checklist, the exit questions, the scorecard and red flags.
public struct AccountAudit: Sendable {
  public struct ExitQuestion: Sendable {
    public var question: String
    public var answered: Bool
    public var fields: [String]
  }

  public struct Category: Sendable {
    public var name: String
    /// clear, partial or unclear.
    public var rating: String
    public var rule: String
  }

  public struct RedFlag: Sendable {
    public var id: String
    public var category: String
    public var derived: Bool
  }

  public var account: String
  public var stage: String?
  public var items: [ChecklistItem]
  public var exitQuestions: [ExitQuestion]
  public var scorecard: [Category]
  public var redFlags: [RedFlag]
  public var mitigationNeeded: Bool
  public var mitigationPresent: Bool

  /// Items fully documented count one, partially half, as a percentage of 15.
  public var completeness: Double {
    items.reduce(0) { $0 + $1.coverage.points } / Double(max(items.count, 1)) * 100
  }
}
