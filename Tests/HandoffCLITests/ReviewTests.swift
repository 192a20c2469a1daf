import Foundation
import HandoffKit
import HandoffTestSupport
import Testing

@Suite struct ReviewTests {
  func handoff(_ arguments: [String], in repo: TestRepository) throws -> Shell.Result {
    try Shell.run(ValidateCommandTests.binary, arguments, directory: repo.path)
  }

  static let settings = """
    accounts_dir: accounts
    red_flag_threshold: 1
    reviewers:
      people:
        jane.doe: "@jdoe"
        raj.patel: "@rpatel"
      escalation: ["@acme/cs-leadership"]

    """

  /// acme (jane.doe, raj.patel) and beta (ken.ito, who has no handle) on main.
  static func repository() throws -> TestRepository {
    let repo = try TestRepository()
    try repo.write(".handoff.yaml", settings)
    try repo.writeAccount(
      "acme",
      replacing: [
        "account.yaml": Fixtures.account.replacingOccurrences(
          of: "  sales: jane.doe", with: "  sales: jane.doe\n  success: raj.patel")
      ])
    try repo.writeAccount(
      "beta",
      replacing: [
        "account.yaml": Fixtures.account.replacingOccurrences(of: "jane.doe", with: "ken.ito")
      ])
    try repo.commit("two accounts")
    return repo
  }

  static let risky = """
    red_flags:
      - id: champion-retiring
        category: stakeholder
        flag: Champion retires in June
      - id: budget-cut
        category: timeline
        flag: Budget may be cut
    mitigation_plan:
      owner: raj.patel
      summary: Weekly check-in
      review_on: 2026-09-15

    """

  @Test func reviewersOfTheAccountsARangeChanges() throws {
    let repo = try Self.repository()
    try repo.git(["checkout", "-q", "-b", "topic"])
    try repo.write("accounts/acme/risks.yaml", Self.risky)
    try repo.commit("acme: two red flags")
    let run = try handoff(["reviewers", "main..topic"], in: repo)
    #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    #expect(run.stdout.hasPrefix("@jdoe @rpatel @acme/cs-leadership\n"))
    #expect(
      run.stdout.contains(
        "acme: @jdoe (sales: jane.doe), @rpatel (success: raj.patel), @acme/cs-leadership "
          + "(escalation: 2 red flags)"
      ))
    #expect(!run.stdout.contains("beta"))
    let json = try JSONReader.parse(
      try handoff(["reviewers", "main..topic", "--format", "json"], in: repo).stdout)
    #expect(
      json["reviewers"]?.items?.compactMap(\.string) == ["@jdoe", "@rpatel", "@acme/cs-leadership"])
    // A name without a handle is reported, not guessed.
    try repo.write("accounts/beta/goals.yaml", Fixtures.goals + "evaluated: [Competitor A]\n")
    try repo.commit("beta: competitors")
    let missing = try handoff(["reviewers", "main..topic"], in: repo)
    #expect(missing.status == 1)
    #expect(
      missing.stdout.contains(
        "beta: no handle for `ken.ito` (owners.sales); add it under reviewers.people in "
          + ".handoff.yaml"
      ))
  }

  @Test func codeownersKeepsForeignLinesByteForByte() throws {
    let repo = try Self.repository()
    // jane.doe again: every name has a handle
    try repo.write("accounts/beta/account.yaml", Fixtures.account)
    let foreign = "# team rules\r\n* @acme/everyone\n/docs/ @acme/writers   # trailing comment\n"
    try repo.write(".github/CODEOWNERS", foreign)
    let stale = try handoff(["codeowners"], in: repo)
    #expect(stale.status == 1)
    #expect(stale.stdout.contains("/accounts/acme/ @jdoe @rpatel\n/accounts/beta/ @jdoe\n"))
    let write = try handoff(["codeowners", "--write"], in: repo)
    #expect(write.status == 0, "\(write.stdout)")
    let written = try String(contentsOfFile: repo.path + "/.github/CODEOWNERS", encoding: .utf8)
    #expect(written.hasPrefix(foreign + "\n" + CodeOwners.begin + "\n"))
    #expect(written.hasSuffix(CodeOwners.end + "\n"))
    #expect(try handoff(["codeowners"], in: repo).status == 0)
    // A later change rewrites only the block; lines after it stay too.
    try repo.write(".github/CODEOWNERS", written + "/ops/ @acme/ops\n")
    try repo.write("accounts/acme/risks.yaml", Self.risky)
    _ = try handoff(["codeowners", "--write"], in: repo)
    let again = try String(contentsOfFile: repo.path + "/.github/CODEOWNERS", encoding: .utf8)
    #expect(again.hasPrefix(foreign))
    #expect(again.contains("/accounts/acme/ @jdoe @rpatel @acme/cs-leadership\n"))
    #expect(again.hasSuffix(CodeOwners.end + "\n/ops/ @acme/ops\n"))
    #expect(FileManager.default.fileExists(atPath: repo.path + "/.github/CODEOWNERS.bak"))
  }

  @Test func codeownersReportsANameWithoutAHandle() throws {
    let repo = try Self.repository()
    let run = try handoff(["codeowners", "--write"], in: repo)
    #expect(run.status == 1)
    #expect(run.stdout.hasPrefix("beta: no handle for `ken.ito` (owners.sales)"))
    // The file is written for the others, at the first place code hosts look.
    #expect(FileManager.default.fileExists(atPath: repo.path + "/.github/CODEOWNERS"))
  }
}
