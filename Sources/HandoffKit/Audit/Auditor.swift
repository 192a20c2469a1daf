/// Scores an account against the audit checklist of the record format. The rules for each
/// item are written in the README; each finding names the file and line it rests on.
public enum Auditor {
  public static func audit(_ record: AccountRecord, settings: Settings) -> AccountAudit {
    let items = accountContext(record) + stakeholderMap(record) + commitmentItems(record)
    let context = RuleContext(settings: settings)
    var flags = record.redFlags.compactMap { flag -> AccountAudit.RedFlag? in
      guard let id = flag["id"]?.string else { return nil }
      return AccountAudit.RedFlag(
        id: id, category: flag["category"]?.string ?? "unknown", derived: false)
    }
    for rule in DomainRules.derivedRedFlags
    where !context.isOff(rule.id) && !rule.check(record, context).isEmpty {
      flags.append(
        AccountAudit.RedFlag(
          id: rule.id.rawValue, category: Self.category(of: rule.id), derived: true))
    }
    let needed = flags.count > settings.redFlagThreshold
    let present = record.roots[.risks]?["mitigation_plan"] != nil
    let byID = Dictionary(uniqueKeysWithValues: items.map { ($0.id, $0.coverage) })
    func at(least coverage: Coverage, _ ids: String...) -> Bool {
      ids.allSatisfy { (byID[$0] ?? .not).points >= coverage.points }
    }
    let questions = [
      AccountAudit.ExitQuestion(
        question: "What problem are they solving and how will they measure success?",
        answered: at(least: .partially, "A1", "A2"),
        fields: ["goals.problem", "goals.success_criteria"]),
      AccountAudit.ExitQuestion(
        question: "What did we promise to close this?",
        answered: !record.commitments.isEmpty
          || !(record.roots[.commitments]?["not_promised"]?.items ?? []).isEmpty,
        fields: ["commitments.commitments", "commitments.not_promised"]),
      AccountAudit.ExitQuestion(
        question: "Who are the people and where does each stand?",
        answered: at(least: .fully, "B5") && at(least: .partially, "B1", "B2"),
        fields: ["stakeholders.stakeholders[].roles", "stakeholders.stakeholders[].stance"]),
    ]
    func rating(_ ids: [String]) -> String {
      let scores = ids.map { byID[$0] ?? .not }
      if scores.allSatisfy({ $0 == .fully }) { return "clear" }
      return scores.allSatisfy({ $0 == .not }) ? "unclear" : "partial"
    }
    let transition = [
      "owners.success", "handoff.intro_meeting", "handoff.kickoff", "handoff.reconciled_on",
      "handoff.csm_confidence",
    ]
    let transitionCount = transition.count { record.accountValue($0) != nil }
    let scorecard = [
      AccountAudit.Category(
        name: "customer intent", rating: rating(["A1", "A2", "A3", "A5"]),
        rule: "A1, A2, A3, A5: clear when all fully, unclear when none documented"),
      AccountAudit.Category(
        name: "stakeholder map", rating: rating(["B1", "B2", "B3", "B4", "B5"]),
        rule: "B1–B5: clear when all fully, unclear when none documented"),
      AccountAudit.Category(
        name: "scope and expectations", rating: rating(["C1", "C2", "C3", "C4", "C5", "A4"]),
        rule: "C1–C5 and A4: clear when all fully, unclear when none documented"),
      AccountAudit.Category(
        name: "implementation risk",
        rating: needed && !present ? "unclear" : (flags.isEmpty || present ? "clear" : "partial"),
        rule:
          "clear with no red flags or a mitigation plan; unclear when a plan is required and "
          + "missing; partial otherwise"
      ),
      AccountAudit.Category(
        name: "transition quality",
        rating: transitionCount == transition.count
          ? "clear" : (transitionCount == 0 ? "unclear" : "partial"),
        rule:
          "owners.success, intro meeting, kickoff, reconciliation and CSM confidence: clear "
          + "when all set, unclear when none"
      ),
    ]
    return AccountAudit(
      account: record.id, stage: record.account?["stage"]?.string, items: items,
      exitQuestions: questions,
      scorecard: scorecard, redFlags: flags, mitigationNeeded: needed, mitigationPresent: present)
  }

  /// The checklist items A1–C5 in order, with their titles (scored on an empty record, which
  /// lists every item).
  public static let checklist: [(id: String, title: String)] =
    audit(AccountRecord(id: "", present: [], roots: [:]), settings: Settings()).items.map {
      ($0.id, $0.title)
    }

  static func category(of rule: RuleID) -> String {
    switch rule {
    case .championAtRisk, .noEndUserInEvaluation, .skepticalBuyer: "stakeholder"
    case .commitmentDueBeforeStart: "timeline"
    default: "promise"
    }
  }

  // MARK: - A: account context

  static func item(
    _ id: String, _ title: String, _ coverage: Coverage, _ reason: String, _ file: RecordFile?,
    _ node: YAMLNode?
  ) -> ChecklistItem {
    ChecklistItem(
      id: id, title: title, coverage: coverage, reason: reason,
      file: node == nil ? nil : file?.fileName,
      location: node?.location)
  }

  static func accountContext(_ record: AccountRecord) -> [ChecklistItem] {
    let goals = record.roots[.goals]
    let problem = goals?["problem"]
    let words = problem?.string?.split(whereSeparator: { $0 == " " || $0 == "\n" }).count ?? 0
    let a1: Coverage = words >= 5 ? .fully : (words > 0 ? .partially : .not)
    let criteria = (goals?["success_criteria"]?.items ?? []).filter { $0.entries != nil }
    let quantified = criteria.filter { criterion in
      let target =
        criterion["target"].map {
          $0.number != nil || ($0.string?.contains(where: \.isNumber) ?? false)
        } ?? false
      return target && criterion["by"]?.string.flatMap(CalendarDate.init) != nil
    }
    let a2: Coverage =
      criteria.isEmpty || quantified.isEmpty
      ? .not : (quantified.count == criteria.count ? .fully : .partially)
    let timeline = goals?["timeline_expectation"]
    let milestones = goals?["milestones"]?.items ?? []
    let a3: Coverage =
      timeline?.string?.isEmpty == false ? (milestones.isEmpty ? .partially : .fully) : .not
    let budget = record.accountValue("deal.budget_source")
    let renewal = record.accountValue("contract.renewal")
    let a4: Coverage =
      budget != nil && renewal != nil
      ? .fully : (budget != nil || renewal != nil ? .partially : .not)
    let previous = (goals?["previous_solutions"]?.items ?? []).filter {
      $0["tried"] != nil && $0["why_not"] != nil
    }
    let evaluated = goals?["evaluated"]?.items ?? []
    let a5: Coverage = !previous.isEmpty ? .fully : (!evaluated.isEmpty ? .partially : .not)
    return [
      item(
        "A1", "problem in the customer's words", a1,
        a1 == .fully
          ? "`problem` states the pain"
          : (a1 == .partially ? "`problem` is under five words" : "no `problem`"), .goals, problem),
      item(
        "A2", "quantified outcomes", a2,
        "\(quantified.count) of \(criteria.count) success criteria have a number in the target "
          + "and a `by` date",
        .goals, goals?["success_criteria"]),
      item(
        "A3", "timeline expectation", a3,
        a3 == .fully
          ? "`timeline_expectation` and milestones"
          : (a3 == .partially
            ? "`timeline_expectation` without milestones" : "no `timeline_expectation`"), .goals,
        timeline),
      item(
        "A4", "budget source and renewal timing", a4,
        "budget source \(budget == nil ? "missing" : "named"), renewal "
          + "\(renewal == nil ? "missing" : "dated")",
        .account, budget ?? renewal),
      item(
        "A5", "previous solutions and why they failed", a5,
        a5 == .fully
          ? "`previous_solutions` with why each failed"
          : (a5 == .partially ? "only `evaluated` competitors" : "nothing about what they tried"),
        .goals, goals?["previous_solutions"] ?? goals?["evaluated"]),
    ]
  }

  // MARK: - B: stakeholder map

  static func stakeholderMap(_ record: AccountRecord) -> [ChecklistItem] {
    let people = record.stakeholders
    func with(_ role: String) -> [YAMLNode] {
      people.filter { $0["roles"]?.strings.contains(role) ?? false }
    }
    func known(_ person: YAMLNode) -> Bool {
      (person["stance"]?.string).map { $0 != "unknown" } ?? false
    }
    let buyers = with("economic-buyer")
    let b1: Coverage =
      buyers.isEmpty
      ? .not : (buyers.contains { known($0) && $0["contact"] != nil } ? .fully : .partially)
    let champions = with("champion")
    let solid = champions.filter { $0["stance"]?.string == "supportive" && $0["leaving_on"] == nil }
    let b2: Coverage = champions.isEmpty ? .not : (solid.isEmpty ? .partially : .fully)
    let technical = with("technical-decision-maker")
    let b3: Coverage =
      technical.isEmpty ? .not : (technical.contains(where: known) ? .fully : .partially)
    let users = with("end-user")
    let b4: Coverage =
      users.isEmpty
      ? .not : (users.contains { $0["involved_in_evaluation"]?.bool == true } ? .fully : .partially)
    let b5: Coverage = people.isEmpty ? .not : (people.allSatisfy(known) ? .fully : .partially)
    let list = record.roots[.stakeholders]?["stakeholders"]
    return [
      item(
        "B1", "economic buyer", b1,
        b1 == .fully
          ? "named with a stance and a contact"
          : (b1 == .partially ? "named, stance unknown or no contact" : "no `economic-buyer`"),
        .stakeholders, buyers.first ?? list),
      item(
        "B2", "champion", b2,
        b2 == .fully
          ? "a supportive champion who is staying"
          : (b2 == .partially ? "the champion is leaving or not supportive" : "no `champion`"),
        .stakeholders, champions.first ?? list),
      item(
        "B3", "technical decision maker", b3,
        b3 == .fully
          ? "named with a stance"
          : (b3 == .partially ? "named, stance unknown" : "no `technical-decision-maker`"),
        .stakeholders, technical.first ?? list),
      item(
        "B4", "end users", b4,
        b4 == .fully
          ? "an end user took part in the evaluation"
          : (b4 == .partially ? "end users named, none in the evaluation" : "no `end-user`"),
        .stakeholders, users.first ?? list),
      item(
        "B5", "blockers and skeptics named", b5,
        b5 == .fully
          ? "every stakeholder has a stance"
          : (b5 == .partially ? "some stances are unknown" : "no stakeholders"), .stakeholders, list
      ),
    ]
  }

  // MARK: - C: commitments

  static func commitmentItems(_ record: AccountRecord) -> [ChecklistItem] {
    let notPromised = record.roots[.commitments]?["not_promised"]?.strings ?? []
    func score(_ id: String, _ title: String, kinds: [String]) -> ChecklistItem {
      let matching = record.commitments.filter { kinds.contains($0["kind"]?.string ?? "") }
      let documented = matching.filter { $0["owner"] != nil && $0["due"] != nil }
      let declined = kinds.contains { notPromised.contains($0) }
      let coverage: Coverage =
        (!matching.isEmpty && documented.count == matching.count) || (matching.isEmpty && declined)
        ? .fully : (matching.isEmpty ? .not : .partially)
      let reason =
        matching.isEmpty
        ? (declined
          ? "listed in `not_promised`"
          : "no \(kinds.joined(separator: " or ")) commitment and not in `not_promised`")
        : "\(documented.count) of \(matching.count) \(kinds.joined(separator: "/")) commitments "
          + "have an owner and a due date"
      return item(
        id, title, coverage, reason, .commitments,
        matching.first ?? record.roots[.commitments]?["not_promised"])
    }
    return [
      score("C1", "features or capabilities promised", kinds: ["feature"]),
      score("C2", "implementation timeline", kinds: ["timeline"]),
      score("C3", "training commitments", kinds: ["training"]),
      score("C4", "support level", kinds: ["support"]),
      score("C5", "custom work or integrations", kinds: ["custom", "integration"]),
    ]
  }
}
