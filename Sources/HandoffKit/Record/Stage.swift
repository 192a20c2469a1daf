/// Where an account stands. Stages are ordered; `churned` counts as past `live`, and `lost`
/// ends the record needing no more than `prospect`.
public enum Stage: String, Sendable, CaseIterable, Comparable {
  case prospect, negotiation
  case closedWon = "closed-won"
  case handedOff = "handed-off"
  case onboarding, live, churned, lost

  /// The position used for "from stage S" comparisons.
  public var rank: Int {
    switch self {
    case .prospect, .lost: 0
    case .negotiation: 1
    case .closedWon: 2
    case .handedOff: 3
    case .onboarding: 4
    case .live: 5
    case .churned: 6
    }
  }

  public static func < (lhs: Stage, rhs: Stage) -> Bool { lhs.rank < rhs.rank }

  /// Closed: closed-won or any later stage except `lost`.
  public var isClosed: Bool { self != .lost && rank >= Stage.closedWon.rank }

  /// Closed and still a customer (closed-won to live): what has things due and needs a CSM.
  public var isCustomer: Bool { isClosed && self != .churned }
}
