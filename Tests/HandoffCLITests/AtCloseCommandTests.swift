import Foundation
import HandoffKit
import HandoffTestSupport
import Testing

@Suite struct AtCloseCommandTests {
  @Test func printsJSONAndText() throws {
    let repo = try TestRepository()
    try repo.writeAccount("acme")
    let commit = try repo.commit("closed")
    let json = try Shell.run(
      ValidateCommandTests.binary, ["at-close", "--format", "json"], directory: repo.path)
    #expect(json.status == 0)
    let document = try JSONReader.parse(json.stdout)
    #expect(document["accounts"]?["acme"]?["commit"]?.string == commit)
    #expect(
      document["accounts"]?["acme"]?["commitments"]?.items?.compactMap(\.string) == ["clever-sso"])
    #expect(document["accounts"]?["acme"]?["date"]?.string?.hasSuffix("Z") == true)
    let text = try Shell.run(ValidateCommandTests.binary, ["at-close"], directory: repo.path)
    #expect(text.stdout.contains("acme: closed in \(commit.prefix(12))"))
    let unknown = try Shell.run(
      ValidateCommandTests.binary, ["at-close", "nope"], directory: repo.path)
    #expect(unknown.status == 2)
  }
}
