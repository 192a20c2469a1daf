import Foundation
import HandoffKit
import HandoffTestSupport
import Testing

@Suite struct AuthoringTests {
  func handoff(_ arguments: [String], in repo: TestRepository) throws -> Shell.Result {
    try Shell.run(ValidateCommandTests.binary, arguments, directory: repo.path)
  }

  @Test func initSetsUpAndKeepsWhatIsThere() throws {
    let repo = try TestRepository()
    try repo.write(
      ".vscode/settings.json",
      "{\"editor.tabSize\": 4, \"yaml.schemas\": {\"mine.json\": \"x.yaml\"}}\n")
    try repo.write(".handoff.yaml", "accounts_dir: customers\n")
    let result = try handoff(["init"], in: repo)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      try String(contentsOfFile: repo.path + "/.handoff.yaml", encoding: .utf8)
        == "accounts_dir: customers\n")
    #expect(FileManager.default.fileExists(atPath: repo.path + "/customers/.gitkeep"))
    #expect(
      FileManager.default.fileExists(atPath: repo.path + "/.handoff/schema/account.schema.json"))
    let settings = try JSONReader.parse(
      Array(try Data(contentsOf: repo.root.appendingPathComponent(".vscode/settings.json"))))
    #expect(settings["editor.tabSize"]?.number == 4)
    #expect(settings["yaml.schemas"]?["mine.json"]?.string == "x.yaml")
    #expect(
      settings["yaml.schemas"]?[".handoff/schema/goals.schema.json"]?.string
        == "customers/*/goals.yaml")
    #expect(FileManager.default.fileExists(atPath: repo.path + "/.vscode/settings.json.bak"))
    #expect(
      try String(contentsOfFile: repo.path + "/.gitattributes", encoding: .utf8)
        == "customers/**/*.yaml diff=handoff\ncustomers/**/*.yaml merge=handoff\n")
    #expect(try repo.git(["config", "diff.handoff.textconv"]).contains("textconv"))
    // Running init again changes nothing.
    #expect(try handoff(["init"], in: repo).status == 0)
    #expect(
      try String(contentsOfFile: repo.path + "/.gitattributes", encoding: .utf8)
        == "customers/**/*.yaml diff=handoff\ncustomers/**/*.yaml merge=handoff\n")
  }

  @Test func gitDiffShowsRecordsByMeaningAfterInit() throws {
    let repo = try TestRepository()
    _ = try handoff(["init"], in: repo)
    try repo.writeAccount("acme")
    try repo.commit("one")
    try repo.write(
      "accounts/acme/account.yaml",
      "# reordered\nstage: closed-won\n"
        + Fixtures.account.replacingOccurrences(of: "stage: closed-won\n", with: ""))
    let diff = try repo.git(["diff", "--", "accounts/acme/account.yaml"])
    #expect(diff.isEmpty, "\(diff)")
  }

  @Test func initLeavesCommentedSettingsAlone() throws {
    let repo = try TestRepository()
    let jsonc = "{\n  // my comment\n  \"a\": 1\n}\n"
    try repo.write(".vscode/settings.json", jsonc)
    let result = try handoff(["init", "--install-hook"], in: repo)
    #expect(result.status == 0)
    #expect(result.stdout.contains("left .vscode/settings.json alone"))
    #expect(
      try String(contentsOfFile: repo.path + "/.vscode/settings.json", encoding: .utf8) == jsonc)
    #expect(FileManager.default.fileExists(atPath: repo.path + "/.git/hooks/pre-commit"))
  }

  @Test func newWritesTheFilesTheStageNeedsAndRefusesToOverwrite() throws {
    let repo = try TestRepository()
    _ = try handoff(["init"], in: repo)
    let created = try handoff(["new", "lincoln-usd", "--stage", "closed-won"], in: repo)
    #expect(created.status == 0, "\(created.stderr)")
    let folder = repo.path + "/accounts/lincoln-usd/"
    for file in [
      "account.yaml", "goals.yaml", "stakeholders.yaml", "commitments.yaml", "risks.yaml",
    ] {
      let text = try String(contentsOfFile: folder + file, encoding: .utf8)
      #expect(text.hasPrefix("# yaml-language-server: $schema=../../.handoff/schema/"))
      #expect(
        FileManager.default.fileExists(
          atPath: repo.path + "/.handoff/schema/"
            + file.replacingOccurrences(of: ".yaml", with: ".schema.json")))
    }
    let account = try String(contentsOfFile: folder + "account.yaml", encoding: .utf8)
    #expect(account.contains("name: Lincoln Usd\nstage: closed-won"))
    // An unfilled account is not a valid handoff: validate says what to fill in.
    let validated = try handoff(["validate"], in: repo)
    #expect(validated.status == 1)
    #expect(validated.stdout.contains("accounts/lincoln-usd/account.yaml"))

    try repo.write("accounts/lincoln-usd/account.yaml", "mine")
    let again = try handoff(["new", "lincoln-usd"], in: repo)
    #expect(again.status == 2)
    #expect(again.stderr.contains("already exists"))
    #expect(try String(contentsOfFile: folder + "account.yaml", encoding: .utf8) == "mine")

    let prospect = try handoff(["new", "maple"], in: repo)
    #expect(prospect.status == 0)
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: repo.path + "/accounts/maple") == [
        "account.yaml"
      ])
    #expect(try handoff(["new", "Bad Id"], in: repo).status == 2)
    #expect(try handoff(["new", "ok-id", "--stage", "won"], in: repo).status == 2)
  }

  @Test func templatesPointEditorsAtTheSchemas() throws {
    for template in [
      "account.yaml", "goals.yaml", "stakeholders.yaml", "commitments.yaml", "risks.yaml",
      "threads.yaml",
    ] {
      let text = try String(
        contentsOf: ProjectPaths.root.appendingPathComponent("templates/account/\(template)"),
        encoding: .utf8)
      #expect(text.hasPrefix("# yaml-language-server: $schema=@SCHEMA@/"))
    }
  }
}
