import Foundation
import HandoffKit
import HandoffTestSupport
import Testing

@Suite struct LogCommandTests {
  @Test func listsTheCommitsThatChangedAnAccountNewestFirstIncludingMerges() throws {
    let repo = try TestRepository()
    try repo.writeAccount(
      "acme", replacing: ["commitments.yaml": Fixtures.commitments(["sso", "training"])])
    try repo.writeAccount("other")
    let first = try repo.commit("closed")
    try repo.write(
      "accounts/other/goals.yaml",
      Fixtures.goals.replacingOccurrences(of: "Funds expire", with: "Money runs out"))
    try repo.commit("unrelated")
    try repo.git(["checkout", "-q", "-b", "topic"])
    try repo.write(
      "accounts/acme/commitments.yaml",
      Fixtures.commitments(["sso", "training"], withdrawn: ["training"]))
    try repo.commit("withdraw training on a branch")
    try repo.git(["checkout", "-q", "main"])
    try repo.git(["merge", "-q", "--no-ff", "-m", "merge topic", "topic"])
    let merge = try repo.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)

    let result = try Shell.run(
      ValidateCommandTests.binary, ["log", "acme", "--format", "json"], directory: repo.path)
    #expect(result.status == 0, "\(result.stderr)")
    let commits = try #require(try JSONReader.parse(result.stdout)["commits"]?.items)
    #expect(commits.compactMap { $0["commit"]?.string } == [merge, first])
    let fields = commits[0]["changes"]?["commitments"]?["changed"]?.items?.first?["fields"]
    #expect(fields?["status"]?["to"]?.string == "withdrawn")
    #expect(commits[0]["author"]?.string == "Test Author")

    let onlySSO = try Shell.run(
      ValidateCommandTests.binary, ["log", "acme", "--commitment", "sso", "--format", "json"],
      directory: repo.path)
    #expect(try JSONReader.parse(onlySSO.stdout)["commits"]?.items?.count == 1)
    let text = try Shell.run(ValidateCommandTests.binary, ["log", "acme"], directory: repo.path)
    #expect(text.stdout.contains("commitment training: status: open → withdrawn"))
    #expect(
      try Shell.run(ValidateCommandTests.binary, ["log", "nope"], directory: repo.path).status == 2)
    let never = try Shell.run(
      ValidateCommandTests.binary, ["log", "acme", "--commitment", "nope"], directory: repo.path)
    #expect(never.status == 2)
    #expect(never.stderr == "error: account `acme` never had a commitment `nope`\n")
  }
}
