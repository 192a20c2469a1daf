import Foundation
import HandoffTestSupport
import Testing

@testable import HandoffKit

@Suite struct CloseFinderTests {
  static let negotiation = Fixtures.account(at: "negotiation")

  @Test func theFirstClosedCommitOnTheFirstParentChainWins() throws {
    let repo = try TestRepository()
    try repo.writeAccount(
      "acme",
      replacing: [
        "account.yaml": Self.negotiation,
        "commitments.yaml": CommitmentRemovedTests.commitments(["draft"]),
      ])
    try repo.writeAccount("never", replacing: ["account.yaml": Self.negotiation])
    try repo.commit("negotiating")
    try repo.write("accounts/acme/account.yaml", Fixtures.account)
    try repo.write(
      "accounts/acme/commitments.yaml", CommitmentRemovedTests.commitments(["sso", "training"]))
    let closing = try repo.commit("acme closed")
    try repo.write("accounts/acme/account.yaml", Self.negotiation)
    try repo.commit("moved back")
    try repo.write("accounts/acme/account.yaml", Fixtures.account)
    try repo.write(
      "accounts/acme/commitments.yaml",
      CommitmentRemovedTests.commitments(["sso", "training", "later"]))
    try repo.commit("closed again, with more")

    let closes = try CloseFinder.find(in: Workspace.open(at: repo.path))
    let acme = try #require(closes.first { $0.account == "acme" })
    #expect(acme.commit?.id.description == closing)
    #expect(acme.commitments == ["sso", "training"])
    let never = try #require(closes.first { $0.account == "never" })
    #expect(never.commit == nil)
    #expect(never.commitments.isEmpty)

    let json = try JSONReader.parse(AtCloseRenderer(format: .json).render(closes))
    #expect(json["accounts"]?["acme"]?["commit"]?.string == closing)
    #expect(json["accounts"]?["never"]?["commit"]?.value == .null)
  }

  @Test func aCloseTagOverridesAndMergedBranchesCloseAtTheMerge() throws {
    let repo = try TestRepository()
    try repo.writeAccount(
      "acme",
      replacing: [
        "account.yaml": Self.negotiation,
        "commitments.yaml": CommitmentRemovedTests.commitments(["draft"]),
      ])
    let first = try repo.commit("negotiating")
    try repo.git(["checkout", "-q", "-b", "topic"])
    try repo.write("accounts/acme/account.yaml", Fixtures.account)
    try repo.commit("closed on a branch")
    try repo.git(["checkout", "-q", "main"])
    try repo.git(["merge", "-q", "--no-ff", "-m", "merge topic", "topic"])
    let merge = try repo.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
    // First-parent order: the close is the merge commit that brought the change to main.
    #expect(
      try CloseFinder.find(in: Workspace.open(at: repo.path)).first?.commit?.id.description == merge
    )

    try repo.git(["tag", "handoff/close/acme", first])
    let tagged = try #require(try CloseFinder.find(in: Workspace.open(at: repo.path)).first)
    #expect(tagged.commit?.id.description == first)
    #expect(tagged.commitments == ["draft"])
  }

  /// The same history stored with chains of 3 deltas (a whole accounts tree every fourth
  /// commit), Git's 50, and 500 (chains that cross every range the walk is cut into): the same
  /// trees, so the same answers.
  @Test(arguments: [3, nil, 500])
  func matchesTheGeneratorsTruth(deltaDepth: Int?) throws {
    try #require(FileManager.default.fileExists(atPath: GeneratedRepositoryTests.generator.path))
    let generated = try GeneratedRepositoryTests.generate(
      accounts: 150, seed: 11, deltaDepth: deltaDepth)
    defer { try? FileManager.default.removeItem(at: generated.folder) }
    // The pack is stored as asked: its longest chain is as deep as allowed (the accounts tree
    // changes in every commit), and no deeper.
    let pack = generated.folder.appendingPathComponent(".git/objects/pack")
    let index = try #require(
      try FileManager.default.contentsOfDirectory(atPath: pack.path).first { $0.hasSuffix(".idx") })
    let chains = try Shell.run(
      "/usr/bin/env", ["git", "verify-pack", "-v", pack.appendingPathComponent(index).path]
    ).checked().split(separator: "\n").compactMap { line -> Int? in
      guard line.hasPrefix("chain length = ") else { return nil }
      return Int(line.dropFirst("chain length = ".count).prefix { $0.isNumber })
    }
    #expect(chains.max() == deltaDepth ?? 50)
    let closes = try CloseFinder.find(in: Workspace.open(at: generated.folder.path))
    let truth = try #require(generated.truth["by_account"]?.entries)
    #expect(closes.count == truth.count)
    for entry in truth {
      let close = closes.first { $0.account == entry.key }
      #expect(close?.commitments == entry.value["at_close"]?.strings, "\(entry.key)")
    }
  }

  @Test func unknownAccountsAreAnError() throws {
    let repo = try TestRepository()
    try repo.writeAccount("acme")
    try repo.commit("one")
    #expect(throws: HandoffError.self) {
      try CloseFinder.find(in: Workspace.open(at: repo.path), accounts: ["nope"])
    }
  }
}

extension CloseFinderTests {
  @Test func aDeletedAndRecreatedAccountKeepsItsFirstCloseAndBulkCommitsCount() throws {
    let repo = try TestRepository()
    for id in ["a1", "a2", "a3", "a4"] {
      try repo.writeAccount(id, replacing: ["account.yaml": Self.negotiation])
    }
    try repo.commit("four deals")
    for id in ["a1", "a2", "a3", "a4"] {
      try repo.write("accounts/\(id)/account.yaml", Fixtures.account)
    }
    let bulk = try repo.commit("all four closed at once")
    try repo.remove("accounts/a2")
    try repo.commit("a2 deleted")
    try repo.writeAccount("a2", replacing: ["commitments.yaml": Fixtures.commitments(["reborn"])])
    try repo.commit("a2 re-created")
    try repo.git(["mv", "accounts/a3/commitments.yaml", "accounts/a3/commitments.old"])
    try repo.commit("a3 commitments renamed away")
    try repo.git(["mv", "accounts/a3/commitments.old", "accounts/a3/commitments.yaml"])
    try repo.commit("and back")

    let closes = try CloseFinder.find(in: Workspace.open(at: repo.path))
    #expect(closes.map(\.account) == ["a1", "a2", "a3", "a4"])
    #expect(closes.allSatisfy { $0.commit?.id.description == bulk })
    let a2 = try #require(closes.first { $0.account == "a2" })
    #expect(a2.commitments == ["clever-sso"])
    #expect(a2.addedAfterClose == ["reborn"])
    let a3 = try #require(closes.first { $0.account == "a3" })
    #expect(a3.addedAfterClose.isEmpty)

    // The renamed file is a removal in the range, even though it came back.
    let removed = try Validator.run(
      ValidationRequest(
        repositoryPath: repo.path, source: .worktree, useCache: false, range: "\(bulk)..HEAD")
    ).diagnostics.filter { $0.ruleID == .commitmentRemoved }
    #expect(Set(removed.map(\.account)) == ["a2", "a3"])
  }
}
