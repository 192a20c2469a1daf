#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A tree object's raw bytes, read entry by entry without libgit2 building an entry object
/// (and a heap allocation) for each: walking 80,000 versions of a 10,000-entry accounts tree
/// spent most of its time in exactly that.
///
/// The format is Git's: for each entry, `<octal mode> <name>\0<20-byte id>`, sorted by name
/// with folders compared as if their name ended in `/`.
struct RawTree {
  struct Entry {
    var name: UnsafeRawBufferPointer
    var id: UnsafeRawPointer
    var isTree: Bool

    var nameString: String { String(decoding: name, as: UTF8.self) }
    var oid: OID { OID(pointer: id) }
    /// The octal file mode (`100644`, `40000`, …): the digits from the entry's start to the
    /// space before the name.
    var mode: UInt32 {
      var value: UInt32 = 0
      var digit = modeStart
      while digit < name.baseAddress! - 1 {
        value = value &* 8 &+ UInt32(digit.load(as: UInt8.self) &- UInt8(ascii: "0"))
        digit += 1
      }
      return value
    }
    /// Where the entry (its mode) starts.
    var modeStart: UnsafeRawPointer

    /// The id when the entry is a folder, nil for anything else.
    var folderID: OID? { isTree ? oid : nil }
  }

  /// Where each entry starts, then where the last one ends: entry `k` is
  /// `starts[k]..<starts[k + 1]`. Parsing stops at the first malformed entry.
  typealias Layout = [Int32]

  typealias Change = (name: String, old: OID?, new: OID?)

  let bytes: UnsafeRawBufferPointer

  /// The layout of the whole tree.
  func layout() -> Layout {
    var starts: Layout = [0]
    _ = parse(from: 0, until: bytes.count, into: &starts)
    return starts
  }

  /// Every entry as a listing, or nil when the bytes do not parse to their end (a tree that is
  /// libgit2's to refuse, in its words).
  func listing() -> TreeListing? {
    let layout = layout()
    guard layout[layout.count - 1] == bytes.count else { return nil }
    return (0..<(layout.count - 1)).map {
      let entry = entry($0, in: layout)
      return (entry.nameString, entry.oid, TreeItem.Kind(gitMode: entry.mode), entry.mode)
    }
  }

  /// Parses entries from `start` (an entry boundary) while they begin before `end`, appending
  /// where each one ends; returns the offset reached.
  private func parse(from start: Int, until end: Int, into starts: inout Layout) -> Int {
    var offset = start
    while offset < end, case .end(let next) = Self.entryEnd(in: bytes, from: offset) {
      offset = next
      starts.append(Int32(offset))
    }
    return offset
  }

  /// What the bytes from `offset` hold: an entry (and where it ends), the start of one cut off
  /// by the end of the bytes, or something that is no entry.
  enum EntryEnd {
    case end(Int)
    case cutOff
    case malformed
  }

  /// Reads one entry from `offset`: a mode of at most six characters, a space, a name up to the
  /// first NUL, and 20 bytes of id. Every reader of tree bytes finds entries by this one rule.
  static func entryEnd(in bytes: UnsafeRawBufferPointer, from offset: Int) -> EntryEnd {
    guard let base = bytes.baseAddress else { return .cutOff }
    let count = bytes.count
    var space = offset
    while space < count, space - offset < 7,
      base.load(fromByteOffset: space, as: UInt8.self) != 0x20
    { space += 1 }
    if space == count { return .cutOff }
    guard space - offset < 7 else { return .malformed }
    guard let nul = memchr(base + space + 1, 0, count - space - 1) else { return .cutOff }
    let end = UnsafeRawPointer(nul) - base + 21
    return end <= count ? .end(end) : .cutOff
  }

  func entry(_ index: Int, in layout: Layout) -> Entry {
    let start = Int(layout[index])
    let end = Int(layout[index + 1])
    let base = bytes.baseAddress!
    var space = start
    while base.load(fromByteOffset: space, as: UInt8.self) != 0x20 { space += 1 }
    // Folders have mode 40000: five digits, starting with 4.
    let isTree =
      space - start == 5 && base.load(fromByteOffset: start, as: UInt8.self) == UInt8(ascii: "4")
    return Entry(
      name: UnsafeRawBufferPointer(start: base + space + 1, count: end - 21 - space - 1),
      id: base + end - 20, isTree: isTree, modeStart: base + start)
  }

  /// Git's tree order: byte order of names, a folder's name followed by `/`.
  static func order(_ a: Entry, _ b: Entry) -> Int {
    if a.name.count == b.name.count, a.isTree == b.isTree,
      a.name.count == 0 || memcmp(a.name.baseAddress!, b.name.baseAddress!, a.name.count) == 0
    {
      return 0
    }
    let count = min(a.name.count, b.name.count)
    for index in 0..<count where a.name[index] != b.name[index] {
      return a.name[index] < b.name[index] ? -1 : 1
    }
    let nextA: UInt8 = a.name.count > count ? a.name[count] : (a.isTree ? UInt8(ascii: "/") : 0)
    let nextB: UInt8 = b.name.count > count ? b.name[count] : (b.isTree ? UInt8(ascii: "/") : 0)
    return nextA == nextB ? 0 : (nextA < nextB ? -1 : 1)
  }

  /// The folders that differ between two trees, walked in lockstep in Git's order; any other
  /// entry counts as no folder.
  static func changes(from left: RawTree, to right: RawTree) -> [Change] {
    let leftLayout = left.layout()
    let rightLayout = right.layout()
    return lockstep(
      count: (leftLayout.count - 1, rightLayout.count - 1),
      left: { left.entry($0, in: leftLayout) }, right: { right.entry($0, in: rightLayout) })
  }

  /// The folders that differ between two sorted lists of `count` entries each, read by
  /// position.
  static func lockstep(
    count: (left: Int, right: Int), left: (Int) -> Entry, right: (Int) -> Entry
  ) -> [Change] {
    var changes: [Change] = []
    var i = 0
    var j = 0
    while i < count.left || j < count.right {
      let a = i < count.left ? left(i) : nil
      let b = j < count.right ? right(j) : nil
      let order = a != nil && b != nil ? RawTree.order(a!, b!) : (a != nil ? -1 : 1)
      // Only folders are followed: a file, link or submodule in their place reads as absent.
      if order == 0 {
        if memcmp(a!.id, b!.id, 20) != 0 || a!.isTree != b!.isTree, a!.isTree || b!.isTree {
          changes.append((a!.nameString, a!.folderID, b!.folderID))
        }
        i += 1
        j += 1
      } else if order < 0 {
        if a!.isTree { changes.append((a!.nameString, a!.oid, nil)) }
        i += 1
      } else {
        if b!.isTree { changes.append((b!.nameString, nil, b!.oid)) }
        j += 1
      }
    }
    return changes
  }
}
