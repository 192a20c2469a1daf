import Foundation

/// Git's index file read directly: versions 2, 3 and 4, and the cache-tree extension (`TREE`).
///
/// libgit2 builds an entry object for each of the 60,000 paths of a large index and checks the
/// file's SHA-1 before anything can be asked; a pre-commit check that must run at the speed of
/// `git diff --cached` cannot afford either. Here the file is read once into one buffer, paths
/// stay bytes in it, and the cache-tree tells which folders are unchanged without hashing them.
/// The trailing checksum is not verified (git just wrote the file for the hook); anything this
/// reader does not understand (a split index, sparse folders, a damaged file) throws, and the
/// caller falls back to libgit2.
struct IndexFile {
  /// One staged path at stage 0 (conflicted paths have stages 1 to 3 and are skipped).
  /// 32 bytes: 60,000 of them are built on every pre-commit check of a large repository.
  struct Entry {
    /// Where the path is in `names`.
    private var start: UInt32
    private var count: UInt16
    var mode: UInt32
    var id: OID

    init(nameStart: Int, nameCount: Int, mode: UInt32, id: OID) {
      start = UInt32(nameStart)
      count = UInt16(nameCount)
      self.mode = mode
      self.id = id
    }

    var nameStart: Int { Int(start) }
    var nameCount: Int { Int(count) }
  }

  /// One folder of the cache-tree: where its name is in `treeBytes`, and its tree id while it is
  /// valid (nil once a path below it changed).
  struct TreeNode {
    var nameStart: Int
    var nameCount: Int
    var id: OID?
    /// How many index entries lie below it (meaningful while it is valid).
    var entryCount: Int
    /// How many folders lie below it, at any depth.
    var descendants: Int
  }

  /// Where the paths' bytes are: in the file itself for versions 2 and 3 (no copy of 60,000
  /// paths), rebuilt from their compressed form for version 4.
  enum Paths {
    case mapped(Data)
    case bytes([UInt8])

    func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows
      -> Result
    {
      switch self {
      case .mapped(let data): try data.withUnsafeBytes(body)
      case .bytes(let bytes): try bytes.withUnsafeBytes(body)
      }
    }
  }

  var version: UInt32
  /// Every path; `Entry.nameStart` is an offset in these bytes.
  var names: Paths
  /// Stage-0 entries in path order.
  var entries: [Entry]
  /// The cache-tree's folders in pre-order, and the extension's bytes their names are in.
  var tree: [TreeNode] = []
  var treeBytes: [UInt8] = []

  struct Unsupported: Error, CustomStringConvertible {
    var reason: String
    var description: String { reason }
  }

  static func read(path: String) throws(Unsupported) -> IndexFile {
    if let early = Prefetch.take(path) { return try early.get() }
    return try readNow(path)
  }

  /// Maps the file (no copy of its 7 MB, no zeroed pages) after checking it is a regular file.
  private static func readNow(_ path: String) throws(Unsupported) -> IndexFile {
    guard WorkTreeListing.kind(atPath: path) == .file,
      let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
    else { throw Unsupported(reason: "cannot read \(path)") }
    let parsed = data.withUnsafeBytes { buffer in
      Result { () throws(Unsupported) in try parse(buffer) }
    }
    var index = try parsed.get()
    if index.version != 4 { index.names = .mapped(data) }
    return index
  }

  /// Starts reading the index of the repository at or above `folder` on another core, while
  /// this one opens the repository (libgit2's start-up alone costs about as much as reading a
  /// 60,000-entry index); `read(path:)` of the same file then waits for it.
  static func prefetch(forRepositoryAt folder: String) {
    guard let path = Prefetch.indexPath(from: folder) else { return }
    Prefetch.start(path)
  }

  /// One early read, taken by the first `read(path:)` of its file.
  private enum Prefetch {
    nonisolated(unsafe) private static var pending:
      (path: String, group: DispatchGroup, result: Box)?
    private static let lock = NSLock()

    final class Box: @unchecked Sendable {
      var value: Result<IndexFile, Unsupported> = .failure(Unsupported(reason: "not read"))
    }

    static func start(_ path: String) {
      let group = DispatchGroup()
      let box = Box()
      lock.withLock { pending = (path, group, box) }
      DispatchQueue.global().async(group: group) {
        box.value = Result { () throws(Unsupported) -> IndexFile in
          try readNow(path)
        }
      }
    }

    static func take(_ path: String) -> Result<IndexFile, Unsupported>? {
      let taken: (path: String, group: DispatchGroup, result: Box)? = lock.withLock {
        defer { pending = nil }
        return pending
      }
      guard let taken, taken.path == path else { return nil }
      taken.group.wait()
      return taken.result.value
    }

    /// Where git would read the index from `folder`: `GIT_INDEX_FILE`, else `index` in the
    /// nearest `.git` folder (or the folder a `.git` file points at).
    static func indexPath(from folder: String) -> String? {
      if let override = ProcessInfo.processInfo.environment["GIT_INDEX_FILE"], !override.isEmpty {
        return URL(fileURLWithPath: override).path
      }
      if let directory = ProcessInfo.processInfo.environment["GIT_DIR"], !directory.isEmpty {
        return URL(fileURLWithPath: directory).appendingPathComponent("index").path
      }
      var current = URL(fileURLWithPath: folder).standardizedFileURL
      for _ in 0..<64 {
        let dotGit = current.appendingPathComponent(".git")
        switch WorkTreeListing.kind(atPath: dotGit.path) {
        case .directory: return dotGit.appendingPathComponent("index").path
        case .file:
          guard
            let text = WorkTreeListing.read(dotGit.path).map({ String(decoding: $0, as: UTF8.self) }
            ),
            text.hasPrefix("gitdir: ")
          else { return nil }
          let target = text.dropFirst("gitdir: ".count).trimmingCharacters(
            in: .whitespacesAndNewlines)
          return URL(fileURLWithPath: target, relativeTo: current).standardizedFileURL
            .appendingPathComponent("index").path
        default:
          guard current.path != "/" else { return nil }
          current.deleteLastPathComponent()
        }
      }
      return nil
    }
  }

  /// Parses a whole index file.
  static func parse(_ bytes: [UInt8]) throws(Unsupported) -> IndexFile {
    let parsed = bytes.withUnsafeBytes { buffer in
      Result { () throws(Unsupported) in try parse(buffer) }
    }
    var index = try parsed.get()
    if index.version != 4 { index.names = .bytes(bytes) }
    return index
  }

  private static func parse(_ data: UnsafeRawBufferPointer) throws(Unsupported) -> IndexFile {
    var reader = Reader(data: data)
    guard data.count >= 32, reader.bytes(4).elementsEqual(Array("DIRC".utf8)) else {
      throw Unsupported(reason: "not an index file")
    }
    let version = try reader.uint32()
    guard (2...4).contains(version) else { throw Unsupported(reason: "index version \(version)") }
    let count = Int(try reader.uint32())
    let end = data.count - 20
    var index = IndexFile(version: version, names: .bytes([]), entries: [])
    // Version 4's paths, rebuilt; versions 2 and 3 point into the file (the caller attaches it).
    var rebuilt: [UInt8] = []
    // Each entry takes at least 62 bytes (v4: 63), so a damaged count cannot ask for more.
    guard count <= data.count / 62 else {
      throw Unsupported(reason: "more entries than the file can hold")
    }
    index.entries.reserveCapacity(count)
    if version == 4 { rebuilt.reserveCapacity(min(data.count * 4, count * 64)) }
    var previous: (start: Int, count: Int) = (0, 0)
    for _ in 0..<count {
      let start = reader.offset
      try reader.skip(16)  // ctime, mtime (seconds and nanoseconds each)
      try reader.skip(8)  // dev, ino
      let mode = try reader.uint32()
      try reader.skip(12)  // uid, gid, size
      let id = try reader.oid()
      let flags = try reader.uint16()
      if flags & 0x4000 != 0 {
        guard version >= 3 else { throw Unsupported(reason: "extended flags in a version 2 index") }
        let extended = try reader.uint16()
        // skip-worktree entries are fine; intent-to-add ones have no content staged yet.
        if extended & 0x2000 != 0 { throw Unsupported(reason: "an intent-to-add entry") }
      }
      let nameStart: Int
      let nameCount: Int
      if version == 4 {
        let removed = try reader.varint()
        guard removed >= 0, removed <= previous.count else {
          throw Unsupported(reason: "damaged path compression")
        }
        nameStart = rebuilt.count
        rebuilt.append(
          contentsOf: rebuilt[previous.start..<(previous.start + previous.count - removed)])
        let suffix = try reader.string(before: end)
        rebuilt.append(contentsOf: UnsafeRawBufferPointer(rebasing: suffix))
        nameCount = rebuilt.count - nameStart
        // Prefix compression could otherwise grow paths without bound from a small file.
        guard nameCount <= 65_535, rebuilt.count <= 16 * data.count + (1 << 20) else {
          throw Unsupported(reason: "damaged path compression")
        }
      } else {
        let name = try reader.string(before: end)
        guard name.count <= 65_535 else {
          throw Unsupported(reason: "a path longer than git allows")
        }
        nameStart = name.startIndex
        nameCount = name.count
        // Padded with 1 to 8 NULs to a multiple of 8 bytes from the entry's start.
        let length = reader.offset - start
        try reader.skip((8 - length % 8) % 8)
      }
      guard nameStart + nameCount < Int(UInt32.max) else {
        throw Unsupported(reason: "an index too large to read here")
      }
      previous = (nameStart, nameCount)
      guard (flags >> 12) & 0x3 == 0 else { continue }
      index.entries.append(Entry(nameStart: nameStart, nameCount: nameCount, mode: mode, id: id))
    }
    if version == 4 { index.names = .bytes(rebuilt) }
    while reader.offset + 8 <= end {
      let signature = Array(reader.bytes(4))
      let size = Int(try reader.uint32())
      guard reader.offset + size <= end else { throw Unsupported(reason: "damaged extension") }
      if signature.elementsEqual(Array("TREE".utf8)) {
        index.treeBytes = Array(data[reader.offset..<(reader.offset + size)])
        index.tree = index.treeBytes.withUnsafeBytes { bytes in
          var inner = Reader(data: bytes)
          var nodes: [TreeNode] = []
          return (try? Self.treeNode(&inner, into: &nodes)) != nil ? nodes : []
        }
      } else if let first = signature.first,
        !(UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(first)
      {
        // Lower-case extensions must be understood: `link` (split index), `sdir` (sparse).
        throw Unsupported(
          reason: "mandatory extension \(String(decoding: signature, as: UTF8.self))")
      }
      try reader.skip(size)
    }
    return index
  }

  /// One cache-tree node and those below it (`name NUL count SP subtrees LF [id]`), in
  /// pre-order; returns how many nodes it appended.
  @discardableResult
  private static func treeNode(_ reader: inout Reader, into nodes: inout [TreeNode])
    throws(Unsupported) -> Int
  {
    let nameStart = reader.offset
    let nameCount = try reader.string(before: reader.data.count).count
    let count = try reader.number(until: UInt8(ascii: " "))
    let subtrees = try reader.number(until: UInt8(ascii: "\n"))
    guard subtrees >= 0, nodes.count < 10_000_000 else {
      throw Unsupported(reason: "damaged cache-tree")
    }
    let position = nodes.count
    nodes.append(
      TreeNode(
        nameStart: nameStart, nameCount: nameCount, id: count >= 0 ? try reader.oid() : nil,
        entryCount: max(count, 0),
        descendants: 0))
    var below = 0
    for _ in 0..<subtrees { below += try treeNode(&reader, into: &nodes) }
    nodes[position].descendants = below
    return below + 1
  }

  /// The cache-tree's direct children of a repository-relative folder, in git's cache-tree
  /// order (name length, then bytes); empty when the cache-tree does not have the folder.
  func treeChildren(of folder: String) -> [TreeNode] {
    guard !tree.isEmpty else { return [] }
    var node = 0
    for part in folder.split(separator: "/") {
      var child = node + 1
      let end = node + 1 + tree[node].descendants
      var found: Int?
      while child < end {
        if treeName(child).elementsEqual(part.utf8) {
          found = child
          break
        }
        child += tree[child].descendants + 1
      }
      guard let found else { return [] }
      node = found
    }
    var children: [TreeNode] = []
    var child = node + 1
    let end = node + 1 + tree[node].descendants
    while child < end {
      children.append(tree[child])
      child += tree[child].descendants + 1
    }
    return children
  }

  /// A cache-tree node's name.
  func treeName(_ node: TreeNode) -> ArraySlice<UInt8> {
    treeBytes[node.nameStart..<(node.nameStart + node.nameCount)]
  }

  private func treeName(_ node: Int) -> ArraySlice<UInt8> {
    treeBytes[tree[node].nameStart..<(tree[node].nameStart + tree[node].nameCount)]
  }

  /// The path of entry `index`, as bytes.
  func name(_ index: Int) -> [UInt8] {
    let entry = entries[index]
    return names.withUnsafeBytes {
      Array($0[entry.nameStart..<(entry.nameStart + entry.nameCount)])
    }
  }

  /// The first entry whose path is not below `prefix` in path order, from `start`.
  func firstEntry(atOrAfter prefix: [UInt8], from start: Int = 0) -> Int {
    names.withUnsafeBytes { names in
      partitionPoint(start..<entries.count) {
        let entry = entries[$0]
        return names[entry.nameStart..<(entry.nameStart + entry.nameCount)]
          .lexicographicallyPrecedes(prefix)
      }
    }
  }

  /// The entries whose paths start with `prefix` (which ends in `/`), in path order.
  func entries(under prefix: [UInt8]) -> Range<Int> {
    var upper = prefix
    upper[upper.count - 1] &+= 1
    let first = firstEntry(atOrAfter: prefix)
    return first..<firstEntry(atOrAfter: upper, from: first)
  }

  /// The entry at exactly `path`, if staged.
  func entry(at path: String) -> Entry? {
    let bytes = Array(path.utf8)
    let position = firstEntry(atOrAfter: bytes)
    guard position < entries.count, name(position).elementsEqual(bytes) else { return nil }
    return entries[position]
  }

  /// Reads big-endian integers, ids, NUL-terminated strings and varints, throwing past the end.
  struct Reader {
    let data: UnsafeRawBufferPointer
    var offset = 0

    init(data: UnsafeRawBufferPointer) { self.data = data }

    mutating func bytes(_ count: Int) -> UnsafeRawBufferPointer.SubSequence {
      let end = min(data.count, offset + count)
      defer { offset = end }
      return data[offset..<end]
    }

    mutating func skip(_ count: Int) throws(Unsupported) {
      guard offset + count <= data.count else { throw Unsupported(reason: "truncated index") }
      offset += count
    }

    mutating func uint32() throws(Unsupported) -> UInt32 {
      guard offset + 4 <= data.count else { throw Unsupported(reason: "truncated index") }
      defer { offset += 4 }
      return UInt32(bigEndian: data.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    mutating func uint16() throws(Unsupported) -> UInt16 {
      guard offset + 2 <= data.count else { throw Unsupported(reason: "truncated index") }
      defer { offset += 2 }
      return UInt16(bigEndian: data.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
    }

    mutating func oid() throws(Unsupported) -> OID {
      guard offset + 20 <= data.count else { throw Unsupported(reason: "truncated index") }
      defer { offset += 20 }
      return OID(pointer: data.baseAddress! + offset)
    }

    /// The bytes up to the next NUL (before `limit`), which is consumed.
    mutating func string(before limit: Int) throws(Unsupported)
      -> UnsafeRawBufferPointer.SubSequence
    {
      guard offset < limit, let base = data.baseAddress,
        let nul = memchr(base + offset, 0, limit - offset)
      else { throw Unsupported(reason: "unterminated path") }
      let end = UnsafeRawPointer(nul) - base
      defer { offset = end + 1 }
      return data[offset..<end]
    }

    /// A decimal number (`-1` allowed) ending at `terminator`, which is consumed.
    mutating func number(until terminator: UInt8) throws(Unsupported) -> Int {
      var value = 0
      var negative = false
      var digits = 0
      while offset < data.count, data[offset] != terminator {
        let byte = data[offset]
        if byte == UInt8(ascii: "-"), digits == 0, !negative {
          negative = true
        } else if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte), digits < 10 {
          value = value * 10 + Int(byte - UInt8(ascii: "0"))
          digits += 1
        } else {
          throw Unsupported(reason: "damaged cache-tree")
        }
        offset += 1
      }
      guard offset < data.count, digits > 0 else { throw Unsupported(reason: "damaged cache-tree") }
      offset += 1
      return negative ? -value : value
    }

    /// Git's offset varint (index v4): seven bits a byte, each continuation adding one.
    mutating func varint() throws(Unsupported) -> Int {
      guard offset < data.count else { throw Unsupported(reason: "truncated index") }
      var byte = data[offset]
      offset += 1
      var value = Int(byte & 0x7F)
      var steps = 0
      while byte & 0x80 != 0 {
        // A path is at most 64 KiB, so four continuation bytes (35 bits) are more than enough;
        // more would let the value overflow.
        guard offset < data.count, steps < 4 else {
          throw Unsupported(reason: "damaged path compression")
        }
        byte = data[offset]
        offset += 1
        value = ((value + 1) << 7) | Int(byte & 0x7F)
        steps += 1
      }
      return value
    }
  }
}
