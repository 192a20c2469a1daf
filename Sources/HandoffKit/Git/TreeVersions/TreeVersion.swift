#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One version of a tree as the entries of a `TreeEntryTable`, with where each starts in the
/// tree's bytes: enough to compare it with another version entry by entry and to make the next
/// version from a pack delta without the tree's bytes.
struct TreeVersion {
  /// Where each entry starts in the tree's bytes, then the tree's size.
  var layout: RawTree.Layout = [0]
  /// The entries' numbers in the table, in the tree's order.
  var entries: [Int32] = []
  /// False when the bytes stopped being a tree part way (the rest is left out, as `RawTree`
  /// does); such a version is not a base for deltas, which need every byte.
  var isExact = true

  var size: Int { Int(layout[layout.count - 1]) }

  static let empty = TreeVersion()

  /// The version of a tree's whole bytes; nil only when the table is full. Entries that
  /// `hint` (another version, usually a close one) has at the same place are recognised by
  /// their bytes alone, without looking them up.
  init?(bytes: UnsafeRawBufferPointer, table: TreeEntryTable, hint: TreeVersion? = nil) {
    var pending = PendingEntries()
    pending.bytes = Array(bytes)
    _ = pending.parse(into: &self, table: table, hint: hint?.entries ?? [])
    guard !table.isFull else { return nil }
    if !pending.isEmpty { isExact = false }
  }

  private init() {}

  /// The version `delta` (Git's delta format) makes of `base`, or nil when the delta does not
  /// fit the base or what it makes is not a whole tree.
  ///
  /// A copy that starts at one of the base's entries and ends at another takes those entries'
  /// numbers as they are; everything else (inserted bytes, and copies that begin or end part way
  /// into an entry) is gathered and parsed into entries. A one-entry change reads the few
  /// dozen bytes around it, whatever the size of the tree.
  init?(applying delta: UnsafeRawBufferPointer, to base: TreeVersion, table: TreeEntryTable) {
    guard base.isExact else { return nil }
    var reader = DeltaReader(bytes: delta)
    guard let baseSize = reader.size(), baseSize == base.size, let resultSize = reader.size(),
      resultSize < Int(Int32.max)
    else { return nil }
    layout.reserveCapacity(base.layout.count + 16)
    entries.reserveCapacity(base.entries.count + 16)
    var pending = PendingEntries()
    var written = 0
    while let instruction = reader.next() {
      switch instruction {
      case .copy(let offset, let count):
        guard offset + count <= baseSize, written + count <= resultSize,
          copy(offset..<(offset + count), of: base, pending: &pending, table: table)
        else { return nil }
        written += count
      case .insert(let bytes):
        guard written + bytes.count <= resultSize else { return nil }
        pending.bytes.append(contentsOf: bytes)
        guard pending.parse(into: &self, table: table) else { return nil }
        written += bytes.count
      }
    }
    guard !reader.failed, written == resultSize, pending.isEmpty, size == resultSize else {
      return nil
    }
  }

  private mutating func copy(
    _ range: Range<Int>, of base: TreeVersion, pending: inout PendingEntries,
    table: TreeEntryTable
  ) -> Bool {
    var position = range.lowerBound
    while position < range.upperBound {
      // At an entry of both: take the base's whole entries up to the copy's end.
      if pending.isEmpty {
        let first = Self.firstIndex(in: base.layout, atLeast: position)
        if first < base.layout.count, Int(base.layout[first]) == position {
          let last = Self.firstIndex(in: base.layout, atLeast: range.upperBound + 1) - 1
          if last > first {
            let shift = layout[layout.count - 1] &- Int32(position)
            entries.append(contentsOf: base.entries[first..<last])
            let end = layout.count
            layout.append(contentsOf: base.layout[(first + 1)...last])
            layout.withUnsafeMutableBufferPointer { starts in
              for index in end..<starts.count { starts[index] &+= shift }
            }
            position = Int(base.layout[last])
            continue
          }
        }
      }
      // Otherwise the bytes up to the base's next entry, parsed with what came before.
      let entry = Self.firstIndex(in: base.layout, atLeast: position + 1) - 1
      guard entry >= 0, entry < base.entries.count else { return false }
      let end = min(Int(base.layout[entry + 1]), range.upperBound)
      let number = Int(base.entries[entry])
      let start = Int(table.starts[number]) + position - Int(base.layout[entry])
      table.bytes.withUnsafeBufferPointer {
        pending.bytes.append(contentsOf: $0[start..<(start + end - position)])
      }
      position = end
      guard pending.parse(into: &self, table: table) else { return false }
    }
    return true
  }

  /// The first index whose start is at least `offset` (`layout.count` when none is).
  private static func firstIndex(in layout: RawTree.Layout, atLeast offset: Int) -> Int {
    var low = 0
    var high = layout.count
    while low < high {
      let middle = (low + high) / 2
      if Int(layout[middle]) < offset { low = middle + 1 } else { high = middle }
    }
    return low
  }

  /// The folders that differ from `old` to `new` (as `RawTree.changes` finds them in the
  /// trees' bytes): entries shared at the start and the end are skipped number by number, the
  /// rest compared in Git's order.
  static func changes(from old: TreeVersion, to new: TreeVersion, table: TreeEntryTable)
    -> [RawTree.Change]
  {
    let shortest = min(old.entries.count, new.entries.count)
    let (prefix, suffix) = old.entries.withUnsafeBufferPointer { a in
      new.entries.withUnsafeBufferPointer { b -> (Int, Int) in
        // Whole blocks by memcmp, then one by one.
        var prefix = 0
        while prefix + 64 <= shortest,
          memcmp(a.baseAddress! + prefix, b.baseAddress! + prefix, 256) == 0
        { prefix += 64 }
        while prefix < shortest, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix + 64 <= shortest - prefix,
          memcmp(
            a.baseAddress! + a.count - suffix - 64, b.baseAddress! + b.count - suffix - 64, 256)
            == 0
        { suffix += 64 }
        while suffix < shortest - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] {
          suffix += 1
        }
        return (prefix, suffix)
      }
    }
    return table.withEntries { store in
      RawTree.lockstep(
        count: (old.entries.count - prefix - suffix, new.entries.count - prefix - suffix),
        left: { store.entry(Int(old.entries[prefix + $0]), in: table.starts) },
        right: { store.entry(Int(new.entries[prefix + $0]), in: table.starts) })
    }
  }
}

/// Bytes of a tree not yet parsed into entries, from an entry's start.
private struct PendingEntries {
  var bytes: [UInt8] = []
  var position = 0

  var isEmpty: Bool { position == bytes.count }

  /// Parses the whole entries gathered so far into `version`; false when the bytes are not an
  /// entry (or the table is full). A partial entry at the end waits for more bytes. Entries are
  /// first compared with `hint`'s at the same place (or one further, where an entry went).
  mutating func parse(
    into version: inout TreeVersion, table: TreeEntryTable, hint: [Int32] = []
  ) -> Bool {
    let total = bytes.count
    var guess = version.entries.count
    let outcome = bytes.withUnsafeBytes { all -> Bool in
      while position < total {
        let base = all.baseAddress!
        var space = position
        while space < total, space - position < 7,
          base.load(fromByteOffset: space, as: UInt8.self) != 0x20
        { space += 1 }
        if space == total { return true }
        guard space - position < 7 else { return false }
        guard let found = memchr(base + space + 1, 0, total - space - 1) else { return true }
        let end = UnsafeRawPointer(found) - base + 21
        if end > total { return true }
        let entry = UnsafeRawBufferPointer(rebasing: all[position..<end])
        var number: Int32?
        for candidate in guess..<max(guess, min(guess + 2, hint.count))
        where table.holds(hint[candidate], entry) {
          number = hint[candidate]
          guess = candidate + 1
          break
        }
        if number == nil { number = table.number(of: entry) }
        guard let number else { return false }
        version.entries.append(number)
        version.layout.append(version.layout[version.layout.count - 1] + Int32(end - position))
        position = end
      }
      return true
    }
    if position == total, total > 0 {
      bytes.removeAll(keepingCapacity: true)
      position = 0
    }
    return outcome
  }
}
