import HandoffTestSupport
import Testing

@testable import HandoffKit

/// Every domain rule with a failing case (the finding at the marked node, or at a missing file,
/// with its exact message) and a passing case. Records start from the complete closed-won fixture.
@Suite struct DomainRuleTests {
  struct Case: Sendable, CustomStringConvertible {
    var rule: RuleID
    /// File name to marked content; `nil` content removes the file.
    var failing: [String: String?]
    var file: String
    var passing: [String: String?]
    var settings = "red_flag_threshold: 3\n"
    var description: String { "\(rule) in \(file)" }
  }

  static func record(_ overrides: [String: String?]) -> (AccountRecord, [String: MarkedText]) {
    var files: [String: String?] = Fixtures.completeAccount.mapValues { $0 }
    for (name, text) in overrides { files[name] = text }
    var roots: [RecordFile: YAMLNode] = [:]
    var present = Set<RecordFile>()
    var marked: [String: MarkedText] = [:]
    for (name, text) in files {
      guard let text, let kind = RecordFile(fileName: name) else { continue }
      let parsed = MarkedText(text)
      marked[name] = parsed
      present.insert(kind)
      roots[kind] = YAMLLoader.load(parsed.text).root
    }
    return (AccountRecord(id: "acme", present: present, roots: roots), marked)
  }

  static func findings(_ overrides: [String: String?], settings: String) throws -> (
    [FileFinding], [String: MarkedText]
  ) {
    let (record, marked) = record(overrides)
    let parsed = try Settings.load(Array(settings.utf8))
    return (DomainRules.check(record, settings: parsed), marked)
  }

  static let account = Fixtures.account
  static func accountWith(_ replacements: [(String, String)]) -> String {
    replacements.reduce(account) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
  }

  static let cases: [Case] = [
    Case(rule: .missingFile, failing: ["goals.yaml": nil], file: "goals.yaml", passing: [:]),
    Case(
      rule: .missingFile, failing: ["account.yaml": nil], file: "account.yaml",
      passing: ["account.yaml": account]),
    Case(
      rule: .stageRequirement,
      failing: [
        "account.yaml": accountWith([("deal:\n  closed_on: 2026-08-14\n  arr", "deal:\n  1️⃣arr")])
      ],
      file: "account.yaml", passing: [:]),
    Case(
      rule: .stageRequirement,
      failing: [
        "account.yaml": accountWith([("stage: closed-won", "stage: handed-off")])
          .replacingOccurrences(of: "1️⃣", with: "")
      ],
      file: "account.yaml",
      passing: [
        "account.yaml": accountWith([
          ("stage: closed-won", "stage: handed-off"),
          ("  sales: jane.doe\n", "  sales: jane.doe\n  success: raj\n"),
        ]) + "handoff:\n  intro_meeting: 2026-08-20\n  kickoff: 2026-08-27\n"
      ]),
    Case(
      rule: .stageRequirement,
      failing: [
        "stakeholders.yaml":
          "stakeholders:\n  1️⃣- name: A\n    roles: [economic-buyer, end-user]\n    stance: "
          + "supportive\n    involved_in_evaluation: true\n"
      ],
      file: "stakeholders.yaml", passing: [:]),
    Case(
      rule: .stageRequirement, failing: ["commitments.yaml": "commitments: 1️⃣[]\n"],
      file: "commitments.yaml",
      passing: ["commitments.yaml": "commitments: []\nnot_promised: [custom]\n"]),
    Case(
      rule: .dateOrder,
      failing: ["account.yaml": accountWith([("renewal: 2027-08-31", "renewal: 1️⃣2026-09-01")])],
      file: "account.yaml",
      passing: ["account.yaml": accountWith([("renewal: 2027-08-31", "renewal: 2026-09-02")])]),
    Case(
      rule: .dateOrder,
      failing: [
        "account.yaml": account + "handoff:\n  intro_meeting: 2026-08-20\n  kickoff: "
          + "1️⃣2026-08-19\n"
      ],
      file: "account.yaml",
      passing: [
        "account.yaml": account + "handoff:\n  intro_meeting: 2026-08-20\n  kickoff: 2026-08-20\n"
      ]),
    Case(
      rule: .dateOrder,
      failing: ["account.yaml": account + "handoff:\n  first_value_on: 1️⃣2026-08-13\n"],
      file: "account.yaml",
      passing: ["account.yaml": account + "handoff:\n  first_value_on: 2026-08-14\n"]),
    Case(
      rule: .dateOrder,
      failing: [
        "account.yaml": accountWith([
          ("  start: 2026-09-01\n", "  start: 2026-09-01\n  ended_on: 1️⃣2026-08-31\n")
        ])
      ],
      file: "account.yaml",
      passing: [
        "account.yaml": accountWith([
          ("  start: 2026-09-01\n", "  start: 2026-09-01\n  ended_on: 2026-09-01\n")
        ])
      ]),
    Case(
      rule: .duplicateID,
      failing: [
        "commitments.yaml": Fixtures.commitments
          + Fixtures.commitments.replacingOccurrences(of: "commitments:\n", with: "")
          .replacingOccurrences(of: "- id: clever-sso", with: "- id: 1️⃣clever-sso")
      ],
      file: "commitments.yaml",
      passing: [
        "commitments.yaml": Fixtures.commitments
          + Fixtures.commitments.replacingOccurrences(of: "commitments:\n", with: "")
          .replacingOccurrences(of: "- id: clever-sso", with: "- id: clever-sso-2")
      ]),
    Case(
      rule: .duplicateID,
      failing: [
        "risks.yaml":
          "red_flags:\n  - id: a\n    category: timeline\n    flag: f\n  - id: 1️⃣a\n    "
          + "category: promise\n    flag: g\n"
      ],
      file: "risks.yaml",
      passing: ["risks.yaml": "red_flags:\n  - id: a\n    category: timeline\n    flag: f\n"]),
    Case(
      rule: .verbalCommitmentNotInContract,
      failing: [
        "commitments.yaml": Fixtures.commitments.replacingOccurrences(
          of: "  - id:", with: "  - 1️⃣id:"
        ).replacingOccurrences(
          of: "source: contract\n    in_contract: true",
          with: "source: demo\n    in_contract: false")
      ],
      file: "commitments.yaml",
      passing: [
        "commitments.yaml": Fixtures.commitments.replacingOccurrences(
          of: "source: contract\n    in_contract: true",
          with: "source: email\n    in_contract: false")
      ]),
    Case(
      rule: .roadmapCommitment,
      failing: [
        "commitments.yaml": Fixtures.commitments.replacingOccurrences(
          of: "  - id:", with: "  - 1️⃣id:") + "    roadmap: true\n"
      ],
      file: "commitments.yaml",
      passing: [
        "commitments.yaml": Fixtures.commitments.replacingOccurrences(
          of: "status: open", with: "status: delivered") + "    roadmap: true\n"
      ]),
    Case(
      rule: .deepDiscount,
      failing: ["account.yaml": accountWith([("discount_pct: 10", "discount_pct: 1️⃣25")])],
      file: "account.yaml",
      passing: ["account.yaml": accountWith([("discount_pct: 10", "discount_pct: 24.5")])]),
    Case(
      rule: .championAtRisk,
      failing: [
        "stakeholders.yaml": Fixtures.stakeholders.replacingOccurrences(
          of: "  - name: Tom Becker", with: "  - 1️⃣name: Tom Becker")
          + "    leaving_on: 2027-06-30\n"
      ],
      file: "stakeholders.yaml", passing: [:]),
    Case(
      rule: .championAtRisk,
      failing: [
        "stakeholders.yaml": Fixtures.stakeholders.replacingOccurrences(
          of: "  - name: Tom Becker", with: "  - 1️⃣name: Tom Becker"
        ).replacingOccurrences(
          of: "roles: [champion, end-user]\n    stance: supportive",
          with: "roles: [champion, end-user]\n    stance: neutral")
      ],
      file: "stakeholders.yaml", passing: [:]),
    Case(
      rule: .noEndUserInEvaluation,
      failing: [
        "stakeholders.yaml": Fixtures.stakeholders.replacingOccurrences(
          of: "stakeholders:\n  - name: Dr", with: "stakeholders:\n  1️⃣- name: Dr"
        ).replacingOccurrences(
          of: "involved_in_evaluation: true", with: "involved_in_evaluation: false")
      ],
      file: "stakeholders.yaml", passing: [:]),
    Case(
      rule: .skepticalBuyer,
      failing: [
        "stakeholders.yaml": Fixtures.stakeholders.replacingOccurrences(
          of: "  - name: Dr. Maria Lopez\n    roles: [economic-buyer]\n    stance: supportive",
          with: "  - 1️⃣name: Dr. Maria Lopez\n    roles: [economic-buyer]\n    stance: blocker")
      ],
      file: "stakeholders.yaml",
      passing: [
        "stakeholders.yaml": Fixtures.stakeholders.replacingOccurrences(
          of: "roles: [economic-buyer]\n    stance: supportive",
          with: "roles: [economic-buyer]\n    stance: neutral")
      ]),
    Case(
      rule: .commitmentDueBeforeStart,
      failing: [
        "commitments.yaml": Fixtures.commitments.replacingOccurrences(
          of: "due: 2026-09-25", with: "due: 1️⃣2026-08-31")
      ],
      file: "commitments.yaml",
      passing: [
        "commitments.yaml": Fixtures.commitments.replacingOccurrences(
          of: "due: 2026-09-25", with: "due: 2026-09-01")
      ]),
    Case(
      rule: .mitigationPlanRequired,
      failing: [
        "risks.yaml":
          "1️⃣red_flags:\n  - {id: a, category: timeline, flag: f}\n  - {id: b, category: "
          + "timeline, flag: f}\n  - {id: c, category: timeline, flag: f}\n  - {id: d, "
          + "category: timeline, flag: f}\n"
      ],
      file: "risks.yaml",
      passing: [
        "risks.yaml":
          "red_flags:\n  - {id: a, category: timeline, flag: f}\n  - {id: b, category: "
          + "timeline, flag: f}\n  - {id: c, category: timeline, flag: f}\n  - {id: d, "
          + "category: timeline, flag: f}\nmitigation_plan: {owner: raj, summary: Weekly "
          + "review}\n"
      ]),
  ]

  /// What each case's finding says, word for word, in the order of `cases`.
  static let messages: [String] = [
    "goals.yaml is missing; it is required from closed-won and the account is closed-won",
    "account.yaml is missing; every account folder needs one (name, stage, segment, owners)",
    "`deal.closed_on` is required from closed-won; the account is closed-won",
    "`owners.success` is required from handed-off; the account is handed-off",
    "no stakeholder has the role `champion`; one is required from closed-won",
    "`commitments` is empty; from closed-won list what was promised, or name in `not_promised` "
      + "the kinds that were discussed and not promised",
    "`contract.renewal` (2026-09-01) must be after `contract.start` (2026-09-01)",
    "`handoff.kickoff` (2026-08-19) must be on or after `handoff.intro_meeting` (2026-08-20)",
    "`handoff.first_value_on` (2026-08-13) must be on or after `deal.closed_on` (2026-08-14)",
    "`contract.ended_on` (2026-08-31) must be on or after `contract.start` (2026-09-01)",
    "commitment id `clever-sso` is used twice in this account (first at line 2); ids must be "
      + "unique and never reused",
    "red flag id `a` is used twice in this account (first at line 2); ids must be unique and "
      + "never reused",
    "commitment `clever-sso` was promised in a demo and is not in the contract; get it into the "
      + "order form or confirm it with the customer in writing",
    "commitment `clever-sso` promises a capability that has not shipped yet; agree a date with "
      + "product",
    "a 25% discount is deep (25% or more); make sure the value case is clear to success",
    "champion `Tom Becker` is leaving on 2027-06-30; name a successor",
    "champion `Tom Becker` is neutral, not supportive",
    "no end user took part in the evaluation (no stakeholder with role `end-user` and "
      + "`involved_in_evaluation: true`); adoption is at risk",
    "`Dr. Maria Lopez` is economic-buyer and a blocker; plan how to win them over",
    "commitment `clever-sso` is due 2026-08-31, before the contract starts on 2026-09-01",
    "4 red flags (4 declared, 0 derived) exceed the threshold of 3; add a `mitigation_plan` "
      + "with an owner and a summary",
  ]

  @Test(arguments: zip(cases, messages))
  func failsWhereMarkedAndPasses(_ testCase: Case, message: String) throws {
    let (failing, marked) = try Self.findings(testCase.failing, settings: testCase.settings)
    let hits = failing.filter { $0.ruleID == testCase.rule }
    let hit = try #require(hits.first, "no \(testCase.rule) finding in \(failing.map(\.ruleID))")
    #expect(hit.file == testCase.file)
    if let marker = marked[testCase.file]?["1️⃣"] {
      #expect(hits.contains { $0.location == marker }, "\(hits.map(\.location))")
      #expect(hits.first { $0.location == marker }?.message == message)
    } else {
      if testCase.rule == .missingFile { #expect(hit.location == nil) }
      #expect(hit.message == message)
    }
    let (passing, _) = try Self.findings(testCase.passing, settings: testCase.settings)
    #expect(
      !passing.contains { $0.ruleID == testCase.rule },
      "\(passing.filter { $0.ruleID == testCase.rule }.map(\.message))")
  }

  @Test func requirementsFollowRequireCompleteFrom() throws {
    let handedOffSetting = "require_complete_from: handed-off\n"
    let (lenient, _) = try Self.findings(
      [
        "goals.yaml": nil,
        "account.yaml": "name: A\nstage: closed-won\nsegment: smb\nowners: {sales: a}\n",
      ], settings: handedOffSetting)
    #expect(lenient.filter { $0.ruleID == .missingFile || $0.ruleID == .stageRequirement }.isEmpty)

    let (strict, _) = try Self.findings(
      [
        "goals.yaml": nil,
        "account.yaml": "name: A\nstage: negotiation\nsegment: smb\nowners: {sales: a}\n",
      ],
      settings: "require_complete_from: negotiation\n")
    #expect(strict.contains { $0.ruleID == .missingFile && $0.file == "goals.yaml" })
    #expect(
      strict.contains { $0.ruleID == .stageRequirement && $0.message.contains("deal.closed_on") })
    #expect(!strict.contains { $0.message.contains("owners.success") })

    let (lost, _) = try Self.findings(
      [
        "goals.yaml": nil,
        "account.yaml": "name: A\nstage: lost\nsegment: smb\nowners: {sales: a}\n",
      ], settings: "")
    #expect(lost.filter { $0.severity(default: .error) == .error }.isEmpty)

    let (churned, _) = try Self.findings(
      ["account.yaml": Fixtures.account(at: "churned")], settings: "")
    #expect(churned.contains { $0.message.contains("handoff.reconciled_on") })
  }

  @Test func offRulesAreNeitherReportedNorCounted() throws {
    let risks =
      "red_flags:\n  - {id: a, category: timeline, flag: f}\n  - {id: b, category: timeline, "
      + "flag: f}\n  - {id: c, category: timeline, flag: f}\n"
    let account = Fixtures.account.replacingOccurrences(
      of: "discount_pct: 10", with: "discount_pct: 40")
    let (counted, _) = try Self.findings(
      ["risks.yaml": risks, "account.yaml": account], settings: "red_flag_threshold: 3\n")
    #expect(counted.contains { $0.ruleID == .mitigationPlanRequired })
    let (warningOnly, _) = try Self.findings(
      ["risks.yaml": risks, "account.yaml": account], settings: "rules: {deep-discount: error}\n")
    #expect(warningOnly.contains { $0.ruleID == .mitigationPlanRequired })
    let (off, _) = try Self.findings(
      ["risks.yaml": risks, "account.yaml": account], settings: "rules: {deep-discount: off}\n")
    #expect(!off.contains { $0.ruleID == .mitigationPlanRequired || $0.ruleID == .deepDiscount })
  }

  @Test func eachDerivedRuleCountsOnceHoweverManyItemsTriggerIt() throws {
    let verbal =
      "  - id: ID\n    promise: p\n    kind: feature\n    source: call\n    in_contract: "
      + "false\n    made_by: j\n    owner: sales\n    status: open\n"
    let commitments =
      "commitments:\n"
      + ["a", "b", "c", "d"].map { verbal.replacingOccurrences(of: "ID", with: $0) }.joined()
    let (findings, _) = try Self.findings(
      ["commitments.yaml": commitments], settings: "red_flag_threshold: 1\n")
    #expect(findings.filter { $0.ruleID == .verbalCommitmentNotInContract }.count == 4)
    #expect(!findings.contains { $0.ruleID == .mitigationPlanRequired })
    let (overOne, _) = try Self.findings(
      ["commitments.yaml": commitments], settings: "red_flag_threshold: 0\n")
    let plan = try #require(overOne.first { $0.ruleID == .mitigationPlanRequired })
    #expect(plan.message.hasPrefix("1 red flags (0 declared, 1 derived)"))
  }
}

extension FileFinding {
  func severity(default fallback: Severity) -> Severity {
    RuleCatalog.info(ruleID)?.defaultSeverity ?? fallback
  }
}
