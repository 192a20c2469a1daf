import Foundation
import HandoffKit
import HandoffTestSupport
import Testing

@Suite struct BlameTests {
  func handoff(_ arguments: [String], in repo: TestRepository) throws -> Shell.Result {
    try Shell.run(ValidateCommandTests.binary, arguments, directory: repo.path)
  }

  /// The same promise and stakeholders as Fixtures, written another way: keys moved, a
  /// comment, flow style. Not one value differs.
  static let reformatted = """
    # Promises made to Lincoln
    commitments:
      - {id: clever-sso, status: open, due: 2026-09-25, owner: success,
         made_by: jane.doe, in_contract: true, source: contract, kind: integration,
         promise: Clever SSO live before the first day of school}

    """

  static let rostering = Fixtures.rosteringCommitment

  /// The commits of a known history, and the repository.
  static func history() throws -> (repo: TestRepository, commits: [String]) {
    let repo = try TestRepository()
    try repo.write(".handoff.yaml", "accounts_dir: accounts\n")
    try repo.writeAccount("acme")
    try repo.writeAccount("beta")
    var commits = [try repo.commit("acme and beta")]
    try repo.write("accounts/acme/commitments.yaml", Self.reformatted)
    commits.append(try repo.commit("acme: commitments reformatted"))
    try repo.write(
      "accounts/acme/commitments.yaml",
      Fixtures.commitments.replacingOccurrences(of: "due: 2026-09-25", with: "due: 2026-10-30"))
    commits.append(try repo.commit("acme: SSO moved to October"))
    try repo.write(
      "accounts/acme/commitments.yaml",
      Fixtures.commitments.replacingOccurrences(of: "due: 2026-09-25", with: "due: 2026-10-30")
        + Self.rostering)
    try repo.write(
      "accounts/acme/account.yaml",
      Fixtures.account.replacingOccurrences(of: "arr: 84000", with: "arr: 90000"))
    commits.append(try repo.commit("acme: rostering promised, ARR up"))
    try repo.write("accounts/acme/commitments.yaml", Fixtures.commitments + Self.rostering)
    commits.append(try repo.commit("acme: SSO back to September"))
    try repo.write(
      "accounts/beta/account.yaml",
      Fixtures.account.replacingOccurrences(of: "arr: 84000", with: "arr: 1"))
    commits.append(try repo.commit("beta: ARR"))
    return (repo, commits)
  }

  @Test func eachValueNamesTheCommitThatSetIt() throws {
    let (repo, commits) = try Self.history()
    let run = try handoff(["blame", "acme", "--format", "json"], in: repo)
    #expect(run.status == 0, "\(run.stderr)")
    let json = try JSONReader.parse(run.stdout)
    #expect(json["version"]?.number == 1)
    #expect(json["head"]?.string == commits[5])
    func setter(_ list: [YAMLNode]?, _ key: String, _ name: String) -> String? {
      list?.first { $0[key]?.string == name }?["set_by"]?["commit"]?.string
    }
    let fields = json["fields"]?.items
    #expect(setter(fields, "path", "deal.arr") == commits[3])
    #expect(setter(fields, "path", "deal.currency") == commits[0])
    #expect(setter(fields, "path", "owners.sales") == commits[0])
    let commitments = json["commitments"]?.items ?? []
    #expect(commitments.compactMap { $0["id"]?.string } == ["clever-sso", "rostering"])
    let sso = commitments[0]
    // Reformatting changed no value; the date went to October and came back.
    #expect(sso["introduced_by"]?["commit"]?.string == commits[0])
    #expect(setter(sso["fields"]?.items, "field", "promise") == commits[0])
    #expect(setter(sso["fields"]?.items, "field", "due") == commits[4])
    #expect(
      sso["fields"]?.items?.first { $0["field"]?.string == "due" }?["value"]?.string == "2026-09-25"
    )
    #expect(sso["fields"]?.items?.contains { $0["field"]?.string == "id" } == false)
    #expect(sso["fields"]?["set_by"] == nil)
    let roster = commitments[1]
    #expect(roster["introduced_by"]?["commit"]?.string == commits[3])
    #expect(roster["introduced_by"]?["message"]?.string == "acme: rostering promised, ARR up")
    #expect(setter(roster["fields"]?.items, "field", "status") == commits[3])
    let stakeholders = json["stakeholders"]?.items ?? []
    #expect(!stakeholders.isEmpty)
    #expect(stakeholders.allSatisfy { $0["introduced_by"]?["commit"]?.string == commits[0] })
  }

  @Test func oneCommitmentAndText() throws {
    let (repo, commits) = try Self.history()
    let json = try JSONReader.parse(
      try handoff(["blame", "acme", "--commitment", "rostering", "--format", "json"], in: repo)
        .stdout)
    #expect(json["commitments"]?.items?.compactMap { $0["id"]?.string } == ["rostering"])
    #expect(json["fields"]?.items?.isEmpty == true)
    #expect(json["stakeholders"]?.items?.isEmpty == true)
    let text = try handoff(["blame", "acme", "--commitment", "clever-sso"], in: repo)
    #expect(text.status == 0)
    let due = try #require(
      text.stdout.split(separator: "\n").first { $0.contains("due: 2026-09-25") })
    #expect(due.contains(String(commits[4].prefix(12))))
    #expect(due.hasSuffix("acme: SSO back to September"))
    #expect(text.stdout.contains("  clever-sso"))
  }

  @Test func blameErrorsAreOneLine() throws {
    let (repo, _) = try Self.history()
    for arguments in [["blame", "nobody"], ["blame", "acme", "--commitment", "nope"]] {
      let run = try handoff(arguments, in: repo)
      #expect(run.status == 2)
      #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
    }
    // An account deleted at HEAD has no current values.
    try FileManager.default.removeItem(atPath: repo.path + "/accounts/beta")
    try repo.commit("beta gone")
    #expect(try handoff(["blame", "beta"], in: repo).status == 2)
  }

  @Test func aDeletedAndRestoredAccountIsSetAgain() throws {
    let (repo, commits) = try Self.history()
    try FileManager.default.removeItem(atPath: repo.path + "/accounts/acme")
    try repo.commit("acme gone")
    try repo.writeAccount("acme")
    let back = try repo.commit("acme back")
    let json = try JSONReader.parse(
      try handoff(["blame", "acme", "--format", "json"], in: repo).stdout)
    #expect(json["commitments"]?.items?.first?["introduced_by"]?["commit"]?.string == back)
    #expect(json["fields"]?.items?.allSatisfy { $0["set_by"]?["commit"]?.string == back } == true)
    #expect(!commits.contains(back))
  }
}

extension BlameTests {
  /// The history index's folder versions answer as the walk of every commit does, before and
  /// after the index is brought up to date with new commits.
  @Test func theIndexAnswersAsTheFullWalk() throws {
    let (repo, _) = try Self.history()
    func same(_ arguments: [String]) throws {
      let indexed = try handoff(arguments, in: repo)
      let reference = try handoff(arguments + ["--no-cache"], in: repo)
      #expect(indexed.status == 0 && indexed.stdout == reference.stdout, "\(arguments)")
    }
    for account in ["acme", "beta"] {
      try same(["blame", account, "--format", "json"])
      try same(["log", account, "--format", "json"])
    }
    #expect(FileManager.default.fileExists(atPath: repo.path + "/.git/handoff/history-v5.bin"))
    try FileManager.default.removeItem(atPath: repo.path + "/accounts/beta")
    try repo.commit("beta gone")
    try repo.writeAccount("beta")
    try repo.write("accounts/acme/goals.yaml", Fixtures.goals + "evaluated: [Competitor A]\n")
    try repo.commit("beta back, acme goals")
    try same(["blame", "beta", "--format", "json"])
    try same(["log", "beta", "--format", "json"])
    try same(["log", "acme", "--format", "json"])
  }
}
