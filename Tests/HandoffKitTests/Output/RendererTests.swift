import Foundation
import HandoffTestSupport
import Testing

@testable import HandoffKit

/// Golden output: one report rendered in every format, compared with `Snapshots/`.
/// Re-record with `HANDOFF_RECORD_SNAPSHOTS=1 swift test --filter RendererTests`.
@Suite struct RendererTests {
  static let report = Report(
    source: "worktree", accounts: 2, files: 7,
    diagnostics: [
      Diagnostic(
        ruleID: .strayFile,
        message: "unexpected file `comitments.yaml` (did you mean `commitments.yaml`?)",
        path: "accounts/acme/comitments.yaml", account: "acme"),
      Diagnostic(
        ruleID: .schema,
        message: "`segment` must be one of smb, mid-market, enterprise (not `gigantic`)",
        path: "accounts/acme/account.yaml", location: SourceLocation(line: 3, column: 10),
        account: "acme",
        instancePath: "/segment"),
      Diagnostic(
        ruleID: .yamlDuplicateKey, message: "duplicate key `name` (first at line 1)",
        path: "accounts/acme/account.yaml", location: SourceLocation(line: 1, column: 1),
        account: "acme",
        notes: ["keep one of the two values"]),
      Diagnostic(
        ruleID: .commitmentRemoved, message: "commitment `sso` was removed, after close",
        path: "accounts/beta/commitments.yaml", location: nil, account: "beta",
        commit: "0123456789abcdef0123456789abcdef01234567"),
    ], accountIDs: ["acme", "beta", "clean"])

  static func assertSnapshot(_ text: String, named name: String) throws {
    let expected = try GoldenFile.expected(named: "\(name)", recording: text)
    #expect(text == expected, "\(name) differs from its snapshot")
  }

  @Test func text() throws {
    try Self.assertSnapshot(TextRenderer(color: false).render(Self.report), named: "report.txt")
  }

  @Test func json() throws {
    let text = JSONRenderer().render(Self.report)
    try Self.assertSnapshot(text, named: "report.json")
    let parsed = try JSONReader.parse(text)
    #expect(parsed["errors"]?.number == 3)
    #expect(parsed["warnings"]?.number == 1)
    #expect(parsed["diagnostics"]?.items?.last?["line"]?.value == .null)
  }

  @Test func github() throws {
    let text = GitHubRenderer().render(Self.report)
    try Self.assertSnapshot(text, named: "report.github.txt")
    #expect(
      text.contains("::error file=accounts/acme/account.yaml,line=3,col=10,title=handoff schema::"))
    #expect(
      text.contains("::warning file=accounts/acme/comitments.yaml,title=handoff stray-file::"))
    #expect(text.contains("removed%2C after close") == false)
    #expect(GitHubRenderer.property("a,b:c%") == "a%2Cb%3Ac%25")
    #expect(GitHubRenderer.data("two\nlines") == "two%0Alines")
  }

  @Test func sarif() throws {
    let text = SARIFRenderer().render(Self.report)
    try Self.assertSnapshot(text, named: "report.sarif")
    let document = try JSONReader.parse(text)
    #expect(document["version"]?.string == "2.1.0")
    let run = try #require(document["runs"]?.items?.first)
    let rules = try #require(run["tool"]?["driver"]?["rules"]?.items)
    #expect(rules.map { $0["id"]?.string ?? "" } == RuleCatalog.all.map(\.id.rawValue).sorted())
    #expect(rules.allSatisfy { $0["help"]?["text"]?.string?.isEmpty == false })
    let results = try #require(run["results"]?.items)
    #expect(results.count == Self.report.diagnostics.count)
    let first = try #require(results.first)
    #expect(
      first["locations"]?.items?.first?["physicalLocation"]?["region"]?["startLine"]?.number == 1)
    #expect(first["level"]?.string == "error")
    for result in results {
      let index = try #require(result["ruleIndex"]?.number)
      #expect(rules[Int(index)]["id"]?.string == result["ruleId"]?.string)
    }
  }

  @Test func junit() throws {
    let text = JUnitRenderer().render(Self.report)
    try Self.assertSnapshot(text, named: "report.junit.xml")
    #expect(text.contains("tests=\"3\" failures=\"2\""))
    #expect(text.contains("<testcase classname=\"handoff.accounts\" name=\"clean\"/>"))
    #expect(text.contains("&lt;") == false)
  }

  @Test func colourOnlyWhenAsked() {
    #expect(!TextRenderer(color: false).render(Self.report).contains("\u{1B}["))
    #expect(TextRenderer(color: true).render(Self.report).contains("\u{1B}[1;31merror"))
  }

  @Test func findingsAreSortedByPathThenPosition() {
    #expect(
      Self.report.diagnostics.map(\.path) == [
        "accounts/acme/account.yaml", "accounts/acme/account.yaml", "accounts/acme/comitments.yaml",
        "accounts/beta/commitments.yaml",
      ])
    #expect(Self.report.diagnostics.first?.location?.line == 1)
  }

  @Test func aCleanReportSaysSo() {
    let clean = Report(source: "index", accounts: 1, files: 5, diagnostics: [])
    #expect(
      TextRenderer(color: false).render(clean) == "no problems in 5 files in 1 account (index)\n")
  }
}
