/// `commitment-due-before-start`: a live promise due before the contract even starts.
struct CommitmentDueBeforeStart: DerivedRedFlag {
  let id = RuleID.commitmentDueBeforeStart

  func check(_ record: AccountRecord, _ context: RuleContext) -> [FileFinding] {
    guard let start = record.accountDate("contract.start")?.date else { return [] }
    return record.commitments.compactMap { commitment in
      guard commitment.isLiveCommitment, let node = commitment["due"],
        let due = node.string.flatMap(CalendarDate.init), due < start
      else { return nil }
      return FileFinding(
        id, .early(commitment["id"]?.string ?? "?", due, start), in: .commitments, at: node.location
      )
    }
  }
}

extension String {
  fileprivate static func early(_ id: String, _ due: CalendarDate, _ start: CalendarDate) -> String
  {
    "commitment `\(Excerpt.of(id))` is due \(due), before the contract starts on \(start)"
  }
}
