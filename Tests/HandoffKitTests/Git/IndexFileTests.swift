import Foundation
import HandoffTestSupport
import Testing

@testable import HandoffKit

/// The direct index reader against libgit2's, on randomized indexes git itself wrote.
@Suite struct IndexFileTests {
  static func entries(_ index: IndexFile) -> [(path: String, mode: UInt32, id: OID)] {
    index.entries.indices.map {
      (
        String(decoding: index.name($0), as: UTF8.self), index.entries[$0].mode,
        index.entries[$0].id
      )
    }
  }

  @Test(arguments: [2, 3, 4]) func readsWhatLibgit2ReadsAtEveryVersion(version: Int) throws {
    var generator = SystemRandomNumberGenerator()
    for round in 0..<4 {
      let repo = try TestRepository()
      let words = ["acme", "beta", "a-b", "a", "zeta", "alpha.beta", "é-school", "x y"]
      var written = Set<String>()
      for _ in 0..<Int.random(in: 5...60, using: &generator) {
        let depth = Int.random(in: 1...4, using: &generator)
        let path =
          (0..<depth).map { _ in
            words.randomElement(using: &generator)! + "\(Int.random(in: 0...3, using: &generator))"
          }
          .joined(separator: "/") + ".yaml"
        if written.contains(where: { path.hasPrefix($0 + "/") || $0.hasPrefix(path + "/") }) {
          continue
        }
        written.insert(path)
        try repo.write(path, "n: \(Int.random(in: 0...1_000_000, using: &generator))\n")
      }
      if round % 2 == 1 {
        #expect(symlink("target", repo.path + "/link-\(round)") == 0)
        try repo.write("run.sh", "#!/bin/sh\n")
        #expect(chmod(repo.path + "/run.sh", 0o755) == 0)
      }
      try repo.add()
      if round >= 2 { try repo.commit("with a cache-tree") }
      if round == 3 {
        // A changed path invalidates its folders in the cache-tree; skip-worktree needs v3 flags.
        try repo.write(written.sorted().first!, "changed\n")
        try repo.add()
        if version >= 3 {
          try repo.git(["update-index", "--skip-worktree", written.sorted().last!])
        }
      }
      try repo.git(["update-index", "--index-version", "\(version)"])
      let repository = try Repository.discover(from: repo.path)
      let own = try IndexFile.read(path: repo.path + "/.git/index")
      // git writes version 3 only when an entry needs its extended flags.
      #expect(own.version == UInt32(version) || (version == 3 && own.version == 2 && round != 3))
      let expected = try repository.libgit2IndexEntries()
      let found = Self.entries(own)
      #expect(found.map(\.path) == expected.map(\.path), "round \(round)")
      #expect(found.map(\.mode) == expected.map(\.mode))
      #expect(found.map(\.id) == expected.map(\.id))
      if round >= 2 {
        // The cache-tree's valid folders carry the ids git would write for them.
        let top = try repo.git(["ls-tree", "-d", "HEAD"]).split(separator: "\n")
        for line in top {
          let parts = line.split(separator: "\t")
          let name = String(parts[1])
          let id = OID(hex: String(parts[0].split(separator: " ")[2]))
          if let cached = own.treeChildren(of: "").first(where: {
            own.treeName($0).elementsEqual(name.utf8)
          })?.id {
            #expect(cached == id || round == 3, "\(name)")
          }
        }
      }
    }
  }

  @Test func conflictedPathsAreLeftOut() throws {
    let repo = try TestRepository()
    try repo.write("accounts/acme/account.yaml", "name: A\n")
    try repo.commit("base")
    try repo.git(["checkout", "-q", "-b", "side"])
    try repo.write("accounts/acme/account.yaml", "name: B\n")
    try repo.commit("side")
    try repo.git(["checkout", "-q", "main"])
    try repo.write("accounts/acme/account.yaml", "name: C\n")
    try repo.commit("main")
    _ = try? repo.git(["merge", "-q", "side"])
    let own = try IndexFile.read(path: repo.path + "/.git/index")
    #expect(
      Self.entries(own).map(\.path)
        == (try Repository.discover(from: repo.path).libgit2IndexEntries().map(\.path)))
    #expect(!Self.entries(own).map(\.path).contains("accounts/acme/account.yaml"))
  }

  @Test func aSplitIndexIsLeftToLibgit2() throws {
    let repo = try TestRepository()
    try repo.write("accounts/acme/account.yaml", "name: A\n")
    try repo.add()
    try repo.git(["update-index", "--split-index"])
    #expect(throws: IndexFile.Unsupported.self) {
      try IndexFile.read(path: repo.path + "/.git/index")
    }
  }

  /// Damaged bytes never crash the reader: it reads or says it cannot.
  @Test func damagedIndexesThrowOrRead() throws {
    let repo = try TestRepository()
    for name in ["a", "b/c", "b/d", "e/f/g"] { try repo.write(name, name) }
    try repo.commit("one")
    let bytes = Array(try Data(contentsOf: repo.root.appendingPathComponent(".git/index")))
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<2_000 {
      var damaged = bytes
      for _ in 0..<Int.random(in: 1...8, using: &generator) {
        damaged[Int.random(in: 0..<damaged.count, using: &generator)] = UInt8.random(
          in: 0...255, using: &generator)
      }
      if Bool.random(using: &generator) {
        damaged.removeLast(Int.random(in: 0..<damaged.count, using: &generator))
      }
      _ = try? IndexFile.parse(damaged)
    }
  }
}

/// Inputs the fuzzer found, kept so they stay fixed.
@Suite struct IndexFileRegressionTests {
  /// A version 4 path-compression count whose varint overflowed to a negative number cut a
  /// range past the end of the paths (found by `make fuzz`, target `index`).
  @Test func aVarintThatOverflowsIsDamageNotACrash() throws {
    let url = ProjectPaths.root.appendingPathComponent("Tests/Fixtures/Fuzz/index-varint-overflow")
    #expect(throws: IndexFile.Unsupported.self) {
      try IndexFile.parse(Array(try Data(contentsOf: url)))
    }
  }
}
