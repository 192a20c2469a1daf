import Foundation
import HandoffTestSupport
import Testing

@testable import HandoffKit

@Suite struct SnapshotTests {
  /// Forty account folders, with a nested folder, an executable, a link and a loose file.
  static func writeFortyAccounts(in repo: TestRepository) throws {
    for number in 0..<40 { try repo.write("accounts/a\(number)/account.yaml", "n: \(number)\n") }
    try repo.write("accounts/a3/notes/deep.md", "deeper\n")
    try repo.write("accounts/a5/run.sh", "#!/bin/sh\n")
    try FileManager.default.setAttributes(
      [.posixPermissions: 0o755], ofItemAtPath: repo.path + "/accounts/a5/run.sh")
    try FileManager.default.createSymbolicLink(
      atPath: repo.path + "/accounts/a7/link.yaml", withDestinationPath: "account.yaml")
    try repo.write("accounts/top.md", "top\n")
  }

  func paths(_ snapshot: Snapshot) throws -> [String] {
    try snapshot.items(under: "accounts").filter { $0.kind == .file }.map(\.path).sorted()
  }

  @Test func readsWorkTreeIndexAndCommitsSeparately() throws {
    let repo = try TestRepository()
    try repo.write("accounts/acme/account.yaml", "name: v1\n")
    let first = try repo.commit("first")
    try repo.write("accounts/acme/account.yaml", "name: v2\n")
    try repo.write("accounts/acme/goals.yaml", "problem: p\n")
    try repo.commit("second")
    try repo.write("accounts/acme/account.yaml", "name: staged\n")
    try repo.add(["accounts/acme/account.yaml"])
    try repo.write("accounts/acme/account.yaml", "name: worktree\n")
    try repo.write("accounts/beta/account.yaml", "name: untracked\n")

    let repository = try Repository.discover(from: repo.path)
    func text(_ source: SnapshotSource, _ path: String) throws -> String? {
      let snapshot = try Snapshot(repository: repository, source: source)
      let item = try #require(try snapshot.items(under: "accounts").first { $0.path == path })
      return String(decoding: try snapshot.makeReader().contents(of: item).bytes, as: UTF8.self)
    }
    #expect(try text(.worktree, "accounts/acme/account.yaml") == "name: worktree\n")
    #expect(try text(.index, "accounts/acme/account.yaml") == "name: staged\n")
    #expect(try text(.revision("HEAD"), "accounts/acme/account.yaml") == "name: v2\n")
    #expect(try text(.revision("HEAD~1"), "accounts/acme/account.yaml") == "name: v1\n")
    #expect(
      try text(.revision(String(first.prefix(7))), "accounts/acme/account.yaml") == "name: v1\n")

    #expect(
      try paths(Snapshot(repository: repository, source: .worktree)).contains(
        "accounts/beta/account.yaml"))
    #expect(
      try !paths(Snapshot(repository: repository, source: .index)).contains(
        "accounts/beta/account.yaml"))
    #expect(
      try paths(Snapshot(repository: repository, source: .revision(first))) == [
        "accounts/acme/account.yaml"
      ])
  }

  /// A commit's listing comes from the packs once the objects are packed (on two workers when
  /// there are enough folders) and through libgit2 while they are loose; both are what git
  /// itself lists two levels down, modes included, and deeper folders are listed, not entered.
  @Test func aCommitIsListedAlikePackedAndLoose() throws {
    let repo = try TestRepository()
    try Self.writeFortyAccounts(in: repo)
    try repo.commit("forty accounts")
    func listing() throws -> [String] {
      let repository = try Repository.discover(from: repo.path)
      return try Snapshot(repository: repository, source: .revision("HEAD"))
        .items(under: "accounts")
        .map { "\(String($0.mode ?? 0, radix: 8)) \($0.oid?.description ?? "") \($0.path)" }
    }
    let loose = try listing()
    try repo.git(["gc", "-q"])
    #expect(try listing() == loose)
    var expected = try repo.git(["ls-tree", "HEAD", "accounts/"]).split(separator: "\n")
    for line in expected where line.contains(" tree ") {
      expected += try repo.git(["ls-tree", "HEAD", String(line.split(separator: "\t")[1]) + "/"])
        .split(separator: "\n")
    }
    let fromGit = expected.map { line in
      let fields = line.split(separator: "\t")[0].split(separator: " ")
      let mode = String(Int(fields[0], radix: 8)!, radix: 8)
      return "\(mode) \(fields[2]) \(line.split(separator: "\t")[1])"
    }
    #expect(loose.sorted() == fromGit.sorted())
    #expect(loose.contains { $0.hasSuffix(" accounts/a3/notes") })
    #expect(!loose.contains { $0.hasSuffix("deep.md") })
  }

  @Test func blobIDsMatchGit() throws {
    let repo = try TestRepository()
    try repo.write("accounts/acme/account.yaml", "name: A\n")
    try repo.commit("one")
    let expected = try repo.git(["rev-parse", "HEAD:accounts/acme/account.yaml"])
      .trimmingCharacters(in: .whitespacesAndNewlines)
    let repository = try Repository.discover(from: repo.path)
    for source in [SnapshotSource.worktree, .index, .revision("HEAD")] {
      let snapshot = try Snapshot(repository: repository, source: source)
      let item = try #require(try snapshot.items(under: "accounts").first { $0.kind == .file })
      #expect(try snapshot.makeReader().contents(of: item).id.description == expected)
    }
  }

  @Test func worksFromASubdirectoryInLinkedWorktreesAndOnDetachedHead() throws {
    let repo = try TestRepository()
    try repo.write("accounts/acme/account.yaml", "name: A\n")
    let commit = try repo.commit("one")
    let nested = try Repository.discover(
      from: repo.root.appendingPathComponent("accounts/acme").path)
    #expect(nested.workingDirectory == repo.path + "/")

    let linked = repo.root.deletingLastPathComponent().appendingPathComponent(
      "linked-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: linked) }
    try repo.git(["worktree", "add", "-q", "--detach", linked.path, commit])
    try Data("name: linked\n".utf8).write(
      to: linked.appendingPathComponent("accounts/acme/account.yaml"))
    let worktree = try Repository.discover(from: linked.path)
    let snapshot = try Snapshot(repository: worktree, source: .worktree)
    let item = try #require(try snapshot.items(under: "accounts").first { $0.kind == .file })
    #expect(
      String(decoding: try snapshot.makeReader().contents(of: item).bytes, as: UTF8.self)
        == "name: linked\n")
    #expect(
      try Snapshot(repository: worktree, source: .revision("HEAD")).commit?.description == commit)
  }

  @Test func aRepositoryWithoutCommitsHasAnIndexAndAWorkTreeButNoHead() throws {
    let repo = try TestRepository()
    try repo.write("accounts/acme/account.yaml", "name: A\n")
    try repo.add()
    let repository = try Repository.discover(from: repo.path)
    #expect(try repository.isHeadUnborn)
    #expect(
      try paths(Snapshot(repository: repository, source: .index)) == ["accounts/acme/account.yaml"])
    #expect(
      try paths(Snapshot(repository: repository, source: .worktree)) == [
        "accounts/acme/account.yaml"
      ])
    #expect(throws: GitError.self) {
      try Snapshot(repository: repository, source: .revision("HEAD"))
    }
  }

  @Test func unknownRevisionsFailWithNotFound() throws {
    let repo = try TestRepository()
    try repo.write("a.txt", "a")
    try repo.commit("one")
    let repository = try Repository.discover(from: repo.path)
    let error = try #require(throws: GitError.self) {
      try Snapshot(repository: repository, source: .revision("no-such-branch"))
    }
    #expect(error.code == .notFound)
    #expect(error.function == "git_revparse_single")
  }

  @Test func gitErrorCodesMatchLibgit2() {
    #expect(GitError.Code.notFound.rawValue == -3)
    #expect(GitError.Code.ambiguous.rawValue == -5)
    #expect(GitError.Code.unbornBranch.rawValue == -9)
    #expect(GitError.Code.invalidSpec.rawValue == -12)
  }

  @Test func notARepositoryIsAnError() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "not-a-repo-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(throws: GitError.self) { try Repository.discover(from: folder.path) }
  }
}

@Suite struct TreeIDTests {
  @Test func computedFolderIDsMatchGit() throws {
    let repo = try TestRepository()
    try repo.writeAccount("acme")
    try repo.write("accounts/acme/notes.md", "free text")
    try repo.write("accounts/acme/run.sh", "#!/bin/sh\n")
    try FileManager.default.setAttributes(
      [.posixPermissions: 0o755], ofItemAtPath: repo.path + "/accounts/acme/run.sh")
    try repo.writeAccount("nested")
    try repo.write("accounts/nested/drafts/old.yaml", "x: 1\n")
    try repo.commit("one")
    let repository = try Repository.discover(from: repo.path)
    let items = try repository.indexItems(under: "accounts")
    let acme = items.filter { $0.account == "acme" }
    let expected = try repo.git(["rev-parse", "HEAD:accounts/acme"]).trimmingCharacters(
      in: .whitespacesAndNewlines)
    #expect(TreeID.of(acme)?.description == expected)
    #expect(TreeID.of(items.filter { $0.account == "nested" }) == nil)
  }
}

@Suite struct RawTreeTests {
  /// The history walk's comparison of raw tree bytes agrees with git, folders sorting as `name/`.
  @Test func changedEntriesMatchGitDiff() throws {
    let repo = try TestRepository()
    try repo.write("accounts/a/account.yaml", "name: a\n")
    try repo.write("accounts/a-b/account.yaml", "name: ab\n")
    try repo.write("accounts/a.txt", "x")
    try repo.write("accounts/gone/account.yaml", "name: g\n")
    let first = try repo.commit("one")
    try repo.write("accounts/a/account.yaml", "name: a2\n")
    try repo.write("accounts/new/account.yaml", "name: n\n")
    try repo.remove("accounts/gone")
    let second = try repo.commit("two")
    let repository = try Repository.discover(from: repo.path)
    let before = try repository.entryID(
      in: repository.commitInfo(parseOID(first, repository)).tree, at: "accounts")
    let after = try repository.entryID(
      in: repository.commitInfo(parseOID(second, repository)).tree, at: "accounts")
    let changes = try #require(
      try CloseWalk.changes(between: [before, after], repository: repository).first)
    #expect(changes.map(\.name) == ["a", "gone", "new"])
    #expect(changes[1].new == nil)
    #expect(changes[2].old == nil)
    #expect(
      try CloseWalk.changes(between: [before, before], repository: repository).first?.isEmpty
        == true)
  }

  private func parseOID(_ text: String, _ repository: Repository) throws -> OID {
    try repository.commit(for: text)
  }
}
