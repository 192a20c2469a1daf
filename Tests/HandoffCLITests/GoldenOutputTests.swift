import Foundation
import HandoffKit
import HandoffTestSupport
import Testing

/// Golden output of the history, audit and report commands on one repository the test builds
/// with fixed dates (so fixed commit ids): a prospect that closes with three promises, one
/// re-dated and one removed after close, a second account that closes, and one still open.
/// Any change to what a user reads shows up as a diff against `Tests/Fixtures/Snapshots/cli/`.
/// Re-record with `HANDOFF_RECORD_SNAPSHOTS=1 swift test --filter GoldenOutputTests`.
@Suite struct GoldenOutputTests {
  static func history() throws -> TestRepository {
    let repo = try TestRepository()
    try repo.writeAccount(
      "acme",
      replacing: [
        "account.yaml": Fixtures.account(at: "negotiation"),
        "commitments.yaml": Fixtures.commitments(["sso", "rostering"]),
      ])
    try repo.writeAccount("zenith", replacing: ["account.yaml": Fixtures.account(at: "proposal")])
    try repo.commit("Two prospects")
    try repo.writeAccount(
      "acme",
      replacing: ["commitments.yaml": Fixtures.commitments(["sso", "rostering", "audit-log"])])
    try repo.commit("Acme closed")
    try repo.writeAccount("zenith")
    try repo.commit("Zenith closed", after: 3 * 86_400)
    try repo.writeAccount(
      "acme",
      replacing: [
        "commitments.yaml": Fixtures.commitments(["sso", "audit-log"], withdrawn: ["audit-log"])
      ])
    try repo.commit("Acme: rostering dropped, audit log withdrawn", after: 20 * 86_400)
    try repo.writeAccount(
      "open-deal", replacing: ["account.yaml": Fixtures.account(at: "discovery")])
    try repo.commit("A new prospect")
    return repo
  }

  static let cases: [(name: String, arguments: [String])] = [
    ("at-close.txt", ["at-close"]),
    ("drift.txt", ["drift"]),
    ("drift.md", ["drift", "--format", "markdown"]),
    ("log-acme.txt", ["log", "acme"]),
    ("show-acme-close.txt", ["show", "acme", "--at", "close"]),
    ("show-acme-head.txt", ["show", "acme", "--at", "HEAD"]),
    ("audit.txt", ["audit"]),
    ("audit.md", ["audit", "--format", "markdown"]),
    ("diff.md", ["diff", "HEAD~3", "HEAD", "--format", "markdown"]),
    ("report.md", ["report"]),
  ]

  @Test func outputsMatchTheirSnapshots() throws {
    let repo = try Self.history()
    for (name, arguments) in Self.cases {
      for cache in [[], ["--no-cache"]] where cache.isEmpty || Self.takesNoCache(arguments[0]) {
        let result = try Shell.run(
          ValidateCommandTests.binary, arguments + cache, directory: repo.path)
        #expect(result.status <= 1, "\(arguments): \(result.stderr)")
        #expect(result.stderr.isEmpty, "\(arguments): \(result.stderr)")
        try Self.assertSnapshot(result.stdout, named: name)
      }
    }
  }

  /// Every command's JSON is one document that says its version first.
  @Test func everyJSONDocumentSaysItsVersion() throws {
    let repo = try Self.history()
    let commands: [[String]] = [
      ["validate"], ["at-close"], ["drift"], ["log", "acme"], ["show", "acme", "--at", "close"],
      ["diff", "HEAD~3", "HEAD"], ["audit"], ["report"], ["blame", "acme"],
      ["due", "--as-of", "2026-02-01"],
      ["summary", "HEAD~2..HEAD"], ["reviewers", "HEAD~2..HEAD"],
    ]
    for arguments in commands {
      let result = try Shell.run(
        ValidateCommandTests.binary, arguments + ["--format", "json"], directory: repo.path)
      #expect(result.status <= 1, "\(arguments): \(result.stderr)")
      let document = try JSONReader.parse(result.stdout)
      #expect(document["version"]?.number == 1, "\(arguments)")
      #expect(result.stdout.hasPrefix("{\n  \"version\": 1"), "\(arguments)")
    }
  }

  static func takesNoCache(_ command: String) -> Bool {
    ["at-close", "drift", "log", "show", "report"].contains(command)
  }

  static func assertSnapshot(_ text: String, named name: String) throws {
    let expected = try GoldenFile.expected(named: "cli/\(name)", recording: text)
    #expect(text == expected, "\(name) differs from its snapshot")
  }
}
