/// Runs every domain rule over one account, in a fixed order, honouring rules set to `off`.
public enum DomainRules {
  static let rules: [any AccountRule] = [
    MissingFile(), StageRequirement(), DateOrder(), DuplicateID(),
  ]

  static let derivedRedFlags: [any DerivedRedFlag] = [
    VerbalCommitmentNotInContract(), RoadmapCommitment(), DeepDiscount(), ChampionAtRisk(),
    NoEndUserInEvaluation(), SkepticalBuyer(), CommitmentDueBeforeStart(),
  ]

  /// Every domain finding of `record` under `settings`.
  public static func check(_ record: AccountRecord, settings: Settings) -> [FileFinding] {
    let context = RuleContext(settings: settings)
    var findings: [FileFinding] = []
    for rule in rules where !context.isOff(rule.id) {
      findings += rule.check(record, context)
    }
    guard record.present.contains(.account) else { return findings }
    var fired = 0
    for rule in derivedRedFlags where !context.isOff(rule.id) {
      let found = rule.check(record, context)
      if !found.isEmpty { fired += 1 }
      findings += found
    }
    if !context.isOff(.mitigationPlanRequired) {
      findings += MitigationPlanRequired().check(record, context, derivedFired: fired)
    }
    return findings
  }
}
