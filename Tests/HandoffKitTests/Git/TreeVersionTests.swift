import Foundation
import HandoffTestSupport
import Testing

@testable import HandoffKit

/// Versions of a tree made from pack deltas equal the trees' full parse: on random trees and
/// deltas cut every way, on damaged deltas, and on real packs as `git fast-import`, `git repack`
/// and loose objects leave them.
@Suite struct TreeVersionTests {
  /// Serialises entries in Git's tree format (already in Git's order).
  static func tree(_ entries: [(name: String, id: UInt8, folder: Bool)]) -> [UInt8] {
    var bytes: [UInt8] = []
    for entry in entries {
      bytes += Array((entry.folder ? "40000 " : "100644 ").utf8) + Array(entry.name.utf8) + [0]
      bytes += [UInt8](repeating: entry.id, count: 19) + [entry.id &+ 1]
    }
    return bytes
  }

  /// A Git delta from `base` to `target`: the common start and end copied (cut into pieces at
  /// random places, some longer than one copy instruction holds), the middle inserted in
  /// pieces of at most 127 bytes, and now and then a copy of base bytes that happen to match.
  static func delta(
    from base: [UInt8], to target: [UInt8], using generator: inout some RandomNumberGenerator
  ) -> [UInt8] {
    var out = varint(base.count) + varint(target.count)
    let shortest = min(base.count, target.count)
    var prefix = 0
    while prefix < shortest, base[prefix] == target[prefix] { prefix += 1 }
    var suffix = 0
    while suffix < shortest - prefix,
      base[base.count - 1 - suffix] == target[target.count - 1 - suffix]
    {
      suffix += 1
    }
    func copy(_ offset: Int, _ count: Int) {
      var offset = offset
      var left = count
      while left > 0 {
        let piece = min(left, Int.random(in: 1...0x18000, using: &generator), 0xffffff)
        var operation: UInt8 = 0x80
        var arguments: [UInt8] = []
        for byte in 0..<4 where (offset >> (8 * byte)) & 0xff != 0 {
          operation |= 1 << byte
          arguments.append(UInt8((offset >> (8 * byte)) & 0xff))
        }
        // A size of 0x10000 is written as no size bytes.
        if piece != 0x10000 {
          for byte in 0..<3 where (piece >> (8 * byte)) & 0xff != 0 {
            operation |= 0x10 << byte
            arguments.append(UInt8((piece >> (8 * byte)) & 0xff))
          }
        }
        out.append(operation)
        out += arguments
        offset += piece
        left -= piece
      }
    }
    func insert(_ bytes: ArraySlice<UInt8>) {
      var rest = bytes
      while !rest.isEmpty {
        let piece = min(rest.count, Int.random(in: 1...127, using: &generator))
        out.append(UInt8(piece))
        out += rest.prefix(piece)
        rest = rest.dropFirst(piece)
      }
    }
    // The start, in a few cuts (which often fall part way into an entry).
    var cut = 0
    while cut < prefix {
      let next =
        Bool.random(using: &generator)
        ? prefix : Int.random(in: (cut + 1)...prefix, using: &generator)
      copy(cut, next - cut)
      cut = next
    }
    let middle = target[prefix..<(target.count - suffix)]
    if middle.count > 8, Bool.random(using: &generator),
      let start = base.firstIndex(of: middle[middle.startIndex])
    {
      // Bytes elsewhere in the base that begin like the middle: copied as far as they match.
      var length = 0
      while length < middle.count, start + length < base.count,
        base[start + length] == middle[middle.startIndex + length]
      {
        length += 1
      }
      copy(start, length)
      insert(middle.dropFirst(length))
    } else {
      insert(middle)
    }
    copy(base.count - suffix, suffix)
    return out
  }

  static func varint(_ value: Int) -> [UInt8] {
    var value = value
    var bytes: [UInt8] = []
    repeat {
      var byte = UInt8(value & 0x7f)
      value >>= 7
      if value > 0 { byte |= 0x80 }
      bytes.append(byte)
    } while value > 0
    return bytes
  }

  /// A version's bytes, written back from its entries.
  static func bytes(of version: TreeVersion, _ table: TreeEntryTable) -> [UInt8] {
    version.entries.flatMap { number in
      table.bytes[Int(table.starts[Int(number)])..<Int(table.starts[Int(number) + 1])]
    }
  }

  /// Expects the folders that differ from `old` to `new` to be those a full comparison of the
  /// trees' bytes finds.
  static func expectChanges(
    from old: TreeVersion, to new: TreeVersion, as bytes: ([UInt8], [UInt8]),
    table: TreeEntryTable, _ label: String
  ) {
    let full = bytes.0.withUnsafeBytes { oldBytes in
      bytes.1.withUnsafeBytes {
        RawTree.changes(from: RawTree(bytes: oldBytes), to: RawTree(bytes: $0))
      }
    }
    let changes = TreeVersion.changes(from: old, to: new, table: table)
    #expect(changes.map(\.name) == full.map(\.name), "\(label)")
    #expect(changes.map(\.old) == full.map(\.old), "\(label)")
    #expect(changes.map(\.new) == full.map(\.new), "\(label)")
  }

  /// Random trees and random edits (ids changed, entries added and removed, at the ends too):
  /// the version a delta makes has the new tree's layout and bytes, and the changes between
  /// versions are those a full comparison of the bytes finds.
  @Test func versionsFromDeltasEqualTheWholeTrees() throws {
    var generator = SystemRandomNumberGenerator()
    let table = TreeEntryTable()
    for round in 0..<400 {
      let count = Int.random(in: 0...(round % 10 == 0 ? 1500 : 60), using: &generator)
      var names = Set<String>()
      while names.count < count {
        names.insert("acct-\(Int.random(in: 0...99_999, using: &generator))")
      }
      let before = names.sorted().map {
        (
          name: $0, id: UInt8.random(in: 0...200, using: &generator),
          folder: Int.random(in: 0..<5, using: &generator) > 0
        )
      }
      var after = before
      for _ in 0..<Int.random(in: 0...4, using: &generator) {
        switch Int.random(in: 0...2, using: &generator) {
        case 0 where !after.isEmpty:
          after[Int.random(in: 0..<after.count, using: &generator)].id &+= 1
        case 1 where !after.isEmpty:
          after.remove(at: Int.random(in: 0..<after.count, using: &generator))
        default:
          let name = "acct-\(Int.random(in: 0...99_999, using: &generator))"
          if !after.contains(where: { $0.name == name }) {
            after.append(
              (name, UInt8.random(in: 0...200, using: &generator), Bool.random(using: &generator)))
            after.sort { $0.name < $1.name }
          }
        }
      }
      let old = Self.tree(before)
      let new = Self.tree(after)
      let delta = Self.delta(from: old, to: new, using: &generator)
      let base = try #require(old.withUnsafeBytes { TreeVersion(bytes: $0, table: table) })
      let made = try #require(
        delta.withUnsafeBytes { TreeVersion(applying: $0, to: base, table: table) },
        "round \(round)")
      let whole = try #require(new.withUnsafeBytes { TreeVersion(bytes: $0, table: table) })
      #expect(made.layout == whole.layout, "round \(round)")
      #expect(made.entries == whole.entries, "round \(round)")
      #expect(Self.bytes(of: made, table) == new, "round \(round)")
      Self.expectChanges(from: base, to: made, as: (old, new), table: table, "round \(round)")
    }
  }

  /// A long delta chain, each version made from the one before (as Git chains 50 and more):
  /// every version still equals its tree's full parse, and any two versions of the chain
  /// compare as their bytes do.
  @Test func longDeltaChainsStayExact() throws {
    var generator = SystemRandomNumberGenerator()
    let table = TreeEntryTable()
    var current = (0..<2000).map {
      (name: "acct-\(String($0 * 3 + 10_000))", id: UInt8($0 % 200), folder: true)
    }
    var trees = [Self.tree(current)]
    var versions = [try #require(trees[0].withUnsafeBytes { TreeVersion(bytes: $0, table: table) })]
    for round in 0..<300 {
      switch Int.random(in: 0...3, using: &generator) {
      case 0:
        current.remove(at: Int.random(in: 0..<current.count, using: &generator))
      case 1:
        let name = "acct-\(Int.random(in: 10_000...16_000, using: &generator))"
        if !current.contains(where: { $0.name == name }) {
          current.append((name, 7, Bool.random(using: &generator)))
          current.sort { $0.name < $1.name }
        }
      default:
        current[Int.random(in: 0..<current.count, using: &generator)].id &+= 1
      }
      let tree = Self.tree(current)
      let delta = Self.delta(from: trees[trees.count - 1], to: tree, using: &generator)
      let made = try #require(
        delta.withUnsafeBytes {
          TreeVersion(applying: $0, to: versions[versions.count - 1], table: table)
        }, "round \(round)")
      let whole = try #require(tree.withUnsafeBytes { TreeVersion(bytes: $0, table: table) })
      #expect(made.entries == whole.entries, "round \(round)")
      #expect(made.layout == whole.layout, "round \(round)")
      #expect(made.size == tree.count, "round \(round)")
      trees.append(tree)
      versions.append(made)
    }
    for _ in 0..<200 {
      let i = Int.random(in: 0..<trees.count, using: &generator)
      let j = Int.random(in: 0..<trees.count, using: &generator)
      Self.expectChanges(
        from: versions[i], to: versions[j], as: (trees[i], trees[j]), table: table, "\(i) to \(j)")
    }
  }

  /// A one-entry change in a large tree, made from a delta (its copies cut at random places,
  /// as Git cuts them every 64 KiB) or read whole with the version before as its hint, shares
  /// all but the changed run with the version before: making it and comparing it read the
  /// change, not the tree.
  @Test func oneEntryChangesShareTheRestOfTheTree() throws {
    var generator = SystemRandomNumberGenerator()
    let table = TreeEntryTable()
    for round in 0..<20 {
      var entries = (0..<6000).map {
        (name: "account-\(String($0 + 100_000))", id: UInt8($0 % 200), folder: true)
      }
      let base = try #require(
        Self.tree(entries).withUnsafeBytes { TreeVersion(bytes: $0, table: table) })
      let changed = Int.random(in: 0..<entries.count, using: &generator)
      entries[changed].id &+= 1
      let new = Self.tree(entries)
      let oldBytes = Self.bytes(of: base, table)
      let made = try #require(
        Self.delta(from: oldBytes, to: new, using: &generator).withUnsafeBytes {
          TreeVersion(applying: $0, to: base, table: table)
        })
      let hinted = try #require(
        new.withUnsafeBytes { TreeVersion(bytes: $0, table: table, hint: base) })
      let alone = try #require(new.withUnsafeBytes { TreeVersion(bytes: $0, table: table) })
      for (label, version) in [("delta", made), ("hint", hinted)] {
        #expect(version.entries == alone.entries, "\(label), round \(round)")
        #expect(version.layout == alone.layout, "\(label), round \(round)")
        let fresh = version.runs.filter { run in !base.runs.contains { $0 === run } }
        #expect(fresh.count <= 2, "\(label), round \(round): \(fresh.count) new runs")
        let changes = TreeVersion.changes(from: base, to: version, table: table)
        #expect(changes.map(\.name) == [entries[changed].name], "\(label), round \(round)")
      }
    }
  }

  /// A whole tree read with a close version as its hint (entries added, removed and changed)
  /// is the tree read alone; cut short or damaged, it stops where the tree read alone stops.
  @Test func wholeTreesReadWithAHintEqualTreesReadAlone() throws {
    var generator = SystemRandomNumberGenerator()
    let table = TreeEntryTable()
    for round in 0..<300 {
      let count = Int.random(in: 0...400, using: &generator)
      var entries = (0..<count).map {
        (name: "acct-\(String($0 * 5 + 10_000))", id: UInt8($0 % 200), folder: $0 % 7 > 0)
      }
      let hintBytes = Self.tree(entries)
      let hint = try #require(hintBytes.withUnsafeBytes { TreeVersion(bytes: $0, table: table) })
      for _ in 0..<Int.random(in: 0...6, using: &generator) where !entries.isEmpty {
        let index = Int.random(in: 0..<entries.count, using: &generator)
        switch Int.random(in: 0...2, using: &generator) {
        case 0: entries.remove(at: index)
        case 1: entries[index].id &+= 1
        default: entries.insert((entries[index].name + "a", 3, true), at: index + 1)
        }
      }
      var bytes = Self.tree(entries)
      if round % 5 == 0, !bytes.isEmpty {
        bytes.removeLast(Int.random(in: 1...min(30, bytes.count), using: &generator))
      }
      if round % 7 == 0, !bytes.isEmpty {
        bytes[Int.random(in: 0..<bytes.count, using: &generator)] = 0
      }
      let alone = try #require(bytes.withUnsafeBytes { TreeVersion(bytes: $0, table: table) })
      let hinted = try #require(
        bytes.withUnsafeBytes { TreeVersion(bytes: $0, table: table, hint: hint) })
      #expect(hinted.entries == alone.entries, "round \(round)")
      #expect(hinted.layout == alone.layout, "round \(round)")
      #expect(hinted.isExact == alone.isExact, "round \(round)")
    }
  }

  /// Damaged deltas (bytes overwritten, cut short) never crash: either they are refused, or
  /// what they make is what applying them byte by byte (`ObjectReader.apply`) makes, read as a
  /// tree.
  @Test func damagedDeltasAreRefusedOrReadExactly() throws {
    var generator = SystemRandomNumberGenerator()
    let table = TreeEntryTable()
    let names = (0..<80).map { "acct-\($0 * 7)" }.sorted()
    let old = Self.tree(
      names.map { (name: $0, id: UInt8(truncatingIfNeeded: $0.count * 13), folder: true) })
    var edited = names.map {
      (name: $0, id: UInt8(truncatingIfNeeded: $0.count * 13), folder: true)
    }
    edited[40].id &+= 9
    let clean = Self.delta(from: old, to: Self.tree(edited), using: &generator)
    let base = try #require(old.withUnsafeBytes { TreeVersion(bytes: $0, table: table) })
    var made = 0
    for round in 0..<2000 {
      var damaged = clean
      for _ in 0..<Int.random(in: 1...4, using: &generator) {
        let index = Int.random(in: 0..<damaged.count, using: &generator)
        damaged[index] = [0, 0x20, 0x80, 0x91, 0x7f, UInt8.random(in: 0...255, using: &generator)]
          .randomElement(using: &generator)!
      }
      if round % 9 == 0 { damaged.removeLast(Int.random(in: 0..<damaged.count, using: &generator)) }
      let version = damaged.withUnsafeBytes { TreeVersion(applying: $0, to: base, table: table) }
      guard let version else { continue }
      made += 1
      let reference = try #require(ObjectReader.apply(damaged, to: old), "round \(round)")
      let whole = try #require(reference.withUnsafeBytes { TreeVersion(bytes: $0, table: table) })
      #expect(whole.isExact, "round \(round)")
      #expect(version.entries == whole.entries, "round \(round)")
      #expect(Self.bytes(of: version, table) == reference, "round \(round)")
    }
    // Damage in inserted id bytes still makes a tree: the comparison above was not vacuous.
    #expect(made > 0)
  }

  /// A history whose accounts tree changes in every commit, written with `git fast-import` (each
  /// version a delta of the one before), in `commits` commits over `accounts` folders.
  static func wideHistory(commits: Int, accounts: Int) throws -> TestRepository {
    let repo = try TestRepository()
    var stream = ""
    var time = 1_700_000_000
    var live = Set<Int>()
    var random = SystemRandomNumberGenerator()
    for commit in 1...commits {
      time += 3600
      let message = "commit \(commit)"
      stream += "commit refs/heads/main\nmark :\(commit)\n"
      stream +=
        "committer T <t@example.com> \(time) +0000\ndata \(message.utf8.count)\n\(message)\n"
      if commit > 1 { stream += "from :\(commit - 1)\n" }
      for _ in 0..<(commit == 1 ? accounts / 2 : Int.random(in: 1...3, using: &random)) {
        let account = Int.random(in: 0..<accounts, using: &random)
        if live.contains(account), Int.random(in: 0..<10, using: &random) == 0 {
          stream += "D accounts/acct-\(account)\n"
          live.remove(account)
          continue
        }
        let body = "name: acct-\(account)\nrevision: \(commit)\n"
        stream += "M 100644 inline accounts/acct-\(account)/account.yaml\n"
        stream += "data \(body.utf8.count)\n\(body)\n"
        live.insert(account)
      }
    }
    stream += "done\n"
    let file = repo.root.appendingPathComponent(".git/stream")
    try Data(stream.utf8).write(to: file)
    _ = try Shell.run(
      "/bin/sh", ["-c", "git -C '\(repo.path)' fast-import --quiet --done < '\(file.path)'"]
    ).checked()
    try FileManager.default.removeItem(at: file)
    return repo
  }

  /// The changes between each commit's accounts tree and the next, as the walk reads them, and
  /// as a full comparison of libgit2's bytes finds them.
  static func compare(_ repo: TestRepository) throws -> TreeVersionReader {
    let repository = try Repository.discover(from: repo.path)
    let head = try repository.commit(for: "main")
    let trees = try repository.firstParentHistory(to: head).map {
      try repository.entryID(in: repository.commitInfo($0).tree, at: "accounts")
    }
    let walked = try CloseWalk.changes(between: [nil] + trees, repository: repository)
    for (index, pair) in zip([nil] + trees, trees).enumerated() {
      let full = try repository.rawObject(pair.0).withBytes { old in
        try repository.rawObject(pair.1).withBytes {
          RawTree.changes(from: RawTree(bytes: old), to: RawTree(bytes: $0))
        }
      }
      #expect(walked[index].map(\.name) == full.map(\.name), "commit \(index)")
      #expect(walked[index].map(\.new) == full.map(\.new), "commit \(index)")
      #expect(walked[index].map(\.old) == full.map(\.old), "commit \(index)")
    }
    // One reader with a small cache, oldest first then newest first: every version equals its
    // full parse.
    let reader = TreeVersionReader(repository: repository, budget: 2_000)
    for id in trees + trees.reversed() {
      let version = try reader.version(of: id)
      let whole = try repository.rawObject(id).withBytes {
        try #require(TreeVersion(bytes: $0, table: reader.table))
      }
      #expect(version.entries == whole.entries)
      #expect(version.layout == whole.layout)
    }
    return reader
  }

  @Test func fastImportPacksReadFromDeltas() throws {
    let repo = try Self.wideHistory(commits: 300, accounts: 400)
    let reader = try Self.compare(repo)
    #expect(reader.counts.deltas > 200)
    #expect(reader.counts.libgit2 == 0)
  }

  /// `git repack` turns the chains around (newer, larger versions become the bases) and, with
  /// a large depth, makes them long.
  @Test(arguments: [["-adf"], ["-adf", "--depth=500", "--window=50"]])
  func repackedPacksReadFromDeltas(_ options: [String]) throws {
    let repo = try Self.wideHistory(commits: 300, accounts: 400)
    try repo.git(["repack", "-q"] + options)
    let reader = try Self.compare(repo)
    #expect(reader.counts.deltas > 200)
  }

  /// Loose objects after a pack, and a repository with no pack at all, read through libgit2.
  @Test func looseObjectsReadThroughLibgit2() throws {
    let repo = try Self.wideHistory(commits: 60, accounts: 100)
    try repo.git(["checkout", "-q", "main"])
    for round in 0..<5 {
      try repo.write("accounts/acct-\(round)/account.yaml", "name: loose \(round)\n")
      try repo.commit("loose \(round)")
    }
    let reader = try Self.compare(repo)
    #expect(reader.counts.libgit2 > 0)
    #expect(reader.counts.deltas > 0)
    let unpacked = try TestRepository()
    for round in 0..<5 {
      try unpacked.write("accounts/acct-\(round)/account.yaml", "name: \(round)\n")
      try unpacked.commit("loose \(round)")
    }
    let unpackedReader = try Self.compare(unpacked)
    #expect(unpackedReader.counts.deltas == 0)
  }

  /// A pack damaged in the middle: every version is still its full parse where libgit2 can read
  /// it, and an error where it cannot; never a crash.
  @Test func damagedPacksFallBackOrFail() throws {
    let repo = try Self.wideHistory(commits: 120, accounts: 200)
    let folder = repo.root.appendingPathComponent(".git/objects/pack")
    let pack = try #require(
      try FileManager.default.contentsOfDirectory(atPath: folder.path).first {
        $0.hasSuffix(".pack")
      })
    let path = folder.appendingPathComponent(pack).path
    var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    var random = SystemRandomNumberGenerator()
    for _ in 0..<40 {
      bytes[Int.random(in: 12..<(bytes.count - 20), using: &random)] ^= 0x5a
    }
    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let repository = try Repository.discover(from: repo.path)
    let reader = TreeVersionReader(repository: repository)
    let table = reader.table
    for commit in (try? repository.firstParentHistory(to: repository.commit(for: "main"))) ?? [] {
      guard let info = try? repository.commitInfo(commit),
        let id = try? repository.entryID(in: info.tree, at: "accounts")
      else { continue }
      let read = try? reader.version(of: id)
      let whole = try? repository.rawObject(id).withBytes { TreeVersion(bytes: $0, table: table) }
      if let read, let whole {
        #expect(read.entries == whole.entries)
      }
    }
  }
}

/// Each commit's accounts tree as the walk reads it (commit and trees from the pack) equals
/// libgit2's lookup, for a nested folder that comes, turns into a file and goes.
@Suite struct AccountsTreeLookupTests {
  @Test(arguments: [false, true])
  func matchesLibgit2(packed: Bool) throws {
    let repo = try TestRepository()
    try repo.write("README.md", "x\n")
    try repo.commit("no accounts yet")
    for round in 0..<6 {
      try repo.write("crm/accounts/a\(round)/account.yaml", "name: a\(round)\n")
      try repo.commit("add \(round)")
    }
    try repo.remove("crm/accounts")
    try repo.write("crm/accounts", "a file now\n")
    try repo.commit("a file")
    try repo.remove("crm")
    try repo.write("crm/other/x.yaml", "x: 1\n")
    try repo.commit("gone")
    if packed { try repo.git(["gc", "-q"]) }
    let repository = try Repository.discover(from: repo.path)
    let commits = try repository.firstParentHistory(to: repository.commit(for: "HEAD"))
    for directory in ["crm/accounts", "crm", "accounts", "crm/accounts/a1"] {
      let walked = try CloseWalk.accountsTrees(
        of: commits, repository: repository, accountsDirectory: directory)
      let expected = try commits.map {
        try repository.entryID(in: repository.commitInfo($0).tree, at: directory)
      }
      #expect(walked == expected, "\(directory)")
    }
  }
}

/// The walk's first-parent chain, read from the packs, is libgit2's: merges followed along
/// their first parent, packed and loose commits alike.
@Suite struct FirstParentChainTests {
  @Test func matchesLibgit2AcrossMergesPackedAndLoose() throws {
    let repo = try TestRepository()
    try repo.write("a.txt", "0\n")
    try repo.commit("root")
    for round in 0..<4 {
      try repo.git(["checkout", "-q", "-b", "side\(round)"])
      try repo.write("side\(round).txt", "\(round)\n")
      try repo.commit("side \(round)")
      try repo.git(["checkout", "-q", "main"])
      try repo.write("a.txt", "\(round + 1)\n")
      try repo.commit("main \(round)")
      try repo.git(["merge", "-q", "--no-ff", "-m", "merge \(round)", "side\(round)"])
      if round == 1 { try repo.git(["gc", "-q"]) }
    }
    let repository = try Repository.discover(from: repo.path)
    let head = try repository.commit(for: "HEAD")
    let (chain, roots) = try CloseWalk.firstParentChain(to: head, repository: repository)
    #expect(chain == (try repository.firstParentHistory(to: head)))
    #expect(chain.count == 9)
    // Root trees are named where the commit lay in a pack, and are the commits' own.
    #expect(roots.contains(nil) && roots.contains { $0 != nil })
    for (commit, root) in zip(chain, roots) where root != nil {
      #expect(root == (try repository.commitInfo(commit).tree))
    }
  }
}
