import Foundation
import HandoffKit
import HandoffTestSupport
import Testing

@Suite struct ReportCommandTests {
  static func sample() throws -> TestRepository {
    let repo = try TestRepository()
    try repo.writeAccount("acme")
    try repo.writeAccount(
      "beta",
      replacing: [
        "account.yaml": Fixtures.account.replacingOccurrences(of: "jane.doe", with: "ken.ito")
      ])
    try repo.commit("two closed accounts")
    try repo.write(
      "accounts/acme/commitments.yaml",
      Fixtures.commitments
        + Fixtures.commitments(["extra"]).replacingOccurrences(of: "commitments:\n", with: ""))
    try repo.commit("acme: one more promise")
    return repo
  }

  @Test func everyFormatOnStandardOutput() throws {
    let repo = try Self.sample()
    let markdown = try Shell.run(ValidateCommandTests.binary, ["report"], directory: repo.path)
    #expect(markdown.status == 0)
    #expect(markdown.stdout.hasPrefix("# Handoff report"))
    #expect(markdown.stderr.isEmpty)  // no progress line when stderr is not a terminal
    let json = try Shell.run(
      ValidateCommandTests.binary, ["report", "--format", "json"], directory: repo.path)
    let document = try JSONReader.parse(json.stdout)
    #expect(document["closed"]?["added_after_close"]?.number == 1)
    let html = try Shell.run(
      ValidateCommandTests.binary, ["report", "--format", "html"], directory: repo.path)
    #expect(html.stdout.hasPrefix("<!doctype html>"))
  }

  @Test func outKeepsTheEarlierFile() throws {
    let repo = try Self.sample()
    let file = repo.root.appendingPathComponent("report.md").path
    try "my notes\n".write(toFile: file, atomically: true, encoding: .utf8)
    let run = try Shell.run(
      ValidateCommandTests.binary, ["report", "--out", file], directory: repo.path)
    #expect(run.status == 0)
    #expect(run.stdout.isEmpty)
    #expect(try String(contentsOfFile: file, encoding: .utf8).hasPrefix("# Handoff report"))
    #expect(try String(contentsOfFile: file + ".bak", encoding: .utf8) == "my notes\n")
  }

  @Test func badInputIsExitTwoWithOneLine() throws {
    let repo = try Self.sample()
    for arguments in [
      ["report", "--since", "2026-02-30"], ["report", "--since", "yesterday"],
      ["report", "--format", "pdf"],
    ] {
      let run = try Shell.run(ValidateCommandTests.binary, arguments, directory: repo.path)
      #expect(run.status == 2, "\(arguments)")
      #expect(!run.stderr.isEmpty)
    }
    let outside = try Shell.run(
      ValidateCommandTests.binary, ["report"],
      directory: FileManager.default.temporaryDirectory.path)
    #expect(outside.status == 2)
    #expect(outside.stderr.hasPrefix("error: not a git repository"))
  }

  @Test func matchesTheGeneratorsTruth() throws {
    let generator = ProjectPaths.generator
    try #require(FileManager.default.fileExists(atPath: generator.path))
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "handoff-report-\(UUID().uuidString)")
    defer {
      try? FileManager.default.removeItem(at: folder)
      try? FileManager.default.removeItem(at: folder.appendingPathExtension("json"))
    }
    _ = try Shell.run(
      "/usr/bin/env",
      [
        "python3", generator.path, "--accounts", "120", "--seed", "9", "--out", folder.path,
        "--truth", folder.appendingPathExtension("json").path,
      ]
    ).checked()
    let truth = try JSONReader.parse(
      String(contentsOf: folder.appendingPathExtension("json"), encoding: .utf8))
    let run = try Shell.run(
      ValidateCommandTests.binary, ["report", "--format", "json"], directory: folder.path)
    let report = try JSONReader.parse(run.stdout)
    #expect(report["portfolio"]?["accounts"]?.number == truth["accounts"]?.number)
    #expect(
      report["portfolio"]?["defective"]?.number == Double(truth["defective"]?.items?.count ?? -1))
    let added = (truth["by_account"]?.entries ?? []).reduce(0.0) {
      $0 + ($1.value["added_after_close"]?.number ?? 0)
    }
    #expect(report["closed"]?["added_after_close"]?.number == added)
    #expect(
      report["closed"]?["removed_after_close"]?.number ?? 0
        >= Double(truth["deleted_after_close"]?.items?.count ?? 0))
  }

  /// The facts remembered in `report-v1.bin` give the report `--no-cache` gives, warm, and after
  /// commits that change an account, its close or the settings.
  @Test func theReportCacheChangesNothing() throws {
    let generator = ProjectPaths.generator
    try #require(FileManager.default.fileExists(atPath: generator.path))
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "handoff-report-cache-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    _ = try Shell.run(
      "/usr/bin/env",
      ["python3", generator.path, "--accounts", "60", "--seed", "4", "--out", folder.path]
    )
    .checked()
    func report(_ extra: [String] = [], format: String = "json") throws -> String {
      let run = try Shell.run(
        ValidateCommandTests.binary, ["report", "--format", format] + extra, directory: folder.path)
      #expect(run.status == 0, "\(run.stderr)")
      return run.stdout
    }
    let reference = try report(["--no-cache"])
    #expect(try report() == reference)  // fills the cache
    #expect(FileManager.default.fileExists(atPath: folder.path + "/.git/handoff/report-v1.bin"))
    #expect(try report() == reference)  // answers from it
    #expect(try report(format: "markdown") == (try report(["--no-cache"], format: "markdown")))
    let repo = TestRepository(existing: folder)
    let account = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/accounts")
      .sorted()[0]
    try repo.write("accounts/\(account)/account.yaml", Fixtures.account(at: "churned"))
    try repo.commit("an account churns")
    #expect(try report() == (try report(["--no-cache"])))
    let settings =
      (try? String(contentsOfFile: folder.path + "/.handoff.yaml", encoding: .utf8)) ?? ""
    #expect(settings.contains("red_flag_threshold: 3"))
    try repo.write(
      ".handoff.yaml",
      settings.replacingOccurrences(of: "red_flag_threshold: 3", with: "red_flag_threshold: 0"))
    try repo.commit("a stricter threshold")
    #expect(try report() == (try report(["--no-cache"])))
  }

  /// Headless Chromium draws the HTML report to a PNG, which must show a page, not a blank.
  /// `make test` installs Chromium when missing and sets HANDOFF_REQUIRE_BROWSER=1, so there the
  /// test cannot be skipped.
  @Test(
    .enabled(if: Browser.path != nil || Browser.required, "no chromium; `make test` installs it"))
  func htmlRendersInABrowser() throws {
    let browser = try #require(
      Browser.path, "HANDOFF_REQUIRE_BROWSER is set but no chromium was found")
    let repo = try Self.sample()
    let page = repo.root.appendingPathComponent("report.html").path
    let picture = repo.root.appendingPathComponent("report.png").path
    _ = try Shell.run(
      ValidateCommandTests.binary, ["report", "--format", "html", "--out", page],
      directory: repo.path
    ).checked()
    let profile = repo.root.appendingPathComponent("chromium-profile").path
    // `timeout` bounds a browser that hangs instead of holding up the whole suite.
    let shot = try Shell.run(
      "/usr/bin/timeout",
      [
        "120", browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
        "--user-data-dir=\(profile)",
        "--window-size=1280,1600", "--screenshot=\(picture)", "file://\(page)",
      ])
    #expect(shot.status == 0, "\(shot.stderr)")
    let stats = try JSONReader.parse(
      try Shell.run(
        "/usr/bin/env",
        ["python3", ProjectPaths.root.appendingPathComponent("scripts/png-stats.py").path, picture]
      ).checked())
    #expect(stats["width"]?.number == 1280)
    #expect(stats["background"]?.string == "ffffff")
    #expect((stats["colours"]?.number ?? 0) > 20)  // text, bars and cards, anti-aliased
    #expect((stats["foreground_share"]?.number ?? 0) > 0.02)
  }
}

/// Where headless Chromium is, if anywhere.
enum Browser {
  static let path: String? = [
    "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome",
  ]
  .first { FileManager.default.isExecutableFile(atPath: $0) }
  static let required = ProcessInfo.processInfo.environment["HANDOFF_REQUIRE_BROWSER"] == "1"
}
