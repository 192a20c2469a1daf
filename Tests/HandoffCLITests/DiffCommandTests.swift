import Foundation
import HandoffKit
import HandoffTestSupport
import Testing

@Suite struct DiffCommandTests {
  func diff(_ arguments: [String], in repo: TestRepository) throws -> Shell.Result {
    try Shell.run(ValidateCommandTests.binary, ["diff"] + arguments, directory: repo.path)
  }

  @Test func reportsChangesByMeaningNotByFormatting() throws {
    let repo = try TestRepository()
    try repo.writeAccount(
      "acme", replacing: ["commitments.yaml": Fixtures.commitments(["sso", "training", "dropped"])])
    try repo.writeAccount("quiet")
    let base = try repo.commit("base")
    try repo.write("accounts/acme/account.yaml", Fixtures.account(at: "handed-off"))
    try repo.write(
      "accounts/acme/commitments.yaml",
      Fixtures.commitments(["sso", "training", "new-one"]).replacingOccurrences(
        of: "status: open\n  - id: training", with: "status: delivered\n  - id: training"))
    // Reformatting another account (flow style, reordered keys, a comment) is not a change.
    try repo.write("accounts/quiet/risks.yaml", "# reformatted\nred_flags: [ ]\n")
    try repo.commit("changes")

    let result = try diff([base, "HEAD", "--format", "json"], in: repo)
    #expect(result.status == 0, "\(result.stderr)")
    let document = try JSONReader.parse(result.stdout)
    #expect(document["from"]?.string == base)
    let accounts = try #require(document["accounts"]?.items)
    #expect(accounts.map { $0["account"]?.string } == ["acme"])
    let acme = accounts[0]
    #expect(acme["stage"]?["from"]?.string == "closed-won")
    #expect(acme["stage"]?["to"]?.string == "handed-off")
    #expect(acme["commitments"]?["added"]?.items?.compactMap { $0["id"]?.string } == ["new-one"])
    #expect(acme["commitments"]?["removed"]?.items?.compactMap { $0["id"]?.string } == ["dropped"])
    let changed = try #require(acme["commitments"]?["changed"]?.items?.first)
    #expect(changed["id"]?.string == "sso")
    #expect(changed["fields"]?["status"]?["from"]?.string == "open")
    #expect(changed["fields"]?["status"]?["to"]?.string == "delivered")

    let markdown = try diff([base, "HEAD", "--format", "markdown"], in: repo)
    #expect(markdown.stdout.contains("### acme"))
    #expect(markdown.stdout.contains("- commitment sso: status: open → delivered"))
  }

  @Test func comparesWithTheWorkTreeByDefault() throws {
    let repo = try TestRepository()
    try repo.writeAccount("acme")
    try repo.commit("base")
    try repo.write(
      "accounts/acme/stakeholders.yaml",
      Fixtures.stakeholders.replacingOccurrences(
        of: "stance: supportive\n  - name: Tom", with: "stance: neutral\n  - name: Tom"))
    let result = try diff(["HEAD"], in: repo)
    #expect(result.stdout.contains("stakeholder Dr. Maria Lopez: stance: supportive → neutral"))
    #expect(
      try diff(["HEAD", "--format", "json"], in: repo).stdout.contains("\"to\": \"worktree\""))
    #expect(try diff(["nope"], in: repo).status == 2)
  }
}
