import Foundation
import HandoffKit
import HandoffTestSupport
import Testing

/// What ships beside the binary: the version line, the man page, completions and `doctor`.
@Suite struct ShipTests {
  func handoff(_ arguments: [String], in directory: String) throws -> Shell.Result {
    try Shell.run(ValidateCommandTests.binary, arguments, directory: directory)
  }

  @Test func versionNamesTheLibrariesItRunsWith() throws {
    let run = try handoff(["--version"], in: FileManager.default.temporaryDirectory.path)
    #expect(run.status == 0)
    #expect(
      run.stdout.hasPrefix(
        "handoff \(HandoffVersion.current) (libgit2 \(LibGit2.version), libfyaml "), "\(run.stdout)"
    )
    #expect(LibGit2.version.split(separator: ".").count == 3)
    #expect(!LibFYAML.version.isEmpty && LibFYAML.version != "unknown")
  }

  @Test func theBashCompletionCompletesASubcommand() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "completion-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let script = try handoff(["--generate-completion-script", "bash"], in: folder.path).checked()
    try script.write(
      to: folder.appendingPathComponent("handoff.bash"), atomically: true, encoding: .utf8)
    for (typed, expected) in [("val", "validate"), ("doc", "doctor"), ("at-", "at-close")] {
      let run = try Shell.run(
        "/bin/bash",
        [
          "-c",
          "source handoff.bash; COMP_WORDS=(handoff \(typed)); COMP_CWORD=1; COMP_LINE='handoff "
            + "\(typed)'; "
            + "COMP_POINT=${#COMP_LINE}; _handoff handoff \(typed) handoff; printf '%s\\n' "
            + "\"${COMPREPLY[@]}\"",
        ],
        directory: folder.path)
      #expect(
        run.stdout.split(separator: "\n").contains(Substring(expected)),
        "\(typed): \(run.stdout) \(run.stderr)")
    }
    for shell in ["zsh", "fish"] {
      #expect(
        try handoff(["--generate-completion-script", shell], in: folder.path).checked().contains(
          "handoff"))
    }
  }

  /// `make test` writes the man page first (`scripts/share.sh`, with swift-argument-parser's
  /// generate-manual plugin); a plain `swift test` has none to check and says so.
  @Test func theManPageRendersAndNamesEveryCommand() throws {
    let page = ProjectPaths.root.appendingPathComponent(".build/share/man/man1/handoff.1").path
    guard FileManager.default.fileExists(atPath: page) else {
      #expect(
        ProcessInfo.processInfo.environment["HANDOFF_REQUIRE_SHARE"] != "1",
        "make test must write \(page) first")
      print("skipped: no man page at \(page) (make test writes it with scripts/share.sh)")
      return
    }
    let run = try Shell.run(
      "/usr/bin/env", ["man", "-P", "cat", "-l", page], environment: ["MANWIDTH": "100"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("NAME") && run.stdout.contains("SYNOPSIS"))
    for command in [
      "validate", "audit", "diff", "log", "show", "at-close", "drift", "report", "hooks", "doctor",
    ] {
      #expect(run.stdout.contains(command), "\(command) is not in the man page")
    }
  }

  @Test func doctorSaysWhatToFixAndIsQuietWhenAllIsSet() throws {
    let repo = try TestRepository()
    try repo.writeAccount("acme")
    try repo.commit("first")
    var run = try handoff(["doctor"], in: repo.path)
    #expect(run.status == 1)
    #expect(run.stdout.contains("problem: pre-commit hook: not installed"), "\(run.stdout)")
    #expect(run.stdout.contains("problem: git diff of records"))
    #expect(
      run.stdout.contains("ok: libraries: handoff \(HandoffVersion.current) runs with libgit2"))

    #expect(try handoff(["init", "--install-hook"], in: repo.path).status == 0)
    try repo.commit("set up")
    run = try handoff(["doctor"], in: repo.path)
    #expect(run.status == 0, "\(run.stdout)")
    #expect(run.stdout.contains("ok: pre-commit hook: installed"))
    #expect(run.stdout.contains("ok: merge driver: configured"))
    #expect(run.stdout.hasSuffix("nothing to fix\n"))

    // A driver with no attribute to call it is a problem.
    try repo.write(".gitattributes", "accounts/**/*.yaml diff=handoff\n")
    run = try handoff(["doctor"], in: repo.path)
    #expect(run.status == 1)
    #expect(
      run.stdout.contains("problem: merge driver: no `merge=handoff` line in .gitattributes"),
      "\(run.stdout)")
    try repo.git(["checkout", "--", ".gitattributes"])

    try repo.write(".handoff.yaml", "red_flag_threshold: many\n")
    run = try handoff(["doctor"], in: repo.path)
    #expect(run.status == 1)
    #expect(run.stdout.contains("problem: settings: .handoff.yaml:1:"), "\(run.stdout)")
  }

  @Test func doctorFindsAShallowClone() throws {
    let source = try TestRepository()
    try source.writeAccount("acme")
    try source.commit("one")
    try source.commit("two")
    let clone = FileManager.default.temporaryDirectory.appendingPathComponent(
      "doctor-shallow-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: clone) }
    _ = try Shell.run(
      "/usr/bin/env", ["git", "clone", "-q", "--depth", "1", "file://\(source.path)", clone.path]
    ).checked()
    let run = try handoff(["doctor"], in: clone.path)
    #expect(run.status == 1)
    #expect(
      run.stdout.contains("problem: clone: shallow") && run.stdout.contains("git fetch --unshallow")
    )
  }

  @Test func doctorOutsideARepositoryCannotRun() throws {
    let run = try handoff(["doctor"], in: FileManager.default.temporaryDirectory.path)
    #expect(run.status == 2)
    #expect(run.stderr.hasPrefix("error: not a git repository"))
  }
}
