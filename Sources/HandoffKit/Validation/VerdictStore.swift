import Foundation

/// How many errors each account state had, remembered across runs: what lets the gate say how
/// many accounts outside a change have errors without judging them again.
///
/// Keyed like the result cache (the account's file ids and the settings), but holding one
/// count per key, sorted, so a run maps the file and looks keys up by binary search instead of
/// decoding findings: a 10,000-account repository costs a 240 KB read. Derived data in the git
/// directory (`handoff/verdicts-v1.bin`), rewritten whole and atomically, never needed for a
/// correct answer: a key it does not know is judged again.
final class VerdictStore: @unchecked Sendable {
  private static let magic = Array("handoff-verdicts-1\n".utf8)
  private static let entrySize = 24
  /// Beyond this many entries, only those of the latest run are kept.
  private static let entryLimit = 400_000

  private let file: URL
  private let data: Data?
  /// Where the sorted entries start in `data`, and how many there are.
  private let start: Int
  private let count: Int
  private var fresh: [OID: UInt32] = [:]
  private let lock = NSLock()

  private init(file: URL, data: Data?, start: Int, count: Int) {
    self.file = file
    self.data = data
    self.start = start
    self.count = count
  }

  /// Never fails: a missing, foreign or damaged file is an empty store.
  static func open(repository: Repository) -> VerdictStore {
    let file = URL(fileURLWithPath: repository.commonDirectory).appendingPathComponent(
      "handoff/verdicts-v1.bin")
    let header = magic.count + 20 + 4
    guard let data = try? Data(contentsOf: file, options: .alwaysMapped), data.count >= header
    else {
      return VerdictStore(file: file, data: nil, start: 0, count: 0)
    }
    let valid = data.withUnsafeBytes { bytes -> Int? in
      guard bytes.prefix(magic.count).elementsEqual(magic),
        bytes[magic.count..<magic.count + 20].elementsEqual(CacheFingerprint.current.bytes)
      else { return nil }
      let count = Int(
        UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: magic.count + 20, as: UInt32.self))
      )
      return data.count == header + count * entrySize ? count : nil
    }
    guard let valid else { return VerdictStore(file: file, data: nil, start: 0, count: 0) }
    return VerdictStore(file: file, data: data, start: header, count: valid)
  }

  /// The error count recorded for `key`, or nil when this state was never judged.
  func errors(for key: OID) -> Int? {
    lock.lock()
    let recent = fresh[key]
    lock.unlock()
    return recent.map(Int.init) ?? errors(stored: key)
  }

  func record(_ key: OID, errors: Int) {
    lock.lock()
    defer { lock.unlock() }
    fresh[key] = UInt32(clamping: errors)
  }

  /// Writes the store when this run learnt something. The stored entries are already sorted,
  /// so the few new ones are merged in as the bytes are copied (a pre-commit check learns one
  /// key; sorting 10,000 again would cost it milliseconds). Errors are ignored: the store is
  /// optional.
  func save() {
    lock.lock()
    defer { lock.unlock() }
    let learnt = fresh.filter { errors(stored: $0.key) != Int($0.value) }
    guard !learnt.isEmpty else { return }
    let added = learnt.map { (key: $0.key.bytes, errors: $0.value) }.sorted {
      $0.key.lexicographicallyPrecedes($1.key)
    }
    let keepStored = count + added.count <= Self.entryLimit
    var output = Self.magic + CacheFingerprint.current.bytes
    output.reserveCapacity(output.count + 4 + (count + added.count) * Self.entrySize)
    output += [0, 0, 0, 0]  // the count, set below
    var written = 0
    func append(_ key: [UInt8], _ errors: UInt32) {
      output += key
      withUnsafeBytes(of: errors.littleEndian) { output += $0 }
      written += 1
    }
    var next = 0
    if keepStored, let data {
      data.withUnsafeBytes { bytes in
        for index in 0..<count {
          let offset = start + index * Self.entrySize
          let stored = UnsafeRawBufferPointer(start: bytes.baseAddress! + offset, count: 20)
          while next < added.count, added[next].key.lexicographicallyPrecedes(stored) {
            append(added[next].key, added[next].errors)
            next += 1
          }
          // A stored key this run judged again is replaced by the new count.
          if next < added.count, added[next].key.elementsEqual(stored) { continue }
          output.append(
            contentsOf: UnsafeRawBufferPointer(
              start: bytes.baseAddress! + offset, count: Self.entrySize))
          written += 1
        }
      }
    }
    while next < added.count {
      append(added[next].key, added[next].errors)
      next += 1
    }
    withUnsafeBytes(of: UInt32(written).littleEndian) { count in
      for (offset, byte) in count.enumerated() { output[Self.magic.count + 20 + offset] = byte }
    }
    SafeFile.writeDerived(output, to: file)
  }

  /// What the file (not this run) says of `key`.
  private func errors(stored key: OID) -> Int? {
    guard let data else { return nil }
    let wanted = key.bytes
    return data.withUnsafeBytes { bytes -> Int? in
      wanted.withUnsafeBytes { key -> Int? in
        func order(_ index: Int) -> Int32 {
          memcmp(bytes.baseAddress! + start + index * Self.entrySize, key.baseAddress!, 20)
        }
        let found = partitionPoint(0..<count) { order($0) < 0 }
        guard found < count, order(found) == 0 else { return nil }
        let offset = start + found * Self.entrySize + 20
        return Int(
          UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
      }
    }
  }
}
