import Foundation
import HandoffKit
import HandoffTestSupport
import Testing

/// What a hostile or unusual repository must not do: hang a command, make it read outside the
/// repository, lose a user's hook, or reach the terminal raw.
@Suite struct ReliabilityTests {
  func handoff(_ arguments: [String], in repo: TestRepository, environment: [String: String] = [:])
    throws -> Shell.Result
  {
    // `timeout` turns a hang into a failure instead of a stuck suite.
    try Shell.run(
      "/usr/bin/timeout", ["20", ValidateCommandTests.binary] + arguments, environment: environment,
      directory: repo.path)
  }

  @Test func aFIFONamedLikeARecordIsAFindingNotARead() throws {
    let repo = try TestRepository()
    try repo.writeAccount("acme")
    try repo.remove("accounts/acme/goals.yaml")
    #expect(mkfifo(repo.path + "/accounts/acme/goals.yaml", 0o644) == 0)
    for command in [["validate"], ["audit"], ["diff", "HEAD"]] {
      if command[0] == "diff" { try repo.commit("first", stageAll: false) }
      let run = try handoff(command, in: repo)
      #expect(run.status != 124, "\(command) hung on a FIFO")
      if command == ["validate"] {
        #expect(run.status == 1)
        #expect(
          run.stdout.contains(
            "accounts/acme/goals.yaml: error[not-a-regular-file]: `goals.yaml` is a FIFO"))
        #expect(!run.stdout.contains("error[missing-file]"), "a FIFO is there, only not read")
      }
    }
  }

  @Test func symlinksAreFindingsInEverySourceAndNeverFollowed() throws {
    let repo = try TestRepository()
    try repo.writeAccount("acme")
    try repo.write("accounts/bad/goals.yaml", Fixtures.goals)
    #expect(symlink("/etc/passwd", repo.path + "/accounts/bad/account.yaml") == 0)
    #expect(symlink("/etc", repo.path + "/accounts/etclink") == 0)
    try repo.commit("links")
    for source in [[], ["--staged", "--all"], ["--rev", "HEAD"]] {
      let run = try handoff(["validate"] + source, in: repo)
      #expect(run.status == 1, "\(source)")
      #expect(
        run.stdout.contains(
          "accounts/bad/account.yaml: error[not-a-regular-file]: `account.yaml` is a symbolic "
            + "link"),
        "\(source): \(run.stdout)")
      #expect(
        run.stdout.contains(
          "accounts/etclink: error[not-a-regular-file]: `etclink` is a symbolic link"), "\(source)")
      #expect(!run.stdout.contains("root:"), "\(source) echoed a file outside the repository")
      #expect(!run.stdout.contains("accounts/etclink/"), "\(source) listed the link's target")
      #expect(!run.stdout.contains("account.yaml is missing"), "\(source)")
    }
    for command in [["audit"], ["at-close"], ["drift"], ["report"]] {
      let run = try handoff(command, in: repo)
      #expect(run.status == 0, "\(command): \(run.stderr)")
      #expect(!run.stdout.contains("root:x"), "\(command)")
    }
  }

  @Test func aSubmoduleInTheAccountsFolderIsAStrayEntryEverywhere() throws {
    let repo = try TestRepository()
    try repo.writeAccount("acme")
    let first = try repo.commit("first")
    for path in ["accounts/vendored", "accounts/acme/plugin"] {
      try repo.git(["update-index", "--add", "--cacheinfo", "160000,\(first),\(path)"])
    }
    try repo.commit("submodules", stageAll: false)
    for source in [["--staged", "--all"], ["--rev", "HEAD"]] {
      let run = try handoff(["validate"] + source, in: repo)
      #expect(
        run.stdout.contains("accounts/vendored: warning[stray-file]: `vendored` is a submodule"),
        "\(source): \(run.stdout)")
      #expect(
        run.stdout.contains("accounts/acme/plugin: warning[stray-file]: `plugin` is a submodule"),
        "\(source)")
    }
    // In the work tree an unpopulated submodule is an empty folder, which git does not record.
    try FileManager.default.createDirectory(
      atPath: repo.path + "/accounts/vendored", withIntermediateDirectories: true)
    #expect(!(try handoff(["validate"], in: repo).stdout.contains("accounts/vendored")))
    for command in [
      ["at-close"], ["drift"], ["report"], ["log", "acme"], ["show", "acme", "--at", "close"],
      ["diff", "HEAD~1", "HEAD"],
    ] {
      let run = try handoff(command, in: repo)
      #expect(run.status == 0, "\(command): \(run.stderr)")
    }
  }

  @Test func controlCharactersInNamesAreEscaped() throws {
    let repo = try TestRepository()
    try repo.writeAccount("acme")
    try repo.write("accounts/evil\u{1B}[31m\nname/account.yaml", Fixtures.account)
    let run = try handoff(["validate"], in: repo)
    #expect(!run.stdout.contains("\u{1B}"))
    #expect(run.stdout.contains("accounts/evil\\u{1b}[31m\\nname"))
    // Every finding is still one line.
    #expect(
      run.stdout.split(separator: "\n").allSatisfy {
        $0.hasPrefix("accounts/") || $0.contains(" in ")
      })
    let github = try handoff(["validate", "--format", "github"], in: repo)
    #expect(!github.stdout.contains("\u{1B}"))
  }

  @Test func unreadableSettingsAndBadAccountsFoldersAreConfigErrors() throws {
    let repo = try TestRepository()
    try repo.writeAccount("acme")
    #expect(mkfifo(repo.path + "/.handoff.yaml", 0o644) == 0)
    var run = try handoff(["validate"], in: repo)
    #expect(run.status == 2)
    #expect(
      run.stderr
        == ".handoff.yaml: error[config]: `.handoff.yaml` is a FIFO, socket or device, not a "
        + "regular file; the settings must be a plain file, so nothing was judged\n"
    )
    try repo.remove(".handoff.yaml")
    try FileManager.default.createDirectory(
      atPath: repo.path + "/.handoff.yaml", withIntermediateDirectories: true)
    try repo.write(".handoff.yaml/x", "")
    run = try handoff(["validate"], in: repo)
    #expect(run.status == 2)
    #expect(run.stderr.contains("error[config]: `.handoff.yaml` is a folder"))
    try repo.remove(".handoff.yaml")

    let cases: [(String, String)] = [
      (
        "accounts_dir: acounts\n",
        ".handoff.yaml:1:15: error[config]: `accounts_dir` names `acounts`, which does not exist"
      ),
      (
        "accounts_dir: .git\n",
        ".handoff.yaml:1:15: error[config]: `accounts_dir` cannot be inside `.git`"
      ),
      ("accounts_dir: ./.git/x\n", "`accounts_dir` cannot be inside `.git`"),
      ("accounts_dir: /etc\n", "`accounts_dir` must be a relative path"),
      ("accounts_dir: ../elsewhere\n", "`accounts_dir` must be a relative path"),
    ]
    for (settings, message) in cases {
      try repo.write(".handoff.yaml", settings)
      run = try handoff(["validate"], in: repo)
      #expect(run.status == 2, "\(settings)")
      #expect(run.stderr.contains(message), "\(settings): \(run.stderr)")
      #expect(run.stderr.split(separator: "\n").count == 1)
    }
    try repo.write(".handoff.yaml", "accounts_dir: .git\n")
    #expect(try handoff(["new", "beta"], in: repo).status == 2)
    #expect(!FileManager.default.fileExists(atPath: repo.path + "/.git/beta"))
    // The default folder, and a named one that exists, are fine.
    try repo.write(".handoff.yaml", "accounts_dir: accounts\n")
    #expect(try handoff(["validate"], in: repo).status == 0)
  }

  @Test func emptyRepositoriesAndOrphanBranchesSayWhy() throws {
    let repo = try TestRepository()
    for command in [
      ["drift"], ["report"], ["at-close"], ["log", "acme"], ["validate", "--rev", "HEAD"],
    ] {
      let run = try handoff(command, in: repo)
      #expect(run.status == 2, "\(command)")
      #expect(
        run.stderr
          == "error: the branch `main` has no commits yet, so there is no history to read; "
          + "commit first\n",
        "\(command): \(run.stderr)")
    }
    try repo.writeAccount("acme")
    try repo.commit("first")
    try repo.git(["checkout", "-q", "--orphan", "fresh"])
    for command in [["drift"], ["report"]] {
      let run = try handoff(command, in: repo)
      #expect(run.status == 2)
      #expect(
        run.stderr.contains("the current branch `fresh` has no commits yet (an orphan branch)"),
        "\(run.stderr)")
      #expect(run.stderr.contains("git switch main"))
    }
  }

  @Test func dubiousOwnershipIsNamedWithItsFix() throws {
    guard geteuid() == 0 else {
      print("skipped: dubious ownership needs root to hand the repository to another user")
      return
    }
    let repo = try TestRepository()
    defer { _ = try? Shell.run("/usr/bin/env", ["chown", "-R", "0:0", repo.path]) }
    _ = try Shell.run("/usr/bin/env", ["chown", "-R", "65534:65534", repo.path]).checked()
    let home = FileManager.default.temporaryDirectory.appendingPathComponent(
      "handoff-home-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: home) }
    let run = try handoff(["validate"], in: repo, environment: ["HOME": home.path])
    #expect(run.status == 2)
    let real = URL(fileURLWithPath: repo.path).resolvingSymlinksInPath().path
    #expect(run.stderr.contains("detected dubious ownership in repository at '"), "\(run.stderr)")
    #expect(
      run.stderr.contains("git config --global --add safe.directory '\(real)'")
        || run.stderr.contains("safe.directory '\(repo.path)'"))
  }

  @Test func reportOutOnAFullDiskKeepsTheEarlierFileAndBackup() throws {
    let repo = try TestRepository()
    try repo.writeAccount("acme")
    try repo.commit("first")
    try repo.write("report.html", "earlier report\n")
    try repo.write("report.html.bak", "earlier backup\n")
    // A file size limit stands in for a full disk: every write past 4 KiB fails with EFBIG.
    let run = try Shell.run(
      "/bin/bash",
      [
        "-c", "trap '' XFSZ; ulimit -f 4; exec \"$0\" report --format html --out report.html",
        ValidateCommandTests.binary,
      ],
      directory: repo.path)
    #expect(run.status == 2)
    #expect(run.stderr.hasPrefix("error: could not write report.html"), "\(run.stderr)")
    #expect(
      try String(contentsOfFile: repo.path + "/report.html", encoding: .utf8) == "earlier report\n")
    #expect(
      try String(contentsOfFile: repo.path + "/report.html.bak", encoding: .utf8)
        == "earlier backup\n")
    let left = try FileManager.default.contentsOfDirectory(atPath: repo.path).filter {
      $0.hasSuffix(".tmp")
    }
    #expect(left.isEmpty, "temporary files left: \(left)")
  }
}

/// The pre-commit hook never loses what a user wrote.
@Suite struct HookSafetyTests {
  func handoff(_ arguments: [String], in repo: TestRepository) throws -> Shell.Result {
    try Shell.run(ValidateCommandTests.binary, arguments, directory: repo.path)
  }

  @Test func anEditedHookIsNeitherRemovedNorOverwritten() throws {
    let repo = try TestRepository()
    #expect(try handoff(["hooks", "install"], in: repo).status == 0)
    let hook = repo.path + "/.git/hooks/pre-commit"
    let edited = try String(contentsOfFile: hook, encoding: .utf8) + "echo my own step\n"
    try edited.write(toFile: hook, atomically: false, encoding: .utf8)
    for command in [["hooks", "uninstall"], ["hooks", "install"]] {
      let run = try handoff(command, in: repo)
      #expect(run.status == 2, "\(command)")
      #expect(run.stderr.contains("was changed after handoff installed it"), "\(run.stderr)")
      #expect(try String(contentsOfFile: hook, encoding: .utf8) == edited)
    }
    #expect(try handoff(["hooks", "status"], in: repo).stdout.contains("changed by hand"))
  }

  @Test func aDanglingSymlinkHookIsKeptAndPutBack() throws {
    let repo = try TestRepository()
    let hook = repo.path + "/.git/hooks/pre-commit"
    try? FileManager.default.removeItem(atPath: hook)
    #expect(symlink("/nonexistent/hook", hook) == 0)
    let installed = try handoff(["hooks", "install"], in: repo)
    #expect(installed.status == 0, "\(installed.stderr)")
    #expect(
      try FileManager.default.destinationOfSymbolicLink(atPath: hook + ".handoff-chained")
        == "/nonexistent/hook")
    #expect(try handoff(["hooks", "uninstall"], in: repo).status == 0)
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: hook) == "/nonexistent/hook")
  }
}
