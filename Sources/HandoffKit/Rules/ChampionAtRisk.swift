/// `champion-at-risk`: a champion who is leaving, or who is not supportive.
struct ChampionAtRisk: DerivedRedFlag {
  let id = RuleID.championAtRisk

  func check(_ record: AccountRecord, _ context: RuleContext) -> [FileFinding] {
    record.stakeholders.filter { $0["roles"]?.strings.contains("champion") ?? false }.compactMap {
      person in
      let name = person["name"]?.string ?? "?"
      if let leaving = person["leaving_on"]?.string {
        return FileFinding(id, .leaving(name, leaving), in: .stakeholders, at: person.location)
      }
      if let stance = person["stance"]?.string, stance != "supportive" {
        return FileFinding(id, .lukewarm(name, stance), in: .stakeholders, at: person.location)
      }
      return nil
    }
  }
}

extension String {
  fileprivate static func leaving(_ name: String, _ date: String) -> String {
    "champion `\(Excerpt.of(name))` is leaving on \(date); name a successor"
  }

  fileprivate static func lukewarm(_ name: String, _ stance: String) -> String {
    "champion `\(Excerpt.of(name))` is \(stance), not supportive"
  }
}
