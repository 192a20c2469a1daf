/// What needs attention on a day: every closed account's clocks and dates checked against
/// `asOf` and a window of days ahead. Given the same records, settings and day the answer is
/// the same; nothing here reads the clock.
public struct DueQueue: Sendable {
  public var asOf: CalendarDate
  public var withinDays: Int
  /// Only this owner's items, when given.
  public var owner: String?
  /// Sorted by owner (nobody last), date, account, kind and subject.
  public var items: [DueItem]

  public static let defaultWindow = 14

  public init(asOf: CalendarDate, withinDays: Int, owner: String?, items: [DueItem]) {
    self.asOf = asOf
    self.withinDays = withinDays
    self.owner = owner
    let kept = items.filter { owner == nil || $0.owner == owner }
    // Indices are sorted, not the items: moving whole items around costs more than comparing.
    let order = kept.indices.sorted { leftIndex, rightIndex in
      let left = kept[leftIndex]
      let right = kept[rightIndex]
      switch (left.owner, right.owner) {
      case (let a?, let b?) where a != b: return a < b
      case (nil, _?): return false
      case (_?, nil): return true
      default: break
      }
      if left.due != right.due { return left.due < right.due }
      if left.account != right.account { return left.account < right.account }
      if left.kind != right.kind { return left.kind.rawValue < right.kind.rawValue }
      return (left.subject ?? "") < (right.subject ?? "")
    }
    self.items = order.map { kept[$0] }
  }

  /// The items of one account's record on `asOf`, looking `withinDays` ahead.
  public static func items(
    of record: AccountRecord, levels: ServiceLevels, asOf: CalendarDate, withinDays: Int
  ) -> [DueItem] {
    DueCandidate.candidates(of: record, levels: levels).compactMap {
      $0.item(asOf: asOf, withinDays: withinDays)
    }
  }
}
