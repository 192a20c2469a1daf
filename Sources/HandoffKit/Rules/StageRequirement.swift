/// `stage-requirement`: keys and people the spec requires once an account reaches a stage.
struct StageRequirement: AccountRule {
  let id = RuleID.stageRequirement

  /// Dotted keys in account.yaml and the stage from which each is required.
  static let accountKeys: [(path: String, from: Stage)] = [
    ("deal.closed_on", .closedWon), ("contract.start", .closedWon),
    ("contract.renewal", .closedWon),
    ("owners.success", .handedOff), ("handoff.intro_meeting", .handedOff),
    ("handoff.kickoff", .handedOff), ("handoff.reconciled_on", .onboarding),
  ]

  func check(_ record: AccountRecord, _ context: RuleContext) -> [FileFinding] {
    guard let stage = record.stage else { return [] }
    var findings: [FileFinding] = []
    for (path, from) in Self.accountKeys where context.requirement(from: from, appliesAt: stage) {
      guard record.accountValue(path) == nil else { continue }
      // At the mapping that should hold the key; at its key when it is not a mapping; else line 1.
      let parent = record.account?.entry(String(path.split(separator: ".")[0]))
      let location = parent?.value.entries != nil ? parent?.value.location : parent?.keyLocation
      findings.append(
        FileFinding(
          id, .missingKey(path, stage: stage, from: context.enforcedStage(for: from)), in: .account,
          at: location))
    }
    guard context.requirement(from: .closedWon, appliesAt: stage) else { return findings }
    let required = context.enforcedStage(for: .closedWon)
    if let root = record.roots[.stakeholders] {
      for role in ["economic-buyer", "champion"]
      where !record.stakeholders.contains(where: { $0["roles"]?.strings.contains(role) ?? false }) {
        findings.append(
          FileFinding(
            id, .missingRole(role, from: required), in: .stakeholders,
            at: root["stakeholders"]?.location))
      }
    }
    if let root = record.roots[.commitments], let list = root["commitments"],
      list.items?.isEmpty == true,
      (root["not_promised"]?.items ?? []).isEmpty
    {
      findings.append(
        FileFinding(id, .emptyCommitments(from: required), in: .commitments, at: list.location))
    }
    return findings
  }
}

extension String {
  fileprivate static func missingKey(_ path: String, stage: Stage, from required: Stage) -> String {
    "`\(path)` is required from \(required.rawValue); the account is \(stage.rawValue)"
  }

  fileprivate static func missingRole(_ role: String, from required: Stage) -> String {
    "no stakeholder has the role `\(role)`; one is required from \(required.rawValue)"
  }

  fileprivate static func emptyCommitments(from required: Stage) -> String {
    "`commitments` is empty; from \(required.rawValue) list what was promised, or name in "
      + "`not_promised` the kinds that were discussed and not promised"
  }
}
