import HandoffTestSupport
import Testing

@testable import HandoffKit

/// Each schema rule with a failing case (finding at the marked node) and a passing case.
@Suite struct RecordSchemaTests {
  struct Case: Sendable, CustomStringConvertible {
    var file: RecordFile
    var marked: String
    var message: String
    var fixed: String
    var description: String { message }
  }

  static let cases: [Case] = [
    Case(
      file: .account,
      marked: "name: A\nstage: prospect\n1️⃣segmnet: smb\nowners: {sales: a}\n",
      message: "unknown key `segmnet` (did you mean `segment`?)",
      fixed: "name: A\nstage: prospect\nsegment: smb\nowners: {sales: a}\n"),
    Case(
      file: .account,
      marked: "name: A\nstage: 1️⃣won\nsegment: smb\nowners: {sales: a}\n",
      message:
        "`stage` must be one of prospect, negotiation, closed-won, handed-off, onboarding, "
        + "live, churned, lost (not `won`)",
      fixed: "name: A\nstage: closed-won\nsegment: smb\nowners: {sales: a}\n"),
    Case(
      file: .account,
      marked:
        "name: A\nstage: prospect\nsegment: smb\nowners: {sales: a}\ncontract:\n  start: "
        + "1️⃣2025-02-30\n",
      message: "`2025-02-30` is not a date; `contract.start` takes a real day as YYYY-MM-DD",
      fixed:
        "name: A\nstage: prospect\nsegment: smb\nowners: {sales: a}\ncontract:\n  start: "
        + "2024-02-29\n"
    ),
    Case(
      file: .account,
      marked:
        "name: A\nstage: prospect\nsegment: smb\nowners: {sales: a}\ncontract:\n  term_months: "
        + "1️⃣twelve\n",
      message: "`contract.term_months` must be a whole number, not `twelve`",
      fixed:
        "name: A\nstage: prospect\nsegment: smb\nowners: {sales: a}\ncontract:\n  term_months: "
        + "12.0\n"
    ),
    Case(
      file: .account,
      marked:
        "name: A\nstage: prospect\nsegment: smb\nowners: {sales: a}\ndeal:\n  discount_pct: "
        + "1️⃣130\n",
      message: "`deal.discount_pct` must be at most 100 (not 130)",
      fixed:
        "name: A\nstage: prospect\nsegment: smb\nowners: {sales: a}\ndeal:\n  discount_pct: 100\n"),
    Case(
      file: .account,
      marked: "name: A\nstage: prospect\nsegment: smb\nowners: {sales: a}\ndeal:\n  "
        + "1️⃣closed_on:\n",
      message: "`deal.closed_on` has no value; fill it in, or leave the key out if it is optional",
      fixed: "name: A\nstage: prospect\nsegment: smb\nowners: {sales: a}\ndeal: {}\n"),
    Case(
      file: .account,
      marked: "name: 1️⃣\"\"\nstage: prospect\nsegment: smb\nowners: {sales: a}\n",
      message: "`name` must not be empty",
      fixed: "name: B\nstage: prospect\nsegment: smb\nowners: {sales: a}\n"),
    Case(
      file: .account,
      marked: "name: A\nstage: prospect\nsegment: smb\nowners: 1️⃣{}\n",
      message: "missing required key `sales` in `owners`",
      fixed: "name: A\nstage: prospect\nsegment: smb\nowners: {sales: a, x-slack: '#acct'}\n"),
    Case(
      file: .account,
      marked: "1️⃣- name: A\n",
      message: "the file must be a mapping of keys, not a list",
      fixed: "name: A\nstage: prospect\nsegment: smb\nowners: {sales: a}\n"),
    Case(
      file: .commitments,
      marked: """
        commitments:
          - 1️⃣id: sso
            promise: SSO
            kind: integration
            source: call
            in_contract: false
            made_by: jane
            owner: success
            status: withdrawn

        """,
      message: "missing required key `withdrawn_reason` in `commitments[0]`",
      fixed: """
        commitments:
          - id: sso
            promise: SSO
            kind: integration
            source: call
            in_contract: false
            made_by: jane
            owner: success
            status: withdrawn
            withdrawn_reason: Customer chose another SSO provider
            x-ticket: {id: 12, nested: {anything: [1, 2]}}

        """),
    Case(
      file: .commitments,
      marked:
        "commitments:\n  - id: 1️⃣Clever SSO\n    promise: p\n    kind: feature\n    source: "
        + "call\n    in_contract: false\n    made_by: j\n    owner: sales\n    status: open\n",
      message:
        "`commitments[0].id` `Clever SSO` does not have the expected form; expected: Lower-case "
        + "letters, digits and dashes; starts with a letter or digit",
      fixed:
        "commitments:\n  - id: clever-sso\n    promise: p\n    kind: feature\n    source: "
        + "call\n    in_contract: false\n    made_by: j\n    owner: sales\n    status: open\n"
    ),
    Case(
      file: .goals,
      marked: "problem: p\nwhy_now: w\nsuccess_criteria: 1️⃣[]\ntimeline_expectation: t\n",
      message: "`success_criteria` needs at least 1 item",
      fixed:
        "problem: p\nwhy_now: w\nsuccess_criteria: [{measure: m, target: "
        + "70}]\ntimeline_expectation: t\n"
    ),
    Case(
      file: .goals,
      marked:
        "problem: p\nwhy_now: w\nsuccess_criteria: [{measure: m, target: "
        + "t}]\ntimeline_expectation: t\nmilestones:\n  - day: 1️⃣45\n    outcome: o\n",
      message: "`milestones[0].day` must be one of 30, 60, 90 (not `45`)",
      fixed:
        "problem: p\nwhy_now: w\nsuccess_criteria: [{measure: m, target: "
        + "t}]\ntimeline_expectation: t\nmilestones:\n  - day: 60\n    outcome: o\n"
    ),
    Case(
      file: .stakeholders,
      marked: "stakeholders:\n  - name: M\n    roles: [1️⃣buyer]\n    stance: supportive\n",
      message:
        "`stakeholders[0].roles[0]` must be one of economic-buyer, champion, "
        + "technical-decision-maker, executive-sponsor, admin, end-user, evaluator, "
        + "influencer (not `buyer`)",
      fixed: "stakeholders:\n  - name: M\n    roles: [economic-buyer]\n    stance: supportive\n"),
    Case(
      file: .stakeholders,
      marked:
        "stakeholders:\n  - name: M\n    roles: [champion]\n    stance: supportive\n    "
        + "involved_in_evaluation: 1️⃣yes\n",
      message: "`stakeholders[0].involved_in_evaluation` must be true or false, not `yes`",
      fixed:
        "stakeholders:\n  - name: M\n    roles: [champion]\n    stance: supportive\n    "
        + "involved_in_evaluation: true\n"
    ),
    Case(
      file: .stakeholders,
      marked:
        "stakeholders:\n  - name: M\n    roles: [champion]\n    stance: supportive\n    "
        + "attended_kickoff: 1️⃣yes\n",
      message: "`stakeholders[0].attended_kickoff` must be true or false, not `yes`",
      fixed:
        "stakeholders:\n  - name: M\n    roles: [champion]\n    stance: supportive\n    "
        + "attended_kickoff: true\n"
    ),
    Case(
      file: .account,
      marked:
        "name: A\nstage: prospect\nsegment: smb\nregion: us-west\nproducts: [core, "
        + "1️⃣\"\"]\nowners: {sales: a}\n",
      message: "`products[1]` must not be empty",
      fixed:
        "name: A\nstage: prospect\nsegment: smb\nregion: us-west\nproducts: [core, "
        + "analytics]\nowners: {sales: a}\n"
    ),
    Case(
      file: .account,
      marked:
        "name: A\nstage: prospect\nsegment: smb\nowners: {sales: a}\nhandoff:\n  effort_score: "
        + "1️⃣6\n",
      message: "`handoff.effort_score` must be at most 5 (not 6)",
      fixed:
        "name: A\nstage: prospect\nsegment: smb\nowners: {sales: a}\nhandoff:\n  effort_score: "
        + "4\n  first_value_on: 2026-10-02\ncontract:\n  ended_on: 2027-03-01\nx-crm: "
        + "{system: salesforce, opportunity: 0065g00000AbCdE}\n"
    ),
    Case(
      file: .risks,
      marked: "red_flags: []\ndependencies: [1️⃣\"\"]\n",
      message: "`dependencies[0]` must not be empty",
      fixed: "red_flags: []\ndependencies: [District IT sign-off]\n"),
    Case(
      file: .risks,
      marked: "red_flags: []\nmitigation_plan: 1️⃣{owner: raj}\n",
      message: "missing required key `summary` in `mitigation_plan`",
      fixed: "red_flags: []\nmitigation_plan: {owner: raj, summary: Weekly review}\n"),
    Case(
      file: .threads,
      marked: "open_threads:\n  - 1️⃣question: q\n",
      message: "missing required key `owner` in `open_threads[0]`",
      fixed: "open_threads:\n  - question: q\n    owner: raj\n"),
  ]

  @Test(arguments: cases)
  func failsAtTheMarkedNodeAndPassesOnceFixed(_ testCase: Case) {
    let marked = MarkedText(testCase.marked)
    let findings = RecordChecker.check(Array(marked.text.utf8), as: testCase.file).findings
    #expect(findings.map(\.message) == [testCase.message])
    #expect(findings.first?.location == marked["1️⃣"])
    #expect(findings.first?.ruleID == .schema)
    #expect(RecordChecker.check(Array(testCase.fixed.utf8), as: testCase.file).findings.isEmpty)
  }

  @Test func anEmptyFileIsASchemaError() {
    let findings = RecordChecker.check(Array("# nothing yet\n".utf8), as: .goals).findings
    #expect(findings.map(\.ruleID) == [.schema])
    #expect(findings.first?.location == .start)
  }

  @Test func yamlProblemsAreNotEchoedAsSchemaFindings() {
    let findings = RecordChecker.check(Array("name: A\nname: B\n".utf8), as: .account).findings
    #expect(findings.map(\.ruleID) == [.yamlDuplicateKey])
  }
}
