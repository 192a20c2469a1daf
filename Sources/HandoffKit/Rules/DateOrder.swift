/// `date-order`: renewal strictly after start; kickoff on or after the intro meeting;
/// reconciliation on or after kickoff; first value on or after the close; the contract's end
/// on or after its start. Nothing else.
struct DateOrder: AccountRule {
  let id = RuleID.dateOrder

  static let pairs: [(earlier: String, later: String, strict: Bool)] = [
    ("contract.start", "contract.renewal", true),
    ("handoff.intro_meeting", "handoff.kickoff", false),
    ("handoff.kickoff", "handoff.reconciled_on", false),
    ("deal.closed_on", "handoff.first_value_on", false),
    ("contract.start", "contract.ended_on", false),
  ]

  func check(_ record: AccountRecord, _ context: RuleContext) -> [FileFinding] {
    Self.pairs.compactMap { pair in
      guard let earlier = record.accountDate(pair.earlier),
        let later = record.accountDate(pair.later)
      else { return nil }
      let wrong = pair.strict ? later.date <= earlier.date : later.date < earlier.date
      guard wrong else { return nil }
      return FileFinding(
        id, .outOfOrder(pair.later, later.date, pair.earlier, earlier.date, strict: pair.strict),
        in: .account, at: later.node.location)
    }
  }
}

extension String {
  fileprivate static func outOfOrder(
    _ later: String, _ laterDate: CalendarDate, _ earlier: String, _ earlierDate: CalendarDate,
    strict: Bool
  ) -> String {
    "`\(later)` (\(laterDate)) must be \(strict ? "after" : "on or after") `\(earlier)` "
      + "(\(earlierDate))"
  }
}
