import Foundation
@testable import HandoffKit
import HandoffTestSupport
import Testing

/// The history index is derived data: whatever state it is in, answers equal a full walk.
@Suite struct HistoryIndexTests {
  func summary(_ closes: [AccountClose]) -> [String] {
    closes.map { "\($0.account) \($0.commit?.id.description ?? "-") \($0.commitments) \($0.addedAfterClose)" }
  }

  func expectSameAsFullWalk(_ repo: TestRepository) throws {
    let indexed = try CloseFinder.find(repositoryPath: repo.path)
    let full = try CloseFinder.find(repositoryPath: repo.path, useIndex: false)
    #expect(summary(indexed) == summary(full))
  }

  @Test func incrementalRewrittenAndCorruptIndexesGiveTheSameAnswer() throws {
    let repo = try TestRepository()
    try repo.writeAccount("acme", replacing: ["account.yaml": Fixtures.account(at: "negotiation")])
    try repo.commit("negotiating")
    try expectSameAsFullWalk(repo)
    let index = repo.root.appendingPathComponent(".git/handoff/history-v2.bin")
    #expect(FileManager.default.fileExists(atPath: index.path))

    try repo.write("accounts/acme/account.yaml", Fixtures.account)
    try repo.commit("closed")
    try repo.write("accounts/acme/commitments.yaml", Fixtures.commitments(["clever-sso", "extra"]))
    try repo.writeAccount("beta")
    try repo.commit("more")
    try expectSameAsFullWalk(repo)  // resumed from the index
    #expect(try CloseFinder.find(repositoryPath: repo.path).first { $0.account == "acme" }?.addedAfterClose == ["extra"])

    try repo.git(["reset", "-q", "--hard", "HEAD~2"])  // history rewritten: the tip is gone
    try repo.writeAccount("gamma")
    try repo.commit("other path")
    try expectSameAsFullWalk(repo)
    #expect(try CloseFinder.find(repositoryPath: repo.path).contains { $0.account == "beta" } == false)

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
    _ = try CloseFinder.find(repositoryPath: repo.path, useIndex: false)
    #expect(!FileManager.default.fileExists(atPath: repo.path + "/.git/handoff/history-v2.bin"))
  }
}
