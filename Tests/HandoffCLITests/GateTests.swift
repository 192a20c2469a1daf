import Foundation
import HandoffKit
import HandoffTestSupport
import Testing

/// The gate as a team meets it: the pre-commit hook and the pull-request check judge the change.
@Suite struct GateTests {
  func handoff(_ arguments: [String], in directory: String, environment: [String: String] = [:])
    throws -> Shell.Result
  {
    try Shell.run(
      ValidateCommandTests.binary, arguments, environment: environment, directory: directory)
  }

  func gitCommit(_ repo: TestRepository, _ message: String) throws -> Shell.Result {
    try Shell.run("/usr/bin/env", ["git", "-C", repo.path, "commit", "-q", "-m", message])
  }

  /// A repository whose `broken` account has an error nobody is touching, with the hook on.
  static func teamRepository() throws -> TestRepository {
    let repo = try TestRepository()
    try repo.writeAccount("acme")
    try repo.writeAccount("beta")
    try repo.writeAccount(
      "broken",
      replacing: [
        "account.yaml": Fixtures.account.replacingOccurrences(of: "segment:", with: "segmnet:")
      ])
    try repo.commit("start")
    return repo
  }

  @Test func theHookCommitsACleanChangeAndRefusesABadOneShowingOnlyItsOwnFindings() throws {
    let repo = try Self.teamRepository()
    #expect(try handoff(["hooks", "install"], in: repo.path).status == 0)
    try repo.write("accounts/acme/notes.md", "Kickoff went well.\n")
    try repo.add()
    let clean = try gitCommit(repo, "notes on acme")
    #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
    // git shows a hook's output on stderr.
    #expect(clean.stderr.contains("1 other account has errors, not judged here"), "\(clean.stderr)")
    #expect(!clean.stderr.contains("accounts/broken"))

    try repo.write(
      "accounts/beta/account.yaml",
      Fixtures.account.replacingOccurrences(of: "stage: closed-won", with: "stage: won"))
    try repo.add()
    let refused = try gitCommit(repo, "bad stage")
    #expect(refused.status != 0)
    #expect(refused.stderr.contains("accounts/beta/account.yaml:"), "\(refused.stderr)")
    #expect(!refused.stderr.contains("accounts/broken"))
    #expect(
      refused.stderr.split(separator: "\n").allSatisfy {
        $0.contains("accounts/beta") || $0.contains(" in ")
      })
  }

  /// What the check remembers of HEAD's accounts folder survives many checks of different
  /// staged states (someone editing and staging again and again before committing): the 20th
  /// still counts the other accounts' errors from it instead of judging every account.
  @Test func manyChecksBeforeACommitStayOnTheFastPath() throws {
    let repo = try Self.teamRepository()
    _ = try handoff(["validate", "--staged"], in: repo.path)
    for round in 0..<20 {
      try repo.write("accounts/acme/notes.md", "Round \(round).\n")
      try repo.add()
      let run = try handoff(
        ["validate", "--staged"], in: repo.path, environment: ["HANDOFF_TRACE": "1"])
      #expect(run.status == 0)
      #expect(run.stdout.contains("1 other account has errors"), "\(run.stdout)")
      if round >= 15 {
        #expect(run.stderr.contains("staged change (fast)"), "round \(round): \(run.stderr)")
      }
    }
  }

  @Test func jsonSaysTheScopeTheAccountsJudgedAndTheOthersWithErrors() throws {
    let repo = try Self.teamRepository()
    try repo.write("accounts/beta/notes.md", "note\n")
    try repo.add()
    let run = try handoff(["validate", "--staged", "--format", "json"], in: repo.path)
    let document = try JSONReader.parse(run.stdout)
    #expect(document["scope"]?.string == "changed")
    #expect(document["accounts_judged"]?.items?.compactMap(\.string) == ["beta"])
    #expect(document["other_accounts_with_errors"]?.number == 1)
    let all = try JSONReader.parse(
      try handoff(["validate", "--staged", "--all", "--format", "json"], in: repo.path).stdout)
    #expect(all["scope"]?.string == "all")
    #expect(all["accounts"]?.number == 3)
  }

  @Test func separateGitDirAndWorkTreeFromTheEnvironment() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "handoff-sep-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let gitDir = folder.appendingPathComponent("store.git").path
    let workTree = folder.appendingPathComponent("work").path
    try FileManager.default.createDirectory(atPath: workTree, withIntermediateDirectories: true)
    let environment = ["GIT_DIR": gitDir, "GIT_WORK_TREE": workTree]
    _ = try Shell.run(
      "/usr/bin/env", ["git", "init", "-q", "-b", "main"], environment: environment,
      directory: workTree
    ).checked()
    for (name, text) in Fixtures.completeAccount {
      let path = workTree + "/accounts/acme/" + name
      try FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
    _ = try Shell.run(
      "/usr/bin/env", ["git", "add", "-A"], environment: environment, directory: workTree
    ).checked()
    let staged = try handoff(["validate", "--staged"], in: workTree, environment: environment)
    #expect(staged.status == 0, "\(staged.stderr)")
    #expect(staged.stdout.contains("1 changed account (index)"))
    let worktree = try handoff(["validate"], in: folder.path, environment: environment)
    #expect(worktree.status == 0, "\(worktree.stderr)")
    #expect(worktree.stdout.contains("in 1 account (worktree)"))
  }

  @Test func aSplitIndexNamesItsCauseAndFix() throws {
    let repo = try Self.teamRepository()
    try repo.git(["config", "core.splitIndex", "true"])
    try repo.git(["update-index", "--split-index"])
    try repo.write("accounts/beta/notes.md", "note\n")
    try repo.add()
    let run = try handoff(["validate", "--staged"], in: repo.path)
    #expect(run.status == 2)
    #expect(
      run.stderr.contains("core.splitIndex")
        && run.stderr.contains("git update-index --no-split-index"), "\(run.stderr)")
    #expect(run.stderr.split(separator: "\n").count == 1)
  }

  @Test func stagedInABareRepositoryCannotRun() throws {
    let source = try Self.teamRepository()
    let bare = FileManager.default.temporaryDirectory.appendingPathComponent(
      "bare-\(UUID().uuidString).git")
    defer { try? FileManager.default.removeItem(at: bare) }
    try source.git(["clone", "-q", "--bare", source.path, bare.path])
    let run = try handoff(["validate", "--staged"], in: bare.path)
    #expect(run.status == 2)
    #expect(
      run.stderr
        == "error: this repository is bare and has no index to validate; use --rev REV or "
        + "--range A..B\n"
    )
  }

  @Test(arguments: [1, 2]) func shallowClonesSayWhatIsMissingOrAnswer(depth: Int) throws {
    let source = try Self.teamRepository()
    for step in 1...3 {
      try source.write("accounts/beta/notes.md", "note \(step)\n")
      try source.commit("step \(step)")
    }
    let clone = FileManager.default.temporaryDirectory.appendingPathComponent(
      "shallow-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: clone) }
    _ = try Shell.run(
      "/usr/bin/env",
      ["git", "clone", "-q", "--depth", "\(depth)", "file://\(source.path)", clone.path]
    ).checked()
    for command in [
      ["at-close"], ["drift"], ["report"], ["log", "acme"], ["show", "acme", "--at", "close"],
      ["show", "acme", "--at", "2026-01-05"],
    ] {
      let run = try handoff(command, in: clone.path)
      #expect(run.status == 2, "\(command)")
      #expect(
        run.stderr.hasPrefix("error: this clone is shallow")
          && run.stderr.contains("git fetch --unshallow"), "\(command): \(run.stderr)")
      #expect(run.stderr.contains("fetch-depth: 0"))
    }
    let range = try handoff(["validate", "--range", "HEAD~1..HEAD"], in: clone.path)
    let diff = try handoff(["diff", "HEAD~1", "HEAD"], in: clone.path)
    if depth == 1 {
      #expect(
        range.status == 2 && range.stderr.contains("`HEAD~1` is not in it"), "\(range.stderr)")
      #expect(diff.status == 2 && diff.stderr.contains("this clone is shallow"))
    } else {
      #expect(range.status == 0, "\(range.stderr)")
      #expect(range.stdout.contains("1 changed account"))
      #expect(diff.status == 0, "\(diff.stderr)")
    }
    #expect(try handoff(["show", "acme", "--at", "HEAD"], in: clone.path).status == 0)
    #expect(try handoff(["validate", "--rev", "HEAD"], in: clone.path).status == 1)
  }

  @Test func diffTakesAccountsLikeEveryOtherCommand() throws {
    let repo = try Self.teamRepository()
    try repo.write(
      "accounts/acme/commitments.yaml",
      Fixtures.commitments
        + Fixtures.commitments(["extra"]).replacingOccurrences(of: "commitments:\n", with: ""))
    try repo.write(
      "accounts/beta/commitments.yaml",
      Fixtures.commitments
        + Fixtures.commitments(["more"]).replacingOccurrences(of: "commitments:\n", with: ""))
    try repo.commit("promises")
    let both = try handoff(["diff", "HEAD~1", "HEAD", "--format", "json"], in: repo.path)
    #expect(both.status == 0, "\(both.stderr)")
    #expect(try JSONReader.parse(both.stdout)["accounts"]?.items?.count == 2)
    for arguments in [
      ["diff", "HEAD~1", "HEAD", "acme"], ["diff", "HEAD~1", "HEAD", "--", "acme"],
      ["diff", "HEAD~1", "HEAD", "--account", "acme"],
    ] {
      let run = try handoff(
        Array(arguments.prefix(1)) + ["--format", "json"] + arguments.dropFirst(), in: repo.path)
      let accounts = try JSONReader.parse(run.stdout)["accounts"]?.items?.compactMap {
        $0["account"]?.string
      }
      #expect(accounts == ["acme"], "\(arguments): \(run.stderr)")
    }
    // REV2 defaults to the work tree; the word after REV1 is then an account.
    let worktree = try handoff(["diff", "HEAD~1", "beta", "--format", "json"], in: repo.path)
    #expect(try JSONReader.parse(worktree.stdout)["to"]?.string == "worktree")
  }

  @Test func argumentErrorsAreOneLine() throws {
    let repo = try Self.teamRepository()
    for arguments in [
      ["validate", "--bogus"], ["diff"], ["validate", "--staged", "--rev", "HEAD"], ["show"],
    ] {
      let run = try handoff(arguments, in: repo.path)
      #expect(run.status == 2, "\(arguments)")
      #expect(run.stderr.hasPrefix("error: "), "\(arguments): \(run.stderr)")
      #expect(run.stderr.split(separator: "\n").count == 1, "\(arguments): \(run.stderr)")
      #expect(run.stdout.isEmpty)
    }
  }
}
