/// How the portfolio's handoffs are going: figures for every account closed (since a date),
/// broken down by sales owner and by month of close, and the weakest handoffs with their gaps.
public struct PortfolioReport: Sendable {
  public struct Group: Sendable {
    /// The sales owner, or the month of close as `YYYY-MM`.
    public var key: String
    public var figures: PortfolioFigures
  }

  public struct WeakHandoff: Sendable {
    public var account: String
    public var salesOwner: String?
    public var closeDay: CalendarDate?
    public var completeness: Double
    public var errors: Int
    public var redFlags: Int
    /// Checklist items not fully documented.
    public var gaps: [ChecklistItem]
  }

  /// The commit the report describes.
  public var head: CommitDetails
  /// Only accounts whose close commit is on or after this day are counted.
  public var since: CalendarDate?
  public var redFlagThreshold: Int
  /// Every account at HEAD, closed or not, and those with errors.
  public var trackedAccounts: Int
  public var trackedDefective: Int
  /// Accounts at HEAD that never closed (the pipeline, and lost deals).
  public var notClosed: Int
  public var summary: PortfolioFigures
  public var bySalesOwner: [Group]
  public var byCloseMonth: [Group]
  public var weakest: [WeakHandoff]

  /// Accounts without a sales owner are grouped under this key.
  public static let noOwner = "(no sales owner)"

  public init(_ scan: PortfolioScanner.Scan, since: CalendarDate? = nil, weakestCount: Int = 10) {
    var timer = PhaseTimer()
    defer { timer.mark("report: figures") }
    head = scan.head
    self.since = since
    redFlagThreshold = scan.settings.redFlagThreshold
    trackedAccounts = scan.facts.count
    trackedDefective = scan.facts.count { $0.errors > 0 }
    notClosed = scan.facts.count { $0.close == nil }
    let closed = scan.facts.filter { facts in
      guard let day = facts.closeDay else { return false }
      return since.map { day >= $0 } ?? true
    }
    let context = OutcomeFigures.Context(
      serviceLevels: scan.settings.serviceLevels, headTime: scan.head.time)
    summary = PortfolioFigures(closed, context: context)
    bySalesOwner = Dictionary(grouping: closed) { $0.salesOwner ?? Self.noOwner }
      .map { Group(key: $0.key, figures: PortfolioFigures($0.value, context: context)) }
      .sorted { $0.key < $1.key }
    byCloseMonth = Dictionary(grouping: closed) { $0.closeMonth ?? "" }
      .map { Group(key: $0.key, figures: PortfolioFigures($0.value, context: context)) }
      .sorted { $0.key < $1.key }
    // Sorted by place, not by value: each move of a value would copy an account's facts.
    let order = closed.map { ($0.completeness, -$0.redFlags.count) }
    weakest = closed.indices.sorted { left, right in
      order[left] != order[right]
        ? order[left] < order[right]
        : closed[left].account < closed[right].account
    }
    .prefix(weakestCount)
    .map { closed[$0] }
    .map { facts in
      WeakHandoff(
        account: facts.account, salesOwner: facts.salesOwner, closeDay: facts.closeDay,
        completeness: facts.completeness, errors: facts.errors, redFlags: facts.redFlags.count,
        gaps: facts.gaps)
    }
  }
}
