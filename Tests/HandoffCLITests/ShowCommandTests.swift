import Foundation
import HandoffKit
import HandoffTestSupport
import Testing

@Suite struct ShowCommandTests {
  func show(_ arguments: [String], in repo: TestRepository) throws -> Shell.Result {
    try Shell.run(ValidateCommandTests.binary, ["show"] + arguments, directory: repo.path)
  }

  @Test func showsTheRecordAtCloseAtARevisionAndAtTheEndOfADay() throws {
    let repo = try TestRepository()
    try repo.writeAccount("acme", replacing: ["account.yaml": Fixtures.account(at: "negotiation")])
    let first = try repo.commit("negotiating")  // 2026-01-02
    try repo.write("accounts/acme/account.yaml", Fixtures.account)
    let closing = try repo.commit("closed")  // 2026-01-03
    try repo.write("accounts/acme/commitments.yaml", Fixtures.commitments(["sso", "later"]))
    try repo.commit("added a promise")  // 2026-01-04

    let atClose = try JSONReader.parse(
      try show(["acme", "--at", "close", "--format", "json"], in: repo).stdout)
    #expect(atClose["commit"]?.string == closing)
    #expect(atClose["commitments"]?.items?.compactMap { $0["id"]?.string } == ["clever-sso"])
    #expect(atClose["record"]?["account"]?["stage"]?.string == "closed-won")

    let atRevision = try JSONReader.parse(
      try show(["acme", "--at", "HEAD", "--format", "json"], in: repo).stdout)
    #expect(atRevision["commitments"]?.items?.count == 2)

    let atDay = try JSONReader.parse(
      try show(["acme", "--at", "2026-01-02", "--format", "json"], in: repo).stdout)
    #expect(atDay["commit"]?.string == first)

    let text = try show(["acme"], in: repo)
    #expect(text.status == 0)
    #expect(text.stdout.contains("# commitments.yaml"))
  }

  @Test(arguments: [
    (arguments: ["prospect-only"], fragment: "never closed"),
    (["nope"], "no account `nope`"),
    (["acme", "--at", "2025-12-01"], "no commit"),
    (["acme", "--at", "2026-02-30"], "unknown revision"),
    (["acme", "--at", "no-such-rev"], "unknown revision"),
  ])
  func badRequestsExitTwo(arguments: [String], fragment: String) throws {
    let repo = try TestRepository()
    try repo.writeAccount("acme")
    try repo.writeAccount(
      "prospect-only", replacing: ["account.yaml": Fixtures.account(at: "negotiation")])
    try repo.commit("one")
    let result = try show(arguments, in: repo)
    #expect(result.status == 2)
    #expect(result.stderr.contains(fragment), "\(result.stderr)")
  }
}
