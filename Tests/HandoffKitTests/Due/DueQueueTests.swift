import Testing

@testable import HandoffKit

/// Every item of the queue on each side of its boundary, with `asOf` fixed.
@Suite struct DueQueueTests {
  /// A record loaded from YAML texts, closed on 2026-03-01.
  static func record(
    stage: String = "onboarding", handoff: String = "", contract: String = "",
    commitments: String = "",
    threads: String = "", risks: String = "", stakeholders: String = ""
  ) -> AccountRecord {
    let account = """
      name: Test
      stage: \(stage)
      segment: smb
      owners:
        sales: jane.doe
        success: raj.patel
      deal:
        closed_on: 2026-03-01
      contract:
        start: 2026-03-01
        renewal: 2027-03-01
      \(contract)
      handoff:
        x-placeholder: true
      \(handoff)
      """
    var roots: [RecordFile: YAMLNode] = [.account: YAMLLoader.load(Array(account.utf8)).root!]
    for (file, text) in [
      (RecordFile.commitments, commitments), (.threads, threads), (.risks, risks),
      (.stakeholders, stakeholders),
    ]
    where !text.isEmpty {
      roots[file] = YAMLLoader.load(Array(text.utf8)).root
    }
    return AccountRecord(id: "acme", present: Set(roots.keys), roots: roots)
  }

  static func kinds(_ record: AccountRecord, on day: String, within: Int = 14) -> [DueItem.Kind] {
    DueQueue.items(
      of: record, levels: ServiceLevels(), asOf: CalendarDate(day)!, withinDays: within
    ).map(\.kind)
  }

  static let held =
    "  intro_meeting: 2026-03-05\n  kickoff: 2026-03-06\n  reconciled_on: 2026-03-07\n  "
    + "effort_score: 4\n  first_value_on: 2026-04-01\n"

  @Test func introAndKickoffOnceTheirServiceLevelHasPassed() {
    let bare = Self.record(handoff: "  effort_score: 4\n")
    #expect(Self.kinds(bare, on: "2026-03-08").isEmpty)  // day 7: still within the service level
    #expect(Self.kinds(bare, on: "2026-03-09") == [.introMeeting, .kickoff])
    let item = DueQueue.items(
      of: bare, levels: ServiceLevels(), asOf: CalendarDate("2026-03-09")!, withinDays: 0)[0]
    #expect(item.due == CalendarDate("2026-03-08"))
    #expect(item.owner == "raj.patel")
    #expect(item.daysOverdue(on: CalendarDate("2026-03-09")!) == 1)
    #expect(Self.kinds(Self.record(handoff: Self.held), on: "2026-03-09").isEmpty)
  }

  @Test func aMeetingSetPastItsServiceLevelShowsUntilItsDay() {
    let late = Self.record(
      handoff:
        "  intro_meeting: 2026-03-20\n  kickoff: 2026-03-05\n  reconciled_on: 2026-03-06\n  "
        + "effort_score: 4\n"
    )
    #expect(Self.kinds(late, on: "2026-03-08").isEmpty)  // within the service level
    #expect(Self.kinds(late, on: "2026-03-09") == [.introMeeting])
    #expect(Self.kinds(late, on: "2026-03-19") == [.introMeeting])
    #expect(!Self.kinds(late, on: "2026-03-20").contains(.introMeeting))  // the day it is held
  }

  @Test func anEndedContractHasNothingDue() {
    let ended = Self.record(handoff: "  effort_score: 4\n", contract: "  ended_on: 2026-04-01\n")
    #expect(Self.kinds(ended, on: "2026-03-31") == [.introMeeting, .kickoff])
    #expect(Self.kinds(ended, on: "2026-04-01").isEmpty)
  }

  @Test func anInvalidEffortScoreCountsAsNone() {
    let bad = Self.record(
      handoff: Self.held.replacingOccurrences(of: "effort_score: 4", with: "effort_score: 2.5"))
    #expect(Self.kinds(bad, on: "2026-03-20") == [.effortSurvey])
  }

  @Test func reconciliationDueWithinTheWindow() {
    let record = Self.record(
      handoff: "  intro_meeting: 2026-03-05\n  kickoff: 2026-03-10\n  effort_score: 4\n")
    // Due 2026-03-17 (kickoff + 7): listed once it falls within the window.
    #expect(!Self.kinds(record, on: "2026-03-10", within: 6).contains(.reconciliation))
    #expect(Self.kinds(record, on: "2026-03-10", within: 7).contains(.reconciliation))
    #expect(Self.kinds(record, on: "2026-04-01", within: 0).contains(.reconciliation))  // overdue
  }

  @Test func commitmentsDueOrOverdueUnlessDeliveredOrWithdrawn() {
    func commitments(status: String) -> String {
      "commitments:\n  - id: sso\n    promise: SSO live\n    owner: sales\n    due: "
        + "2026-03-20\n    status: \(status)\n"
    }
    let open = Self.record(handoff: Self.held, commitments: commitments(status: "open"))
    #expect(Self.kinds(open, on: "2026-03-05", within: 14).isEmpty)  // due day 15 from the 5th
    #expect(Self.kinds(open, on: "2026-03-06", within: 14) == [.commitment])
    #expect(Self.kinds(open, on: "2026-05-01", within: 0) == [.commitment])
    let item = DueQueue.items(
      of: open, levels: ServiceLevels(), asOf: CalendarDate("2026-05-01")!, withinDays: 0)[0]
    #expect(item.owner == "jane.doe")  // a sales-owned promise goes to the sales owner
    #expect(item.subject == "sso" && item.title.hasPrefix("commitment overdue"))
    for status in ["delivered", "withdrawn"] {
      #expect(
        Self.kinds(
          Self.record(handoff: Self.held, commitments: commitments(status: status)),
          on: "2026-05-01"
        ).isEmpty)
    }
  }

  @Test func openThreadsOnlyPastDue() {
    let record = Self.record(
      handoff: Self.held,
      threads: "open_threads:\n  - question: SAML?\n    owner: mei.chen\n    due: 2026-03-20\n")
    #expect(Self.kinds(record, on: "2026-03-20").isEmpty)
    #expect(Self.kinds(record, on: "2026-03-21") == [.openThread])
    #expect(
      DueQueue.items(
        of: record, levels: ServiceLevels(), asOf: CalendarDate("2026-03-21")!, withinDays: 0)[0]
        .owner == "mei.chen")
  }

  @Test func mitigationReviewOnceReached() {
    let record = Self.record(
      handoff: Self.held,
      risks:
        "red_flags: []\nmitigation_plan:\n  owner: raj.patel\n  summary: x\n  review_on: "
        + "2026-03-20\n"
    )
    #expect(Self.kinds(record, on: "2026-03-19").isEmpty)
    #expect(Self.kinds(record, on: "2026-03-20") == [.mitigationReview])
  }

  @Test func aChampionLeavingWithinTheWindow() {
    let record = Self.record(
      handoff: Self.held,
      stakeholders:
        "stakeholders:\n  - name: Tom\n    roles: [champion]\n    leaving_on: 2026-04-15\n  - "
        + "name: Ann\n    roles: [end-user]\n    leaving_on: 2026-04-15\n"
    )
    #expect(Self.kinds(record, on: "2026-04-01", within: 13).isEmpty)
    #expect(Self.kinds(record, on: "2026-04-01", within: 14) == [.championLeaving])
    #expect(Self.kinds(record, on: "2026-04-16", within: 14).isEmpty)  // already gone
  }

  @Test func theEffortSurveyFromItsDayAndALowScore() {
    let unscored = Self.record(
      handoff:
        "  intro_meeting: 2026-03-05\n  kickoff: 2026-03-06\n  reconciled_on: 2026-03-07\n  "
        + "first_value_on: 2026-04-01\n"
    )
    #expect(Self.kinds(unscored, on: "2026-03-14").isEmpty)  // day 13
    #expect(Self.kinds(unscored, on: "2026-03-15") == [.effortSurvey])  // day 14
    let low = Self.record(
      handoff: Self.held.replacingOccurrences(of: "effort_score: 4", with: "effort_score: 2"))
    #expect(Self.kinds(low, on: "2026-03-05") == [.lowEffortScore])
    let three = Self.record(
      handoff: Self.held.replacingOccurrences(of: "effort_score: 4", with: "effort_score: 3"))
    #expect(Self.kinds(three, on: "2026-03-05").isEmpty)
  }

  @Test func theWarmTransitionEndingAndARenewalBeforeFirstValue() {
    let warm = Self.record(handoff: Self.held + "  warm_transition_until: 2026-04-10\n")
    #expect(Self.kinds(warm, on: "2026-03-27", within: 14) == [.warmTransitionEnds])
    #expect(Self.kinds(warm, on: "2026-03-26", within: 14).isEmpty)
    #expect(Self.kinds(warm, on: "2026-04-11", within: 14).isEmpty)
    let noValue = Self.record(
      handoff: Self.held.replacingOccurrences(of: "  first_value_on: 2026-04-01\n", with: ""))
    #expect(Self.kinds(noValue, on: "2027-02-15", within: 14) == [.renewalBeforeFirstValue])
    #expect(Self.kinds(noValue, on: "2027-02-14", within: 14).isEmpty)
    #expect(Self.kinds(Self.record(handoff: Self.held), on: "2027-02-15", within: 14).isEmpty)
  }

  @Test func onlyCustomersHaveItems() {
    for stage in ["negotiation", "lost", "churned"] {
      #expect(Self.kinds(Self.record(stage: stage), on: "2026-06-01").isEmpty, "\(stage)")
    }
    #expect(!Self.kinds(Self.record(stage: "closed-won"), on: "2026-06-01").isEmpty)
  }

  @Test func serviceLevelsComeFromTheSettings() throws {
    var levels = ServiceLevels()
    levels.introWithinDays = 3
    let bare = Self.record(handoff: "  effort_score: 4\n")
    let items = DueQueue.items(
      of: bare, levels: levels, asOf: CalendarDate("2026-03-05")!, withinDays: 0)
    #expect(items.map(\.kind) == [.introMeeting, .kickoff])
  }

  @Test func theQueueIsSortedByOwnerThenDateAndFiltered() {
    let day = CalendarDate("2026-03-01")!
    func item(_ owner: String?, _ due: String, _ account: String) -> DueItem {
      DueItem(
        account: account, owner: owner, kind: .kickoff, due: CalendarDate(due)!, subject: nil,
        title: "", file: .account,
        location: nil)
    }
    let queue = DueQueue(
      asOf: day, withinDays: 0, owner: nil,
      items: [
        item(nil, "2026-01-01", "z"), item("b", "2026-01-01", "y"), item("a", "2026-02-01", "x"),
        item("a", "2026-01-05", "w"),
      ])
    #expect(queue.items.map(\.account) == ["w", "x", "y", "z"])
    #expect(
      DueQueue(asOf: day, withinDays: 0, owner: "a", items: queue.items).items.map(\.account) == [
        "w", "x",
      ])
  }
}

extension DueQueueTests {
  @Test func aValueWithALineBreakStaysOnItsLine() {
    let record = Self.record(
      handoff: Self.held,
      threads: "open_threads:\n  - question: \"a\\nforged line\"\n    due: 2026-03-20\n")
    let queue = DueQueue(
      asOf: CalendarDate("2026-04-01")!, withinDays: 0, owner: nil,
      items: DueQueue.items(
        of: record, levels: ServiceLevels(), asOf: CalendarDate("2026-04-01")!, withinDays: 0))
    for markdown in [false, true] {
      let text = DueTextRenderer(markdown: markdown).render(queue)
      #expect(!text.split(separator: "\n").contains { $0.hasPrefix("forged") }, "\(text)")
      #expect(text.contains("a\\nforged line"))
    }
  }
}
