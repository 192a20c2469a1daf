import Foundation
import HandoffKit
import HandoffTestSupport
import Testing

/// The pre-commit hook in real `git commit` runs.
@Suite struct HookTests {
  func handoff(_ arguments: [String], in repo: TestRepository) throws -> Shell.Result {
    try Shell.run(ValidateCommandTests.binary, arguments, directory: repo.path)
  }

  func commit(_ repo: TestRepository, _ message: String) throws -> Shell.Result {
    try Shell.run("/usr/bin/env", ["git", "-C", repo.path, "commit", "-q", "-m", message])
  }

  @Test func blocksABadCommitAndPassesAGoodOne() throws {
    let repo = try TestRepository()
    let installed = try handoff(["hooks", "install"], in: repo)
    #expect(installed.status == 0, "\(installed.stderr)")
    try repo.writeAccount(
      "acme", replacing: ["account.yaml": "name: A\nstage: won\nsegment: smb\nowners: {sales: a}\n"]
    )
    try repo.add()
    let refused = try commit(repo, "bad")
    #expect(refused.status != 0)
    #expect(refused.stdout.contains("error[schema]") || refused.stderr.contains("error[schema]"))
    #expect(try repo.git(["rev-list", "--all"]).isEmpty)

    try repo.writeAccount("acme")
    try repo.add()
    let accepted = try commit(repo, "good")
    #expect(accepted.status == 0, "\(accepted.stdout)\(accepted.stderr)")

    let skipped = try Shell.run(
      "/usr/bin/env",
      ["git", "-C", repo.path, "commit", "-q", "--allow-empty", "--no-verify", "-m", "skip"])
    #expect(skipped.status == 0)
  }

  @Test func seesTheIndexOfCommitAll() throws {
    let repo = try TestRepository()
    try repo.writeAccount("acme")
    try repo.commit("first")
    _ = try handoff(["hooks", "install"], in: repo)
    try repo.write(
      "accounts/acme/account.yaml", "name: A\nstage: won\nsegment: smb\nowners: {sales: a}\n")
    let refused = try Shell.run(
      "/usr/bin/env", ["git", "-C", repo.path, "commit", "-q", "-a", "-m", "bad"])
    #expect(refused.status != 0)
  }

  @Test func keepsRunsAndRestoresAnExistingHook() throws {
    let repo = try TestRepository()
    let original =
      "#!/bin/sh\necho ran >> \"$(git rev-parse --git-dir)/original-ran\"\nexit "
      + "${ORIGINAL_EXIT:-0}\n"
    try repo.write(".git/hooks/pre-commit", original)
    try FileManager.default.setAttributes(
      [.posixPermissions: 0o755], ofItemAtPath: repo.path + "/.git/hooks/pre-commit")
    let installed = try handoff(["hooks", "install"], in: repo)
    #expect(installed.stdout.contains("kept"))
    let status = try handoff(["hooks", "status"], in: repo)
    #expect(status.stdout.contains("runs the earlier hook"))

    try repo.writeAccount("acme")
    try repo.add()
    #expect(try commit(repo, "good").status == 0)
    #expect(FileManager.default.fileExists(atPath: repo.path + "/.git/original-ran"))

    try repo.write("accounts/acme/notes.md", "more")
    try repo.add()
    let refused = try Shell.run(
      "/usr/bin/env", ["git", "-C", repo.path, "commit", "-q", "-m", "refused by the original"],
      environment: ["ORIGINAL_EXIT": "1"])
    #expect(refused.status != 0)
    #expect(refused.stderr.contains("installed before handoff refused"))

    #expect(try handoff(["hooks", "install"], in: repo).status == 0)
    let removed = try handoff(["hooks", "uninstall"], in: repo)
    #expect(removed.stdout.contains("back in place"))
    #expect(
      try String(contentsOfFile: repo.path + "/.git/hooks/pre-commit", encoding: .utf8) == original)
    #expect(
      !FileManager.default.fileExists(atPath: repo.path + "/.git/hooks/pre-commit.handoff-chained"))
  }

  @Test func neverTouchesAForeignHookOnUninstall() throws {
    let repo = try TestRepository()
    try repo.write(".git/hooks/pre-commit", "#!/bin/sh\nexit 0\n")
    let result = try handoff(["hooks", "uninstall"], in: repo)
    #expect(result.status == 2)
    #expect(result.stderr.contains("not installed by handoff"))
    #expect(FileManager.default.fileExists(atPath: repo.path + "/.git/hooks/pre-commit"))
  }

  @Test func honoursCoreHooksPathAndLinkedWorktrees() throws {
    let repo = try TestRepository()
    try repo.git(["config", "core.hooksPath", "team-hooks"])
    _ = try handoff(["hooks", "install"], in: repo)
    #expect(FileManager.default.fileExists(atPath: repo.path + "/team-hooks/pre-commit"))
    #expect(try handoff(["hooks", "status"], in: repo).stdout.contains("team-hooks"))

    let plain = try TestRepository()
    try plain.writeAccount("acme")
    try plain.commit("one")
    let linked = plain.root.deletingLastPathComponent().appendingPathComponent(
      "wt-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: linked) }
    try plain.git(["worktree", "add", "-q", linked.path])
    let fromWorktree = try Shell.run(
      ValidateCommandTests.binary, ["hooks", "install"], directory: linked.path)
    #expect(fromWorktree.status == 0)
    #expect(FileManager.default.fileExists(atPath: plain.path + "/.git/hooks/pre-commit"))
  }

  @Test func aBareRepositoryGetsAClearError() throws {
    let bare = try TestRepository(bare: true)
    let result = try Shell.run(
      ValidateCommandTests.binary, ["hooks", "install", "--repo", bare.path])
    #expect(result.status == 2)
    #expect(result.stderr.contains("bare"))
  }

  @Test func theHookScriptInHooksFolderIsTheOneInstalled() throws {
    let file = try String(
      contentsOf: ProjectPaths.root.appendingPathComponent("hooks/pre-commit"), encoding: .utf8)
    #expect(HookInstaller.script(binary: "@HANDOFF_BINARY@") == file)
  }

  @Test func aMissingBinaryRefusesTheCommitAndSaysSo() throws {
    let repo = try TestRepository()
    _ = try handoff(["hooks", "install"], in: repo)
    let hook = repo.path + "/.git/hooks/pre-commit"
    let script = try String(contentsOfFile: hook, encoding: .utf8)
      .replacingOccurrences(of: ValidateCommandTests.binary, with: "/nonexistent/handoff")
    try script.write(toFile: hook, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook)
    try repo.writeAccount("acme")
    try repo.add()
    let refused = try Shell.run(
      "/usr/bin/env", ["git", "-C", repo.path, "commit", "-q", "-m", "no binary"],
      environment: ["PATH": "/usr/bin:/bin"])
    #expect(refused.status != 0)
    #expect(refused.stderr.contains("no handoff is on PATH"))
    #expect(refused.stderr.contains("--no-verify"))
  }
}
