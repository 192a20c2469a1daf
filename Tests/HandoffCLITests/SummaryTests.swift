import Foundation
import HandoffKit
import HandoffTestSupport
import Testing

@Suite struct SummaryTests {
  func handoff(_ arguments: [String], in repo: TestRepository) throws -> Shell.Result {
    try Shell.run(ValidateCommandTests.binary, arguments, directory: repo.path)
  }

  /// acme and beta on main (beta with one schema error); on topic acme gains a promise, moves
  /// one and gets two red flags, and beta trades its error for another.
  static func history() throws -> TestRepository {
    let repo = try ReviewTests.repository()
    let beta = Fixtures.account.replacingOccurrences(of: "jane.doe", with: "ken.ito")
    try repo.write(
      "accounts/beta/account.yaml", beta.replacingOccurrences(of: "arr: 84000", with: "arr: lots"))
    try repo.commit("beta: a broken arr")
    try repo.git(["checkout", "-q", "-b", "topic"])
    try repo.write(
      "accounts/acme/commitments.yaml",
      Fixtures.commitments.replacingOccurrences(of: "due: 2026-09-25", with: "due: 2026-10-30")
        + Fixtures.rosteringCommitment)
    try repo.write("accounts/acme/risks.yaml", ReviewTests.risky)
    try repo.commit("acme: rostering, SSO moved, two red flags")
    try repo.write(
      "accounts/beta/account.yaml",
      beta.replacingOccurrences(of: "currency: USD", with: "currency: dollars"))
    try repo.commit("beta: arr fixed, currency broken")
    try repo.git(["checkout", "-q", "main"])
    try repo.write("accounts/gamma/account.yaml", Fixtures.account)
    try repo.commit("gamma on main after the fork")
    return repo
  }

  @Test func summaryOfAHandBuiltPullRequest() throws {
    let repo = try Self.history()
    let run = try handoff(["summary", "main..topic", "--format", "json"], in: repo)
    #expect(run.status == 1, "\(run.stderr)")  // beta has an error at the tip
    let json = try JSONReader.parse(run.stdout)
    #expect(json["version"]?.number == 1)
    #expect(json["scope"]?.string == "changed")
    let accounts = json["accounts"]?.items ?? []
    // gamma came to main after the fork: not part of the change.
    #expect(accounts.compactMap { $0["account"]?.string } == ["acme", "beta"])
    let acme = accounts[0]
    #expect(acme["change"]?.string == "changed")
    #expect(acme["commitments"]?["added"]?.items?.compactMap { $0["id"]?.string } == ["rostering"])
    #expect(
      acme["commitments"]?["added"]?.items?.first?["promise"]?.string == "Nightly rostering sync")
    let moved = acme["commitments"]?["redated"]?.items?.first
    #expect(moved?["id"]?.string == "clever-sso")
    #expect(moved?["from"]?.string == "2026-09-25")
    #expect(moved?["to"]?.string == "2026-10-30")
    #expect(acme["commitments"]?["changed"]?.items?.isEmpty == true)
    #expect(
      acme["red_flags"]?["added"]?.items?.compactMap(\.string) == [
        "champion-retiring", "budget-cut",
      ])
    #expect(acme["red_flags"]?["total"]?.number == 2)
    #expect(acme["red_flags"]?["threshold"]?.number == 1)
    #expect(acme["red_flags"]?["mitigation_plan"]?["needed"]?.bool == true)
    #expect(acme["red_flags"]?["mitigation_plan"]?["present"]?.bool == true)
    #expect(
      acme["reviewers"]?.items?.compactMap { $0["handle"]?.string } == [
        "@jdoe", "@rpatel", "@acme/cs-leadership",
      ])

    let beta = accounts[1]
    #expect(beta["gate"]?["errors"]?.number == 1)
    #expect(
      beta["gate"]?["introduced"]?.items?.first?["message"]?.string?.contains("currency") == true)
    #expect(beta["gate"]?["fixed"]?.items?.first?["message"]?.string?.contains("arr") == true)
    #expect(beta["missing_handles"]?.items?.first?["name"]?.string == "ken.ito")
    #expect(json["errors_introduced"]?.number == 1)
    #expect(json["errors_fixed"]?.number == 1)

    // The checklist figures are the audit's, on both sides.
    let fork = try repo.git(["merge-base", "main", "topic"]).trimmingCharacters(
      in: .whitespacesAndNewlines)
    for (side, revision) in [("before", fork), ("after", "topic")] {
      try repo.git(["checkout", "-q", revision])
      let audit = try JSONReader.parse(
        try handoff(["audit", "acme", "--format", "json"], in: repo).stdout)
      let items = audit["accounts"]?.items?.first?["items"]?.items ?? []
      #expect(
        acme["checklist"]?[side]?["fully"]?.number
          == Double(items.count { $0["coverage"]?.string == "fully" }))
      #expect(
        acme["checklist"]?[side]?["completeness"]?.number
          == audit["accounts"]?.items?.first?["completeness"]?.number)
    }
  }

  @Test func markdownCommentReadsAsAReviewerNeedsIt() throws {
    let repo = try Self.history()
    let run = try handoff(["summary", "main..topic"], in: repo)
    #expect(run.status == 1)
    let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines[0] == "<!-- handoff:summary -->")
    #expect(lines[1].hasPrefix("**Handoff summary** `"))
    #expect(
      lines[1].contains(
        "2 accounts touched; gate fails with 1 error (1 introduced, 1 fixed); 1 account above "
          + "the red-flag threshold; reviewers: @jdoe @rpatel @acme/cs-leadership"
      ))
    // The account whose gate got worse comes first.
    #expect(
      run.stdout.firstRange(of: "### `beta`")!.lowerBound
        < run.stdout.firstRange(of: "### `acme`")!.lowerBound)
    #expect(run.stdout.contains("| `rostering` | added | Nightly rostering sync |"))
    #expect(run.stdout.contains("| `clever-sso` | re-dated | 2026-09-25 → 2026-10-30 |"))
    #expect(
      run.stdout.contains(
        "**Red flags** 2 against a threshold of 1: a mitigation plan is needed and present; "
          + "added `champion-retiring`, `budget-cut`."
      ))
    #expect(run.stdout.contains("**Gate** fails: 1 error"))
    #expect(
      run.stdout.contains(
        "**Reviewers** @jdoe (sales: jane.doe), @rpatel (success: raj.patel), "
          + "@acme/cs-leadership (escalation)"
      ))
    // The verdict agrees with the gate itself.
    #expect(try handoff(["validate", "--range", "main..topic"], in: repo).status == 1)
  }

  @Test func withdrawnStageAndDeletedAccounts() throws {
    let repo = try ReviewTests.repository()
    try repo.write("accounts/acme/commitments.yaml", Fixtures.commitments)
    try repo.commit("acme promises")
    try repo.git(["checkout", "-q", "-b", "topic"])
    try repo.write(
      "accounts/acme/commitments.yaml",
      Fixtures.commitments.replacingOccurrences(
        of: "status: open", with: "status: withdrawn\n    withdrawn_reason: SSO moved to next year")
    )
    try repo.write(
      "accounts/acme/account.yaml",
      Fixtures.account(at: "onboarding").replacingOccurrences(
        of: "  sales: jane.doe", with: "  sales: jane.doe\n  success: raj.patel"))
    try FileManager.default.removeItem(atPath: repo.path + "/accounts/beta")
    try repo.commit("acme withdrawn and onboarding; beta gone")
    let json = try JSONReader.parse(
      try handoff(["summary", "main..topic", "--format", "json"], in: repo).stdout)
    let accounts = json["accounts"]?.items ?? []
    #expect(accounts.compactMap { $0["account"]?.string } == ["acme", "beta"])
    #expect(accounts[0]["stage"]?["from"]?.string == "closed-won")
    #expect(accounts[0]["stage"]?["to"]?.string == "onboarding")
    #expect(
      accounts[0]["commitments"]?["withdrawn"]?.items?.first?["reason"]?.string
        == "SSO moved to next year")
    #expect(accounts[1]["change"]?.string == "deleted")
    #expect(
      accounts[1]["checklist"]?["after"] != nil
        && accounts[1]["checklist"]?["after"]?.entries == nil)
    // A deleted account is reviewed by the people it had.
    #expect(accounts[1]["missing_handles"]?.items?.first?["name"]?.string == "ken.ito")
  }

  @Test func aLongCommentIsCutBetweenWholeAccounts() throws {
    let repo = try TestRepository()
    try repo.write(".handoff.yaml", ReviewTests.settings)
    let count = 400
    for index in 0..<count {
      try repo.writeAccount(String(format: "account-%03d", index))
    }
    try repo.commit("many accounts")
    try repo.git(["checkout", "-q", "-b", "topic"])
    try repo.write(
      ".handoff.yaml",
      ReviewTests.settings.replacingOccurrences(
        of: "red_flag_threshold: 1", with: "red_flag_threshold: 0"))
    try repo.commit("a stricter threshold touches every account")
    let run = try handoff(["summary", "main..topic"], in: repo)
    #expect(run.stdout.utf8.count <= 65_536)
    #expect(
      run.stdout.contains("every account because the settings or the accounts folder changed"))
    let sections = run.stdout.components(separatedBy: "\n### ").count - 1
    let footer = try #require(run.stdout.split(separator: "\n").last)
    let left = Int(footer.dropFirst().prefix { $0.isNumber }) ?? -1
    #expect(
      footer.hasSuffix(
        "left out to stay within a comment's size; run `handoff summary` locally for all of them._")
    )
    #expect(sections > 0 && left > 0 && sections + left == count)
    // Never mid-account: the last section is whole.
    let last = run.stdout.components(separatedBy: "\n### ").last!
    #expect(last.contains("**Reviewers**"))
    // JSON is never cut.
    let json = try JSONReader.parse(
      try handoff(["summary", "main..topic", "--format", "json"], in: repo).stdout)
    #expect(json["accounts"]?.items?.count == count)
    #expect(json["scope"]?.string == "all")
  }

  @Test func summaryArgumentErrorsAreOneLine() throws {
    let repo = try ReviewTests.repository()
    let run = try handoff(["summary", "main..nowhere"], in: repo)
    #expect(run.status == 2)
    #expect(run.stderr.split(separator: "\n").count == 1)
    #expect(run.stdout.isEmpty)
  }
}
