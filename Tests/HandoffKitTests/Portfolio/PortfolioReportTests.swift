import Foundation
import HandoffTestSupport
import Testing

@testable import HandoffKit

@Suite struct PortfolioReportTests {
  /// acme closes complete, with a verbal promise, then gains a promise and re-dates one;
  /// beta closes without risks.yaml (an error) and is fixed 84 hours later, then loses a promise;
  /// gamma never closes and has an error.
  static func portfolio(upTo step: Int = 4) throws -> TestRepository {
    let repo = try TestRepository()
    let handedOver = Fixtures.account.replacingOccurrences(
      of: "contract:",
      with:
        "handoff:\n  intro_meeting: 2026-08-17\n  kickoff: 2026-08-24\n  csm_confidence: "
        + "4\ncontract:"
    )
    let verbal =
      Fixtures.commitments + """
          - id: demo-promise
            promise: Grades sync every night
            kind: integration
            source: demo
            in_contract: false
            made_by: jane.doe
            owner: product
            due: 2026-10-01
            status: open

        """
    try repo.writeAccount(
      "acme", replacing: ["account.yaml": handedOver, "commitments.yaml": verbal])
    try repo.writeAccount(
      "beta",
      replacing: [
        "account.yaml": Fixtures.account.replacingOccurrences(of: "jane.doe", with: "ken.ito"),
        "commitments.yaml": Fixtures.commitments(["a", "b"]),
      ])
    try repo.remove("accounts/beta/risks.yaml")
    try repo.writeAccount(
      "gamma",
      replacing: [
        "account.yaml": Fixtures.account(at: "negotiation").replacingOccurrences(
          of: "jane.doe", with: "ken.ito") + "segmnet: smb\n"
      ])
    try repo.commit("three accounts")
    guard step >= 2 else { return repo }
    let later =
      verbal.replacingOccurrences(of: "due: 2026-09-25", with: "due: 2026-10-05")
      + Fixtures.commitments(["extra"]).replacingOccurrences(of: "commitments:\n", with: "")
    try repo.write("accounts/acme/commitments.yaml", later)
    try repo.commit("acme: new promise, SSO later", after: 12 * 3600)
    guard step >= 3 else { return repo }
    try repo.write("accounts/beta/risks.yaml", Fixtures.risks)
    try repo.commit("beta: risks", after: 3 * 86_400)
    guard step >= 4 else { return repo }
    try repo.write("accounts/beta/commitments.yaml", Fixtures.commitments(["a"]))
    try repo.commit("beta: drop b")
    return repo
  }

  @Test func figuresFromHistory() throws {
    let repo = try Self.portfolio()
    let report = PortfolioReport(try PortfolioScanner.scan(in: Workspace.open(at: repo.path)))
    #expect(report.trackedAccounts == 3)
    #expect(report.trackedDefective == 1)
    #expect(report.notClosed == 1)
    let figures = report.summary
    #expect(figures.accounts == 2)
    #expect(figures.defective == 0)
    #expect(figures.completeWithin24Hours == 1)
    #expect(figures.neverComplete == 0)
    #expect(figures.medianHoursToComplete == 42)  // acme 0 h, beta 84 h
    #expect(figures.medianDaysToIntro == 3)
    #expect(figures.medianDaysToKickoff == 10)
    #expect(figures.reconciled == 0)
    #expect(figures.commitmentsAtClose == 4)
    #expect(figures.addedAfterClose == 1)
    #expect(figures.scopeCreepRate == 0.5)
    #expect(figures.redated == 1)
    #expect(figures.removedAfterClose == 1)
    #expect(figures.withdrawn == 0)
    #expect(figures.verbalPromises == 1)
    #expect(figures.accountsWithVerbalPromises == 1)
    #expect(figures.confidence == [0, 0, 0, 1, 0])
    #expect(figures.confidenceUnset == 1)
    #expect(figures.averageConfidence == 4)
    #expect(figures.redFlags["promise"] == 1)  // acme's verbal promise, derived
    #expect(report.bySalesOwner.map(\.key) == ["jane.doe", "ken.ito"])
    #expect(report.bySalesOwner.map(\.figures.accounts) == [1, 1])
    #expect(report.byCloseMonth.map(\.key) == ["2026-01"])
    #expect(report.weakest.count == 2)
    #expect(report.weakest.first.map { $0.completeness <= report.weakest[1].completeness } == true)
  }

  @Test func sinceCountsOnlyLaterCloses() throws {
    let repo = try Self.portfolio(upTo: 1)
    let scan = try PortfolioScanner.scan(in: Workspace.open(at: repo.path))
    #expect(PortfolioReport(scan, since: CalendarDate("2026-01-02")).summary.accounts == 2)
    #expect(PortfolioReport(scan, since: CalendarDate("2026-01-03")).summary.accounts == 0)
    #expect(PortfolioReport(scan, since: CalendarDate("2026-01-03")).trackedAccounts == 3)
  }

  @Test func neverCompleteUntilFixed() throws {
    let repo = try Self.portfolio(upTo: 2)
    let figures = PortfolioReport(try PortfolioScanner.scan(in: Workspace.open(at: repo.path)))
      .summary
    #expect(figures.neverComplete == 1)
    #expect(figures.completeWithin24Hours == 1)
    #expect(figures.medianHoursToComplete == 0)
  }

  /// The index learns beta's completion from the commits added after it was written, and
  /// says exactly what a walk without it says.
  @Test func theIndexCatchesUpOnCompleteness() throws {
    let repo = try Self.portfolio(upTo: 2)
    _ = try PortfolioScanner.scan(in: Workspace.open(at: repo.path))
    try repo.write("accounts/beta/risks.yaml", Fixtures.risks)
    try repo.commit("beta: risks", after: 3 * 86_400)
    let indexed = PortfolioJSONRenderer().render(
      PortfolioReport(try PortfolioScanner.scan(in: Workspace.open(at: repo.path))))
    let walked = PortfolioJSONRenderer().render(
      PortfolioReport(try PortfolioScanner.scan(in: Workspace.open(at: repo.path), useIndex: false))
    )
    #expect(indexed == walked)
    #expect(try JSONReader.parse(indexed)["closed"]?["median_hours_to_complete"]?.number == 42)
  }

  /// An index written without judging (by `at-close`) keeps its accounts' versions waiting;
  /// a report then judges those after the fact and an account closed since on the way, and
  /// says exactly what a walk without the index says.
  @Test func waitingAndNewlyClosedAccountsAreJudgedAlike() throws {
    let repo = try Self.portfolio(upTo: 2)
    _ = try CloseFinder.find(in: Workspace.open(at: repo.path))
    try repo.write("accounts/beta/risks.yaml", Fixtures.risks)
    try repo.commit("beta: risks", after: 3 * 86_400)
    try repo.writeAccount("delta")
    try repo.commit("delta closes complete", after: 3600)
    let indexed = PortfolioReport(try PortfolioScanner.scan(in: Workspace.open(at: repo.path)))
    let walked = PortfolioReport(
      try PortfolioScanner.scan(in: Workspace.open(at: repo.path), useIndex: false))
    #expect(PortfolioJSONRenderer().render(indexed) == PortfolioJSONRenderer().render(walked))
    #expect(indexed.summary.neverComplete == 0)
    #expect(indexed.summary.completeWithin24Hours == 2)
  }

  @Test func changedSettingsRejudgeCompleteness() throws {
    let repo = try Self.portfolio(upTo: 2)
    #expect(
      PortfolioReport(try PortfolioScanner.scan(in: Workspace.open(at: repo.path))).summary
        .neverComplete == 1)
    try repo.write(".handoff.yaml", "rules:\n  missing-file: warning\n")
    try repo.commit("missing files are warnings here")
    #expect(
      PortfolioReport(try PortfolioScanner.scan(in: Workspace.open(at: repo.path))).summary
        .neverComplete == 0)
  }

  @Test func anEmptyRepositoryHasNoHistoryToReportOn() throws {
    let repo = try TestRepository()
    let failure = try #require(throws: HandoffError.self) {
      try PortfolioScanner.scan(in: Workspace.open(at: repo.path))
    }
    #expect(
      failure.description
        == "error: the branch `main` has no commits yet, so there is no history to read; commit "
        + "first"
    )
  }

  @Test func medianOfEvenAndOddCounts() {
    #expect(PortfolioFigures.median([]) == nil)
    #expect(PortfolioFigures.median([5, 1, 3]) == 3)
    #expect(PortfolioFigures.median([4, 1, 3, 2]) == 2.5)
  }
}
