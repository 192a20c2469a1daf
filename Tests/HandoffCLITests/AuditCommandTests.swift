import Foundation
import HandoffKit
import HandoffTestSupport
import Testing

@Suite struct AuditCommandTests {
  @Test func auditsTheWorkTreeOrACommit() throws {
    let repo = try TestRepository()
    try repo.writeAccount("acme")
    try repo.commit("one")
    let json = try Shell.run(
      ValidateCommandTests.binary, ["audit", "--format", "json"], directory: repo.path)
    #expect(json.status == 0, "\(json.stderr)")
    let document = try JSONReader.parse(json.stdout)
    #expect(document["version"]?.number == 1)
    let audits = try #require(document["accounts"]?.items)
    #expect(audits.first?["account"]?.string == "acme")
    #expect(audits.first?["items"]?.items?.count == 15)
    #expect(audits.first?["scorecard"]?.items?.count == 5)
    #expect(audits.first?["exit_questions"]?.items?.count == 3)
    let markdown = try Shell.run(
      ValidateCommandTests.binary, ["audit", "--rev", "HEAD", "--format", "markdown"],
      directory: repo.path)
    #expect(markdown.stdout.hasPrefix("## acme: "))
    #expect(
      try Shell.run(ValidateCommandTests.binary, ["audit", "nope"], directory: repo.path).status
        == 2)
  }
}
