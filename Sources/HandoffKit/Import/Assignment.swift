/// Who becomes `owners.success` of a newly closed account, by the settings' `assignment`
/// rules: the first rule whose `when` matches, and within its `success` list the person who
/// owns the fewest accounts at closed-won, handed-off or onboarding, ties to the earlier name.
/// Loads are counted on the snapshot being written to and updated as accounts are assigned, so
/// one run spreads its accounts as the rules intend and the same inputs give the same people.
struct Assignment {
  var rules: [AssignmentRule]
  /// Accounts per CSM at the counted stages.
  private(set) var load: [String: Int] = [:]

  static let countedStages: Set<Stage> = [.closedWon, .handedOff, .onboarding]

  init(rules: [AssignmentRule], records: [AccountRecord]) {
    self.rules = rules
    for record in records { count(record, by: 1) }
  }

  /// The CSM for an account (nil when no rule matches), counted from now on.
  mutating func assign(segment: String?, region: String?, products: [String], stage: Stage?)
    -> String?
  {
    guard
      let rule = rules.first(where: {
        $0.matches(segment: segment, region: region, products: products)
      })
    else {
      return nil
    }
    var best: String?
    for person in rule.success
    where best == nil || load[person, default: 0] < load[best!, default: 0] {
      best = person
    }
    if let best, let stage, Self.countedStages.contains(stage) { load[best, default: 0] += 1 }
    return best
  }

  /// Removes an account's old state from the loads before its new one is counted.
  mutating func count(_ record: AccountRecord, by step: Int) {
    guard let stage = record.stage, Self.countedStages.contains(stage),
      let person = record.accountValue("owners.success")?.string
    else { return }
    load[person, default: 0] += step
  }
}

extension AccountRecord {
  /// What the assignment rules match on.
  var assignmentKeys: (segment: String?, region: String?, products: [String]) {
    (
      accountValue("segment")?.string, accountValue("region")?.string,
      accountValue("products")?.strings ?? []
    )
  }
}
