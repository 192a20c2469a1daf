/// `skeptical-buyer`: a skeptic or blocker holds the budget or sponsors the deal.
struct SkepticalBuyer: DerivedRedFlag {
  let id = RuleID.skepticalBuyer

  func check(_ record: AccountRecord, _ context: RuleContext) -> [FileFinding] {
    record.stakeholders.compactMap { person in
      guard let stance = person["stance"]?.string, stance == "skeptical" || stance == "blocker",
        let role = person["roles"]?.strings.first(where: {
          $0 == "economic-buyer" || $0 == "executive-sponsor"
        })
      else { return nil }
      return FileFinding(
        id, .skeptical(person["name"]?.string ?? "?", stance, role), in: .stakeholders,
        at: person.location)
    }
  }
}

extension String {
  fileprivate static func skeptical(_ name: String, _ stance: String, _ role: String) -> String {
    "`\(Excerpt.of(name))` is \(role) and \(stance == "blocker" ? "a blocker" : "skeptical"); "
      + "plan how to win them over"
  }
}
