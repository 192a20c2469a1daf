import Foundation
import HandoffKit
import HandoffTestSupport
import Testing

/// Runs the built `handoff` binary end to end and checks what it prints and its exit code.
@Suite struct ValidateCommandTests {
  /// The binary built beside this test bundle (`swift build --build-tests` builds both).
  static var binary: String {
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("handoff").path
    if FileManager.default.isExecutableFile(atPath: beside) { return beside }
    return ProjectPaths.root.appendingPathComponent(".build/debug/handoff").path
  }

  func run(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:])
    throws -> Shell.Result
  {
    try Shell.run(Self.binary, arguments, environment: environment, directory: directory)
  }

  @Test func cleanRepositoryExitsZero() throws {
    let repo = try TestRepository()
    try repo.writeAccount("acme")
    let result = try run(["validate", "--repo", repo.path, "--no-cache"])
    #expect(result.status == 0)
    #expect(result.stdout == "no problems in 5 files in 1 account (worktree)\n")
    #expect(result.stderr.isEmpty)
  }

  @Test func findingsExitOneWithOneLinePerFinding() throws {
    let repo = try TestRepository()
    try repo.writeAccount(
      "acme", replacing: ["account.yaml": "name: A\nstage: won\nsegment: smb\nowners: {sales: a}\n"]
    )
    let result = try run(
      ["validate", "--no-cache"], in: repo.root.appendingPathComponent("accounts/acme").path)
    #expect(result.status == 1)
    #expect(
      result.stdout.hasPrefix(
        "accounts/acme/account.yaml:2:8: error[schema]: `stage` must be one of prospect"))
    #expect(result.stdout.hasSuffix("1 error, 0 warnings in 5 files in 1 account (worktree)\n"))
  }

  @Test func jsonOutputFollowsTheContract() throws {
    let repo = try TestRepository()
    try repo.writeAccount("acme", replacing: ["goals.yaml": "problem: p\nproblem: q\n"])
    try repo.write("accounts/acme/comitments.yaml", "x: 1\n")
    let commit = try repo.commit("one")
    let result = try run([
      "validate", "--repo", repo.path, "--rev", "HEAD", "--format", "json", "--no-cache",
    ])
    #expect(result.status == 1)
    let document = try JSONReader.parse(result.stdout)
    #expect(document["version"]?.number == 1)
    #expect(document["source"]?.string == commit)
    #expect(document["accounts"]?.number == 1)
    #expect(document["files"]?.number == 5)
    #expect(document["errors"]?.number == 1)
    #expect(document["warnings"]?.number == 1)
    let diagnostics = try #require(document["diagnostics"]?.items)
    #expect(
      diagnostics.map { $0.entries?.map(\.key) ?? [] }.allSatisfy {
        Set($0).isSuperset(of: ["file", "line", "column", "severity", "rule", "message", "account"])
      })
    #expect(diagnostics[0]["file"]?.string == "accounts/acme/comitments.yaml")
    #expect(diagnostics[0]["line"]?.value == .null)
    #expect(diagnostics[1]["rule"]?.string == "yaml-duplicate-key")
    #expect(diagnostics[1]["line"]?.number == 2)
    #expect(diagnostics[1]["account"]?.string == "acme")
  }

  @Test(arguments: [
    (arguments: ["validate", "--rev", "no-such-rev"], fragment: "unknown revision `no-such-rev`"),
    (["validate", "--staged", "--rev", "HEAD"], "cannot be used together"),
    (["validate", "--range", "HEAD"], "is not a range"),
    (["validate", "--range", "nope..HEAD"], "unknown revision `nope`"),
    (["validate", "--format", "xml"], "xml"),
    (["validate", "no-such-account"], "no account `no-such-account`"),
    (["validate", "--bogus"], "bogus"),
  ])
  func couldNotRunExitsTwoWithOneClearLine(arguments: [String], fragment: String) throws {
    let repo = try TestRepository()
    try repo.writeAccount("acme")
    try repo.commit("one")
    let result = try run(arguments, in: repo.path)
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains(fragment), "\(result.stderr)")
    #expect(!result.stderr.contains("Fatal error"))
  }

  /// A staged record whose blob is gone from the object store is not a YAML problem of the
  /// user's: the check could not run (exit 2, one line naming the file), and a readable change
  /// is judged as usual.
  @Test func aRecordThatCannotBeReadExitsTwoNotOne() throws {
    let repo = try TestRepository()
    try repo.writeAccount("acme")
    try repo.commit("one")
    try repo.write(
      "accounts/acme/account.yaml",
      "name: Acme\nstage: closed-won\nsegment: smb\nowners: {sales: a}\n")
    try repo.add()
    let readable = try run(["validate", "--staged", "--no-cache"], in: repo.path)
    #expect(readable.status <= 1)
    let blob = try repo.git(["rev-parse", ":accounts/acme/account.yaml"]).trimmingCharacters(
      in: .whitespacesAndNewlines)
    let object = repo.path + "/.git/objects/" + blob.prefix(2) + "/" + blob.dropFirst(2)
    try FileManager.default.removeItem(atPath: object)
    for arguments in [["validate", "--staged", "--no-cache"], ["validate", "--staged"]] {
      let result = try run(arguments, in: repo.path)
      #expect(result.status == 2, "\(arguments)")
      #expect(result.stdout.isEmpty)
      #expect(
        result.stderr.hasPrefix("error: could not read accounts/acme/account.yaml: "),
        "\(result.stderr)")
      #expect(result.stderr.split(separator: "\n").count == 1)
    }
  }

  @Test func notARepositoryExitsTwo() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "plain-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = try run(["validate"], in: folder.path)
    #expect(result.status == 2)
    #expect(result.stderr.hasPrefix("error: not a git repository"))
  }

  @Test func badSettingsPrintTheConfigLineOnStderr() throws {
    let repo = try TestRepository()
    try repo.write(".handoff.yaml", "red_flag_threshold: 3\nrules:\n  made-up-rule: warning\n")
    try repo.writeAccount("acme")
    let result = try run(["validate", "--repo", repo.path])
    #expect(result.status == 2)
    #expect(result.stderr == ".handoff.yaml:3:3: error[config]: unknown rule `made-up-rule`\n")
  }

  @Test func colourFollowsTheFlagAndNoColor() throws {
    let repo = try TestRepository()
    try repo.writeAccount("acme", replacing: ["account.yaml": "name: A\n"])
    let forced = try run(["validate", "--repo", repo.path, "--color", "always", "--no-cache"])
    #expect(forced.stdout.contains("\u{1B}["))
    let piped = try run(
      ["validate", "--repo", repo.path, "--no-cache"], environment: ["NO_COLOR": "1"])
    #expect(!piped.stdout.contains("\u{1B}["))
  }

  @Test func schemaCommandWritesEditorEditionsAndKeepsChangedFiles() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "schemas-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data("mine".utf8).write(to: folder.appendingPathComponent("account.schema.json"))
    let result = try run(["schema", "--draft7", folder.path])
    #expect(result.status == 0)
    let written = try String(
      contentsOf: folder.appendingPathComponent("account.schema.json"), encoding: .utf8)
    #expect(written.contains("draft-07"))
    let backup = try String(
      contentsOf: folder.appendingPathComponent("account.schema.json.bak"), encoding: .utf8)
    #expect(backup == "mine")
  }

  @Test func theSampleRepositoryShowsItsKnownProblems() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sample-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    _ = try Shell.run(
      "/bin/bash",
      [ProjectPaths.root.appendingPathComponent("scripts/sample-repo.sh").path, folder.path]
    ).checked()
    let result = try run(["validate", "--repo", folder.path, "--format", "json"])
    #expect(result.status == 1)
    let document = try JSONReader.parse(result.stdout)
    let errors = (document["diagnostics"]?.items ?? []).filter { $0["severity"]?.string == "error" }
    let rules = Set(errors.compactMap { $0["rule"]?.string })
    #expect(rules == ["bad-account-id", "schema", "mitigation-plan-required"])
    let files = Set(errors.compactMap { $0["file"]?.string })
    #expect(!files.contains { $0.contains("lincoln-usd") || $0.contains("riverside-college") })
    let warnings = Set((document["diagnostics"]?.items ?? []).compactMap { $0["rule"]?.string })
    #expect(
      warnings.isSuperset(of: ["stray-file", "deep-discount", "verbal-commitment-not-in-contract"]))
    #expect(document["accounts"]?.number == 6)
  }
}
