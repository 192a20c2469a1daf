#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Every distinct tree entry (`<mode> <name>\0<id>`) one walk has read, stored once and
/// numbered: a version of a tree is then a list of entry numbers, and two versions are compared
/// number by number. The entries lie back to back, so the store itself reads as a tree
/// (`RawTree(bytes:)` with `starts` as its layout).
final class TreeEntryTable {
  private(set) var bytes: [UInt8] = []
  /// Where each entry starts, then where the last one ends.
  private(set) var starts: RawTree.Layout = [0]
  /// Open addressing: entry number + 1, or 0 for a free slot.
  private var slots = [Int32](repeating: 0, count: 1 << 12)

  var count: Int { starts.count - 1 }
  /// Set once an entry did not fit.
  private(set) var isFull = false

  /// The number of the entry with these bytes, added when new; nil when the store is full
  /// (2 GiB of distinct entries).
  func number(of entry: UnsafeRawBufferPointer) -> Int32? {
    let hash = Self.hash(entry)
    var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
    while slots[slot] != 0 {
      let candidate = Int(slots[slot] - 1)
      if repeats(Int32(candidate), in: entry, at: 0) == Int32(entry.count) {
        return Int32(candidate)
      }
      slot = (slot + 1) & (slots.count - 1)
    }
    guard bytes.count + entry.count < Int(Int32.max) else {
      isFull = true
      return nil
    }
    let number = count
    bytes.append(contentsOf: entry)
    starts.append(Int32(bytes.count))
    slots[slot] = Int32(number + 1)
    if count * 2 > slots.count { grow() }
    return Int32(number)
  }

  /// The store read as a tree (entry `k` at `starts[k]`), lent to `body`.
  func withEntries<Result>(_ body: (RawTree) -> Result) -> Result {
    bytes.withUnsafeBytes { body(RawTree(bytes: $0)) }
  }

  /// The size of entry `number` when `bytes` hold exactly it at `offset`; nil otherwise.
  func repeats(_ number: Int32, in bytes: UnsafeRawBufferPointer, at offset: Int) -> Int32? {
    self.bytes.withUnsafeBytes { Self.repeats(number, $0, starts, in: bytes, at: offset) }
  }

  /// Whether `bytes` hold the entries of `run` one after another from `offset`. Entries
  /// numbered one after another lie one after another in the store (a tree's entries are
  /// numbered in its order when first read), so each such stretch is compared in one piece.
  func repeats(_ run: EntryRun, in bytes: UnsafeRawBufferPointer, at offset: Int) -> Bool {
    guard offset + Int(run.size) <= bytes.count else { return false }
    return self.bytes.withUnsafeBytes { store in
      let entries = run.entries
      var position = offset
      var first = 0
      while first < entries.count {
        var last = first
        while last + 1 < entries.count, entries[last + 1] == entries[last] &+ 1 { last += 1 }
        let start = Int(starts[Int(entries[first])])
        let size = Int(starts[Int(entries[last]) + 1]) - start
        guard memcmp(store.baseAddress! + start, bytes.baseAddress! + position, size) == 0 else {
          return false
        }
        position += size
        first = last + 1
      }
      return true
    }
  }

  private static func repeats(
    _ number: Int32, _ store: UnsafeRawBufferPointer, _ starts: RawTree.Layout,
    in bytes: UnsafeRawBufferPointer, at offset: Int
  ) -> Int32? {
    let start = Int(starts[Int(number)])
    let size = Int(starts[Int(number) + 1]) - start
    guard offset + size <= bytes.count,
      memcmp(store.baseAddress! + start, bytes.baseAddress! + offset, size) == 0
    else { return nil }
    return Int32(size)
  }

  /// The id's bytes are already a hash; the first bytes (mode and name) tell apart entries that
  /// share an id.
  private static func hash(_ entry: UnsafeRawBufferPointer) -> UInt64 {
    let count = entry.count
    guard count >= 28, let base = entry.baseAddress else {
      var value: UInt64 = 14_695_981_039_346_656_037
      for byte in entry { value = (value ^ UInt64(byte)) &* 1_099_511_628_211 }
      return value
    }
    let id = base.loadUnaligned(fromByteOffset: count - 20, as: UInt64.self)
    let start = base.loadUnaligned(as: UInt64.self)
    let tail = base.loadUnaligned(fromByteOffset: count - 28, as: UInt64.self)
    return
      (id ^ (start &* 0x9e37_79b9_7f4a_7c15) ^ (tail &* 0xc2b2_ae3d_27d4_eb4f)
      ^ UInt64(count)) &* 0xff51_afd7_ed55_8ccd
  }

  private func grow() {
    var larger = [Int32](repeating: 0, count: slots.count * 2)
    bytes.withUnsafeBytes { all in
      for number in 0..<count {
        let start = Int(starts[number])
        let entry = UnsafeRawBufferPointer(rebasing: all[start..<Int(starts[number + 1])])
        var slot = Int(truncatingIfNeeded: Self.hash(entry)) & (larger.count - 1)
        while larger[slot] != 0 { slot = (slot + 1) & (larger.count - 1) }
        larger[slot] = Int32(number + 1)
      }
    }
    slots = larger
  }
}
