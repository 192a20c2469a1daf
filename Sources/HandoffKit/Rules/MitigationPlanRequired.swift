/// `mitigation-plan-required`: more red flags (declared plus derived, each derived rule once)
/// than `red_flag_threshold`, and no `mitigation_plan` in risks.yaml.
struct MitigationPlanRequired {
  let id = RuleID.mitigationPlanRequired

  func check(_ record: AccountRecord, _ context: RuleContext, derivedFired: Int) -> [FileFinding] {
    guard context.requirement(from: .closedWon, appliesAt: record.stage),
      let risks = record.roots[.risks], risks["mitigation_plan"] == nil
    else { return [] }
    let declared = record.redFlags.count
    let total = declared + derivedFired
    guard total > context.settings.redFlagThreshold else { return [] }
    return [
      FileFinding(
        id,
        .planNeeded(
          total: total, declared: declared, derived: derivedFired,
          threshold: context.settings.redFlagThreshold),
        in: .risks, at: risks.entry("red_flags")?.keyLocation ?? risks.location)
    ]
  }
}

extension String {
  fileprivate static func planNeeded(total: Int, declared: Int, derived: Int, threshold: Int)
    -> String
  {
    "\(total) red flags (\(declared) declared, \(derived) derived) exceed the threshold of "
      + "\(threshold); "
      + "add a `mitigation_plan` with an owner and a summary"
  }
}
