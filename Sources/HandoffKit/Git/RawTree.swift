#if canImport(Glibc)
  import Glibc
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
  }

  let bytes: UnsafeRawBufferPointer

  /// Every entry, in order; stops at the first malformed one.
  func entries() -> [Entry] {
    var result: [Entry] = []
    guard let base = bytes.baseAddress else { return result }
    func find(_ byte: UInt8, from start: Int) -> Int? {
      memchr(base + start, Int32(byte), bytes.count - start).map { $0 - UnsafeMutableRawPointer(mutating: base) }
    }
    var offset = 0
    while offset < bytes.count {
      guard let space = find(UInt8(ascii: " "), from: offset), let nul = find(0, from: space),
        nul + 21 <= bytes.count
      else { break }
      // Folders have mode 40000: five digits, starting with 4.
      let isTree = space - offset == 5 && bytes[offset] == UInt8(ascii: "4")
      result.append(
        Entry(
          name: UnsafeRawBufferPointer(rebasing: bytes[(space + 1)..<nul]),
          id: bytes.baseAddress! + nul + 1, isTree: isTree))
      offset = nul + 21
    }
    return result
  }

  /// Git's tree order: byte order of names, a folder's name followed by `/`.
  static func order(_ a: Entry, _ b: Entry) -> Int {
    let count = min(a.name.count, b.name.count)
    for index in 0..<count where a.name[index] != b.name[index] {
      return a.name[index] < b.name[index] ? -1 : 1
    }
    let nextA: UInt8 = a.name.count > count ? a.name[count] : (a.isTree ? UInt8(ascii: "/") : 0)
    let nextB: UInt8 = b.name.count > count ? b.name[count] : (b.isTree ? UInt8(ascii: "/") : 0)
    return nextA == nextB ? 0 : (nextA < nextB ? -1 : 1)
  }

  /// The entries that differ between two trees, walked in lockstep in Git's order.
  static func changes(from left: RawTree, to right: RawTree) -> [(name: String, old: OID?, new: OID?)] {
    let left = left.entries()
    let right = right.entries()
    var changes: [(name: String, old: OID?, new: OID?)] = []
    var i = 0
    var j = 0
    while i < left.count || j < right.count {
      let order = i < left.count && j < right.count ? RawTree.order(left[i], right[j]) : (i < left.count ? -1 : 1)
      if order == 0 {
        if memcmp(left[i].id, right[j].id, 20) != 0 {
          changes.append((left[i].nameString, left[i].oid, right[j].oid))
        }
        i += 1
        j += 1
      } else if order < 0 {
        changes.append((left[i].nameString, left[i].oid, nil))
        i += 1
      } else {
        changes.append((right[j].nameString, nil, right[j].oid))
        j += 1
      }
    }
    return changes
  }
}
