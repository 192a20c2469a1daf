import Foundation
import HandoffTestSupport
import Testing

@testable import HandoffKit

/// The gate judges the accounts a change touches, and nothing else.
@Suite struct ChangeScopeTests {
  func run(
    _ repo: TestRepository, _ source: SnapshotSource, range: String? = nil, scope: ValidationScope
  )
    throws -> Report
  {
    try Validator.run(
      ValidationRequest(
        repositoryPath: repo.path, source: source, useCache: true, range: range, scope: scope))
  }

  /// A repository with a broken account nobody touches.
  static func withABrokenNeighbour() throws -> (TestRepository, String) {
    let repo = try TestRepository()
    try repo.writeAccount("acme")
    try repo.writeAccount("beta")
    try repo.writeAccount(
      "broken",
      replacing: [
        "account.yaml": Fixtures.account.replacingOccurrences(of: "segment:", with: "segmnet:")
      ])
    let base = try repo.commit("start")
    return (repo, base)
  }

  @Test func stagedJudgesOnlyTheChangedAccountsAndCountsTheOthers() throws {
    let (repo, _) = try Self.withABrokenNeighbour()
    try repo.write("accounts/acme/notes.md", "a note\n")
    try repo.write("accounts/beta/goals.yaml", "problem: only\n")
    try repo.add()
    let report = try run(repo, .index, scope: .changed)
    #expect(report.scope == .changed)
    #expect(report.accountIDs == ["acme", "beta"])
    #expect(Set(report.diagnostics.compactMap(\.account)) == ["beta"])
    #expect(report.otherAccountsWithErrors == 1)
    // Remembered verdicts give the same count without judging `broken` again.
    #expect(try run(repo, .index, scope: .changed).otherAccountsWithErrors == 1)
    #expect(try run(repo, .index, scope: .all).diagnostics.contains { $0.account == "broken" })
  }

  @Test func aCleanChangeIsCleanWhateverTheNeighboursHold() throws {
    let (repo, _) = try Self.withABrokenNeighbour()
    try repo.writeAccount("lead", replacing: ["account.yaml": Fixtures.account(at: "prospect")])
    try repo.commit("a prospect")
    try repo.git(["mv", "accounts/lead", "accounts/lead-renamed"])
    let report = try run(repo, .index, scope: .changed)
    #expect(report.accountIDs == ["lead-renamed"])
    #expect(report.exitStatus == .clean)
    #expect(report.otherAccountsWithErrors == 1)
  }

  @Test func renamingAClosedAccountIsARemovalOfItsPromises() throws {
    let (repo, _) = try Self.withABrokenNeighbour()
    try repo.git(["mv", "accounts/acme", "accounts/acme-corp"])
    let report = try run(repo, .index, scope: .changed)
    #expect(report.accountIDs == ["acme-corp"])
    #expect(report.diagnostics.contains { $0.ruleID == .commitmentRemoved && $0.account == "acme" })
  }

  @Test func settingsOrLooseFilesTouchEveryAccount() throws {
    let (repo, base) = try Self.withABrokenNeighbour()
    try repo.write(".handoff.yaml", "red_flag_threshold: 4\n")
    try repo.add()
    #expect(try run(repo, .index, scope: .changed).accountIDs == ["acme", "beta", "broken"])
    try repo.git(["reset", "-q"])
    try repo.remove(".handoff.yaml")
    try repo.write("accounts/README.md", "what lives here\n")
    try repo.add()
    #expect(try run(repo, .index, scope: .changed).accountIDs == ["acme", "beta", "broken"])
    try repo.commit("readme")
    #expect(
      try run(repo, .revision("HEAD"), range: "\(base)..HEAD", scope: .changed).accountIDs.count
        == 3)
  }

  /// Either end left out means HEAD, as in git: `..HEAD` and `HEAD..` are empty ranges.
  @Test func anEmptyEndOfARangeIsHead() throws {
    let (repo, base) = try Self.withABrokenNeighbour()
    try repo.write("accounts/acme/notes.md", "call notes\n")
    try repo.commit("acme: notes")
    for range in ["..HEAD", "HEAD..", "HEAD..HEAD"] {
      #expect(
        try run(repo, .revision("HEAD"), range: range, scope: .changed).accountIDs == [],
        "\(range)")
    }
    #expect(
      try run(repo, .revision("HEAD"), range: "\(base)..", scope: .changed).accountIDs == ["acme"])
  }

  @Test func aRangeJudgesWhatDiffersFromTheMergeBase() throws {
    let (repo, base) = try Self.withABrokenNeighbour()
    try repo.git(["checkout", "-q", "-b", "feature"])
    try repo.write("accounts/beta/goals.yaml", Fixtures.goals + "# reviewed\n")
    try repo.commit("touch beta")
    try repo.git(["checkout", "-q", "main"])
    try repo.write("accounts/acme/goals.yaml", Fixtures.goals + "# on main meanwhile\n")
    try repo.commit("touch acme on main")
    // main moved on: the pull request still only touches beta.
    let report = try run(repo, .revision("feature"), range: "main..feature", scope: .changed)
    #expect(report.accountIDs == ["beta"])
    #expect(report.otherAccountsWithErrors == 1)
    #expect(
      try run(repo, .revision("feature"), range: "\(base)..feature", scope: .all).accountIDs.count
        == 3)
  }

  @Test func deletedAccountsAreInTheChange() throws {
    let (repo, _) = try Self.withABrokenNeighbour()
    try repo.git(["rm", "-q", "-r", "accounts/beta"])
    let scope = try ChangeScope.staged(
      items: try Repository.discover(from: repo.path).indexItems(under: "accounts"),
      settingsID: nil,
      repository: try Repository.discover(from: repo.path), accountsDirectory: "accounts")
    #expect(scope.accounts == ["beta"])
  }

  /// Property: whatever the change, the changed-scope findings are exactly the `--all` findings
  /// of the changed accounts, and the count of others with errors is the `--all` count.
  @Test func changedFindingsAreAllFindingsRestrictedToTheChange() throws {
    var generator = SystemRandomNumberGenerator()
    let edits: [(String, String)] = [
      (
        "account.yaml",
        Fixtures.account.replacingOccurrences(of: "segment: enterprise", with: "segment: huge")
      ),
      ("goals.yaml", "problem: only\n"),
      ("notes.md", "just notes\n"),
      ("commitments.yaml", Fixtures.commitments(["a", "b"])),
      ("risks.yaml", Fixtures.risks + "# note\n"),
    ]
    for round in 0..<6 {
      let repo = try TestRepository()
      let names = (0..<6).map { "acct-\($0)" }
      for name in names {
        var overrides: [String: String] = [:]
        if Bool.random(using: &generator) { overrides["goals.yaml"] = "problem: only\n" }
        try repo.writeAccount(name, replacing: overrides)
      }
      try repo.commit("start")
      for name in names.shuffled(using: &generator).prefix(Int.random(in: 0...3, using: &generator))
      {
        let (file, text) = edits.randomElement(using: &generator)!
        try repo.write("accounts/\(name)/\(file)", text)
      }
      var deleted: Set<String> = []
      if round % 3 == 2 {
        try repo.remove("accounts/acct-0")
        deleted.insert("acct-0")
      }
      try repo.add()
      let changed = try run(repo, .index, scope: .changed)
      let all = try run(repo, .index, scope: .all)
      let judged = Set(changed.accountIDs).union(deleted)
      #expect(
        changed.diagnostics == all.diagnostics.filter { $0.account.map(judged.contains) ?? false },
        "round \(round)")
      let othersWithErrors = Set(
        all.diagnostics.filter { $0.severity == .error }.compactMap(\.account)
      ).subtracting(judged)
      #expect(changed.otherAccountsWithErrors == othersWithErrors.count, "round \(round)")
    }
  }
}

/// The fast path (only changed folders listed, the others' errors remembered by tree id) gives
/// exactly what judging everything gives.
@Suite struct StagedFastPathTests {
  @Test func rememberedTreeErrorsGiveTheSameAnswer() throws {
    let (repo, _) = try ChangeScopeTests.withABrokenNeighbour()
    // A full run at HEAD records which accounts of HEAD's tree have errors.
    _ = try Validator.run(ValidationRequest(repositoryPath: repo.path, source: .revision("HEAD")))
    var generator = SystemRandomNumberGenerator()
    for round in 0..<5 {
      let account = ["acme", "beta", "broken"].randomElement(using: &generator)!
      try repo.write(
        "accounts/\(account)/goals.yaml",
        round % 2 == 0 ? "problem: only\n" : Fixtures.goals + "# \(round)\n")
      if round == 3 { try repo.writeAccount("gamma") }
      try repo.add()
      if round == 4 { try repo.git(["rm", "-q", "-r", "--cached", "accounts/gamma"]) }
      let fast = try Validator.run(
        ValidationRequest(repositoryPath: repo.path, source: .index, scope: .changed))
      let slow = try Validator.run(
        ValidationRequest(
          repositoryPath: repo.path, source: .index, useCache: false, scope: .changed))
      #expect(fast.diagnostics == slow.diagnostics, "round \(round)")
      #expect(fast.accountIDs == slow.accountIDs, "round \(round)")
      #expect(fast.otherAccountsWithErrors == slow.otherAccountsWithErrors, "round \(round)")
      // Committing makes the staged tree HEAD's: the next hook finds its errors remembered,
      // and HEAD's accounts tree as this run computed it (a damaged copy is not believed).
      try repo.commit("round \(round)")
      let treeCopy = repo.root.appendingPathComponent(".git/handoff/accounts-tree-staged.bin")
      #expect(FileManager.default.fileExists(atPath: treeCopy.path), "round \(round)")
      if round == 2 {
        var bytes = Array(try Data(contentsOf: treeCopy))
        bytes[bytes.count - 1] ^= 0xFF
        try Data(bytes).write(to: treeCopy)
      }
    }
  }
}
