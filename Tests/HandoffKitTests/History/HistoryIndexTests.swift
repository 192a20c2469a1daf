import Foundation
import HandoffTestSupport
import Testing

@testable import HandoffKit

/// The history index is derived data: whatever state it is in, answers equal a full walk.
@Suite struct HistoryIndexTests {
  func summary(_ closes: [AccountClose]) -> [String] {
    closes.map {
      "\($0.account) \($0.commit?.id.description ?? "-") \($0.commitments) \($0.addedAfterClose)"
    }
  }

  func expectSameAsFullWalk(_ repo: TestRepository) throws {
    let indexed = try CloseFinder.find(in: Workspace.open(at: repo.path))
    let full = try CloseFinder.find(in: Workspace.open(at: repo.path), useIndex: false)
    #expect(summary(indexed) == summary(full))
  }

  @Test func incrementalRewrittenAndCorruptIndexesGiveTheSameAnswer() throws {
    let repo = try TestRepository()
    try repo.writeAccount("acme", replacing: ["account.yaml": Fixtures.account(at: "negotiation")])
    try repo.commit("negotiating")
    try expectSameAsFullWalk(repo)
    let index = repo.root.appendingPathComponent(".git/handoff/history-v5.bin")
    #expect(FileManager.default.fileExists(atPath: index.path))

    try repo.write("accounts/acme/account.yaml", Fixtures.account)
    try repo.commit("closed")
    try repo.write("accounts/acme/commitments.yaml", Fixtures.commitments(["clever-sso", "extra"]))
    try repo.writeAccount("beta")
    try repo.commit("more")
    try expectSameAsFullWalk(repo)  // resumed from the index
    #expect(
      try CloseFinder.find(in: Workspace.open(at: repo.path)).first { $0.account == "acme" }?
        .addedAfterClose == ["extra"])

    try repo.git(["reset", "-q", "--hard", "HEAD~2"])  // history rewritten: the tip is gone
    try repo.writeAccount("gamma")
    try repo.commit("other path")
    try expectSameAsFullWalk(repo)
    #expect(
      try CloseFinder.find(in: Workspace.open(at: repo.path)).contains { $0.account == "beta" }
        == false)

    try Data("garbage".utf8).write(to: index)
    try expectSameAsFullWalk(repo)
    var truncated = try Data(contentsOf: index)
    truncated.removeLast(3)
    try truncated.write(to: index)
    try expectSameAsFullWalk(repo)
  }

  @Test func noCacheWritesNothing() throws {
    let repo = try TestRepository()
    try repo.writeAccount("acme")
    try repo.commit("one")
    _ = try CloseFinder.find(in: Workspace.open(at: repo.path), useIndex: false)
    #expect(!FileManager.default.fileExists(atPath: repo.path + "/.git/handoff/history-v5.bin"))
  }
}

@Suite struct ClosedStageShortcutTests {
  /// The shortcut that skips parsing must agree with parsing on every stage spelling.
  @Test func agreesWithTheParser() throws {
    let repo = try TestRepository()
    let texts = [
      "stage: prospect\n", "stage: negotiation # goes live in May\n", "stage: live\n",
      "stage: \"closed-won\"\n",
      "stage: 'handed-off'\n", "{stage: onboarding, name: x}\n", "stage: \"\\x6Cive\"\n",
      "stage: lost\n",
      "stage: churned\n", "name: delivered\nstage: negotiation\n", "stage: [live]\n",
      "stage: >-\n  live\n", "",
    ]
    for (index, text) in texts.enumerated() { try repo.write("f\(index).yaml", text) }
    try repo.commit("stages")
    let repository = try Repository.discover(from: repo.path)
    let store = RecordHistoryStore(repository: repository, accountsDirectory: "accounts")
    let head = try repository.commit(for: "HEAD")
    for (index, text) in texts.enumerated() {
      let blob = try #require(try repository.fileID(ofCommit: head, at: "f\(index).yaml"))
      let parsed =
        YAMLLoader.load(Array(text.utf8)).root?["stage"]?.string.flatMap(Stage.init(rawValue:))?
        .isClosed ?? false
      #expect(store.stageIsClosed(ofBlob: blob) == parsed, "\(text)")
    }
    #expect(!RecordHistoryStore.mayNameClosedStage(Array("stage: negotiation\n".utf8)))
    #expect(RecordHistoryStore.mayNameClosedStage(Array("stage: \"\\x6Cive\"\n".utf8)))
  }

  /// at-close leaves completeness unjudged in the index; the report judges what is waiting and
  /// says exactly what a walk without the index says.
  @Test func theReportJudgesWhatAtCloseLeftWaiting() throws {
    let repo = try PortfolioReportTests.portfolio(upTo: 2)
    _ = try CloseFinder.find(in: Workspace.open(at: repo.path))
    try repo.write("accounts/beta/risks.yaml", Fixtures.risks)
    try repo.commit("beta: risks", after: 3 * 86_400)
    _ = try CloseFinder.find(in: Workspace.open(at: repo.path))
    let indexed = PortfolioJSONRenderer().render(
      PortfolioReport(try PortfolioScanner.scan(in: Workspace.open(at: repo.path))))
    let walked = PortfolioJSONRenderer().render(
      PortfolioReport(try PortfolioScanner.scan(in: Workspace.open(at: repo.path), useIndex: false))
    )
    // Once the report cache holds every account, HEAD's files are not read again.
    let cached = PortfolioJSONRenderer().render(
      PortfolioReport(try PortfolioScanner.scan(in: Workspace.open(at: repo.path))))
    #expect(indexed == walked)
    #expect(cached == walked)
    #expect(try JSONReader.parse(indexed)["closed"]?["median_hours_to_complete"]?.number == 42)
  }
}
