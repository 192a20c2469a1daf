import Foundation
import HandoffTestSupport
import Testing

@testable import HandoffKit

@Suite struct SnapshotTests {
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

@Suite struct RawTreeLayoutTests {
  /// Serialises entries in Git's tree format (already in Git's order).
  static func tree(_ entries: [(name: String, id: UInt8, folder: Bool)]) -> [UInt8] {
    var bytes: [UInt8] = []
    for entry in entries {
      bytes += Array((entry.folder ? "40000 " : "100644 ").utf8) + Array(entry.name.utf8) + [0]
      bytes += [UInt8](repeating: entry.id, count: 19) + [entry.id &+ 1]
    }
    return bytes
  }

  /// Reusing the layout of one version to read the next gives exactly what parsing both in full
  /// gives: random trees, random edits (ids changed, entries added and removed, at the ends too).
  @Test func incrementalReadingAgreesWithAFullComparison() {
    var generator = SystemRandomNumberGenerator()
    for round in 0..<400 {
      let count = Int.random(in: 0...60, using: &generator)
      var names = Set<String>()
      while names.count < count {
        names.insert("acct-\(Int.random(in: 0...999, using: &generator))")
      }
      var before = names.sorted().map {
        (name: $0, id: UInt8.random(in: 0...200, using: &generator), folder: true)
      }
      var after = before
      for _ in 0..<Int.random(in: 0...4, using: &generator) {
        switch Int.random(in: 0...2, using: &generator) {
        case 0 where !after.isEmpty:
          after[Int.random(in: 0..<after.count, using: &generator)].id &+= 3
        case 1 where !after.isEmpty:
          after.remove(at: Int.random(in: 0..<after.count, using: &generator))
        default:
          let name = "acct-\(Int.random(in: 0...999, using: &generator))"
          if !after.contains(where: { $0.name == name }) {
            after.append((name, UInt8.random(in: 0...200, using: &generator), true))
            after.sort { $0.name < $1.name }
          }
        }
      }
      if round % 50 == 0 { before = [] }
      let old = Self.tree(before)
      let new = Self.tree(after)
      old.withUnsafeBytes { oldBytes in
        new.withUnsafeBytes { newBytes in
          let full = RawTree.changes(from: RawTree(bytes: oldBytes), to: RawTree(bytes: newBytes))
          let known = RawTree(bytes: oldBytes)
          let (layout, incremental) = RawTree.changes(
            from: known, layout: known.layout(), to: RawTree(bytes: newBytes))
          #expect(incremental.map(\.name) == full.map(\.name), "round \(round)")
          #expect(incremental.map(\.old) == full.map(\.old))
          #expect(incremental.map(\.new) == full.map(\.new))
          #expect(layout == RawTree(bytes: newBytes).layout(), "round \(round)")
        }
      }
    }
  }

  /// Damaged trees (bytes overwritten, cut short) do not crash the reader, read to the same
  /// layout either way (a malformed entry ends the listing), and compare alike while sorted.
  @Test func damagedTreesReadLikeAFullParse() {
    var generator = SystemRandomNumberGenerator()
    let names = (0..<40).map { "acct-\($0 * 7)" }.sorted()
    let base = Self.tree(
      names.map { (name: $0, id: UInt8(truncatingIfNeeded: $0.count * 13), folder: true) })
    for round in 0..<500 {
      var damaged = base
      for _ in 0..<Int.random(in: 1...6, using: &generator) {
        let index = Int.random(in: 0..<damaged.count, using: &generator)
        damaged[index] = [0, 0x20, 0x34, 0x61, UInt8.random(in: 0...255, using: &generator)]
          .randomElement(using: &generator)!
      }
      if round % 7 == 0 { damaged.removeLast(Int.random(in: 0..<damaged.count, using: &generator)) }
      base.withUnsafeBytes { knownBytes in
        damaged.withUnsafeBytes { otherBytes in
          let known = RawTree(bytes: knownBytes)
          let other = RawTree(bytes: otherBytes)
          let full = RawTree.changes(from: known, to: other)
          let (layout, incremental) = RawTree.changes(
            from: known, layout: known.layout(), to: other)
          #expect(layout == other.layout(), "round \(round)")
          // Git keeps tree entries sorted (fsck rejects anything else); while damage leaves them
          // sorted, both comparisons must agree.
          let entries = (0..<(layout.count - 1)).map { other.entry($0, in: layout) }
          if zip(entries, entries.dropFirst()).allSatisfy({ RawTree.order($0, $1) < 0 }) {
            #expect(incremental.map(\.name) == full.map(\.name), "round \(round)")
            #expect(incremental.map(\.new) == full.map(\.new), "round \(round)")
          }
        }
      }
    }
  }
}
