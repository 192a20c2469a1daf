import Foundation
import HandoffTestSupport
import Testing

@testable import HandoffKit

@Suite struct OutcomeFiguresTests {
  /// An account.yaml closed on `closedOn`, with extra lines under `handoff:` and `contract:`.
  static func account(
    stage: String = "closed-won", segment: String = "smb", closedOn: String, handoff: [String] = [],
    contract: [String] = []
  ) -> String {
    var text = """
      name: Test
      stage: \(stage)
      segment: \(segment)
      owners:
        sales: jane.doe
        success: raj.patel
      deal:
        closed_on: \(closedOn)
      contract:
        start: \(closedOn)
        renewal: 2027-12-31

      """
    for line in contract { text += "  \(line)\n" }
    if !handoff.isEmpty { text += "handoff:\n" + handoff.map { "  \($0)\n" }.joined() }
    return text
  }

  /// HEAD on 2026-04-12. `churner` closes 2026-01-01 and churns by commit on 2026-02-11 (day
  /// 41); `ender` closes the same day and ends its contract on day 120; `young` closed
  /// 2026-03-20, too young to count at day 90.
  static func history() throws -> TestRepository {
    let repo = try TestRepository()
    try repo.writeAccount(
      "churner",
      replacing: [
        "account.yaml": account(
          closedOn: "2026-01-01", handoff: ["first_value_on: 2026-01-21", "effort_score: 2"])
      ])
    try repo.writeAccount(
      "ender",
      replacing: [
        "account.yaml": account(
          segment: "enterprise", closedOn: "2026-01-01",
          handoff: ["first_value_on: 2026-05-01", "effort_score: 5"],
          contract: ["ended_on: 2026-05-01"])
      ])
    try repo.writeAccount(
      "young", replacing: ["account.yaml": account(segment: "mid-market", closedOn: "2026-03-20")])
    try repo.commit("three closed accounts")  // 2026-01-02
    try repo.write(
      "accounts/churner/account.yaml", account(stage: "churned", closedOn: "2026-01-01"))
    try repo.commit("churner churned", after: 40 * 86_400)  // 2026-02-11
    try repo.write(
      "accounts/churner/account.yaml",
      account(stage: "churned", closedOn: "2026-01-01") + "x-note: gone\n")
    try repo.commit("a later edit of a churned account", after: 60 * 86_400)  // 2026-04-12
    return repo
  }

  @Test func churnRetentionAndFirstValueFromAHandBuiltHistory() throws {
    let repo = try Self.history()
    let scan = try PortfolioScanner.scan(in: Workspace.open(at: repo.path))
    let facts = Dictionary(uniqueKeysWithValues: scan.facts.map { ($0.account, $0) })
    #expect(facts["churner"]?.churnDay == CalendarDate("2026-02-11"))
    #expect(facts["ender"]?.churnDay == CalendarDate("2026-05-01"))
    #expect(facts["young"]?.churnDay == nil)
    #expect(facts["churner"]?.daysToFirstValue == nil)  // the churned record dropped it
    #expect(facts["ender"]?.daysToFirstValue == 120)

    let outcomes = PortfolioReport(scan).summary.outcomes
    #expect(outcomes.churned == 2)
    #expect(outcomes.earlyChurnCounted == 2)  // young is 23 days old
    #expect(outcomes.earlyChurned == 1)
    #expect(outcomes.retention.counted == 2)
    #expect(outcomes.retention.retained == 1)
    let enterprise = try #require(outcomes.firstValue.first { $0.segment == "enterprise" })
    #expect(
      enterprise.accounts == 1 && enterprise.medianDays == 120 && enterprise.meetingBenchmark == 0)
    #expect(enterprise.meetingShare == 0)
    let midMarket = try #require(outcomes.firstValue.first { $0.segment == "mid-market" })
    #expect(midMarket.accounts == 0 && midMarket.medianDays == nil && midMarket.meetingShare == nil)
    #expect(outcomes.effort == [0, 0, 0, 0, 1])
    #expect(outcomes.effortMissing == 2)  // churner lost its score; young is past day 14 too

    // The history index gives the same answers as a fresh walk.
    let json = PortfolioJSONRenderer().render(PortfolioReport(scan))
    let fresh = PortfolioJSONRenderer().render(
      PortfolioReport(try PortfolioScanner.scan(in: Workspace.open(at: repo.path), useIndex: false))
    )
    #expect(json == fresh)
    let document = try JSONReader.parse(Array(json.utf8))
    let segments =
      document["closed"]?["outcomes"]?["time_to_first_value"]?["by_segment"]?.items ?? []
    #expect(
      segments.first { $0["segment"]?.string == "mid-market" }?["median_days"].map {
        if case .null = $0.value { true } else { false }
      } == true)
    #expect(document["closed"]?["outcomes"]?["churn"]?["early_churn_share"]?.number == 0.5)
  }

  @Test func anAccountTooYoungForDayNinetyIsNotCounted() {
    var facts = Self.facts(closedOn: "2026-01-01")
    facts.churnDay = CalendarDate("2026-01-20")
    let day89 = OutcomeFigures.Context(headTime: Self.time("2026-03-31"))  // 89 days
    let day90 = OutcomeFigures.Context(headTime: Self.time("2026-04-01"))
    #expect(OutcomeFigures([facts], context: day89).retention.counted == 0)
    #expect(OutcomeFigures([facts], context: day89).retention.share == nil)
    #expect(OutcomeFigures([facts], context: day90).retention.counted == 1)
    #expect(OutcomeFigures([facts], context: day90).retention.retained == 0)
    // A churn on day 91 is retained at day 90; on day 90 it is not.
    facts.churnDay = CalendarDate("2026-04-02")
    #expect(OutcomeFigures([facts], context: day90).retention.retained == 1)
    facts.churnDay = CalendarDate("2026-04-01")
    #expect(OutcomeFigures([facts], context: day90).retention.retained == 0)
  }

  @Test func serviceLevelsOnEachSideOfTheirBoundaries() {
    let context = OutcomeFigures.Context(headTime: Self.time("2026-06-01"))
    func levels(_ change: (inout HandoffFacts) -> Void) -> [String: (Int, Int, Int)] {
      var facts = Self.facts(closedOn: "2026-01-01")
      change(&facts)
      return Dictionary(
        uniqueKeysWithValues: OutcomeFigures([facts], context: context).serviceLevels.map {
          ($0.name, ($0.met, $0.notMet, $0.notYetDue))
        })
    }
    #expect(levels { $0.daysToIntro = 7 }["intro"]! == (1, 0, 0))
    #expect(levels { $0.daysToIntro = 8 }["intro"]! == (0, 1, 0))
    #expect(
      levels {
        $0.daysToIntro = nil
        $0.introDue = false
      }["intro"]! == (0, 0, 1))
    #expect(
      levels {
        $0.daysToIntro = nil
        $0.introDue = true
      }["intro"]! == (0, 1, 0))
    #expect(levels { $0.daysFromKickoffToReconcile = 7 }["reconciliation"]! == (1, 0, 0))
    #expect(levels { $0.daysFromKickoffToReconcile = 8 }["reconciliation"]! == (0, 1, 0))
    #expect(levels { $0.warmTransitionDays = 30 }["warm transition"]! == (1, 0, 0))
    #expect(levels { $0.warmTransitionDays = 29 }["warm transition"]! == (0, 1, 0))
    #expect(levels { $0.secondsToComplete = 24 * 3600 }["complete"]! == (1, 0, 0))
    #expect(levels { $0.secondsToComplete = 24 * 3600 + 1 }["complete"]! == (0, 1, 0))
    #expect(levels { $0.secondsToComplete = nil }["complete"]! == (0, 1, 0))
  }

  @Test func aFreshCloseIsNotYetDueToBeComplete() throws {
    var facts = Self.facts(closedOn: "2026-01-01")
    facts.secondsToComplete = nil
    let head = facts.close!.time + 3600
    let outcomes = OutcomeFigures([facts], context: OutcomeFigures.Context(headTime: head))
    #expect(outcomes.serviceLevels[0].notYetDue == 1)
    #expect(outcomes.serviceLevels[0].share == nil)
  }

  @Test func attendanceCountsOnlyRecordedStakeholders() {
    var facts = Self.facts(closedOn: "2026-01-01")
    facts.kickoffHeld = true
    facts.attendedKickoff = 1
    facts.attendanceRecorded = 2
    let outcomes = OutcomeFigures([facts, Self.facts(closedOn: "2026-01-01")])
    #expect(outcomes.kickoffsHeld == 1)
    #expect(outcomes.attendanceShare == 0.5)
    #expect(OutcomeFigures([Self.facts(closedOn: "2026-01-01")]).attendanceShare == nil)
  }

  @Test func outcomesMatchTheGeneratorsTruth() throws {
    try #require(FileManager.default.fileExists(atPath: GeneratedRepositoryTests.generator.path))
    let generated = try GeneratedRepositoryTests.generate(accounts: 150, seed: 21)
    defer { try? FileManager.default.removeItem(at: generated.folder) }
    let scan = try PortfolioScanner.scan(in: Workspace.open(at: generated.folder.path))
    let truth = try #require(generated.truth["by_account"]?.entries)
    var churned = 0
    for entry in truth {
      let facts = try #require(scan.facts.first { $0.account == entry.key })
      let expected = entry.value["ended_on"]?.string ?? entry.value["churned_on"]?.string
      #expect(facts.churnDay?.description == expected, "\(entry.key)")
      if expected != nil { churned += 1 }
      let days = entry.value["first_value_days"]?.number.map { Int($0) }
      if entry.value["defect"]?.string == nil {
        #expect(facts.daysToFirstValue == days, "\(entry.key)")
      }
    }
    #expect(churned > 0)
  }

  // MARK: - Helpers

  static func time(_ day: String) -> Int64 {
    Int64(CalendarDate(day)!.dayNumber) * 86_400 + 12 * 3600
  }

  /// A closed account's facts with every service level met and nothing else recorded.
  static func facts(closedOn: String) -> HandoffFacts {
    let closed = CalendarDate(closedOn)!
    let close = CommitDetails(
      id: OID(bytes: Array(repeating: 1, count: 20)), time: time(closedOn), author: "", summary: "")
    var facts = HandoffFacts(
      account: "a", salesOwner: "jane.doe", errors: 0, close: close, secondsToComplete: 0,
      closedOn: closed,
      daysToIntro: 3, daysToKickoff: 5, reconciled: true, csmConfidence: nil, commitmentsAtClose: 0,
      addedAfterClose: 0, redated: 0, missed: 0, withdrawn: 0, removedAfterClose: 0,
      verbalPromises: 0,
      completeness: 80, gaps: [], redFlags: [], aboveThreshold: false, mitigationPresent: false)
    facts.daysFromKickoffToReconcile = 2
    facts.warmTransitionDays = 30
    facts.introDue = true
    facts.reconcileDue = true
    facts.warmTransitionDue = true
    return facts
  }
}
