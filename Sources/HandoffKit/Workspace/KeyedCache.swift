import Foundation

/// Values remembered across runs under the id of what they were computed from (an account's
/// files, the settings, and whatever else went in): derived data in the git directory, rewritten
/// whole and atomically when a run added to it, discarded when it is from another build or does
/// not read back whole. The caches of `due`, `report` and `export` are three of these.
final class KeyedCache<Value: Sendable>: @unchecked Sendable {
  /// How one kind of value is written and read back.
  struct Codec: Sendable {
    /// The file's first bytes: a new layout takes a new magic.
    var magic: [UInt8]
    var encode: @Sendable (Value, inout ByteWriter) -> Void
    var decode: @Sendable (inout ByteReader) -> Value?
  }

  /// Beyond this many entries, only those of the latest run are kept.
  private static var entryLimit: Int { 200_000 }

  private let file: URL
  private let codec: Codec
  private let keepOnlyUsed: Bool
  private let lock = NSLock()
  private var entries: [OID: Value]
  /// What this run read or stored, and whether it stored anything.
  private var used: [OID: Value] = [:]
  private var added = false

  private init(file: URL, codec: Codec, keepOnlyUsed: Bool, entries: [OID: Value]) {
    self.file = file
    self.codec = codec
    self.keepOnlyUsed = keepOnlyUsed
    self.entries = entries
  }

  /// Opens (or starts) the cache `handoff/NAME` of `repository`; a bad file is an empty cache.
  /// With `keepOnlyUsed`, saving keeps only what this run read or stored (values that are large
  /// and only ever wanted for the latest state).
  static func open(_ name: String, repository: Repository, codec: Codec, keepOnlyUsed: Bool = false)
    -> KeyedCache
  {
    let file = URL(fileURLWithPath: repository.commonDirectory).appendingPathComponent(
      "handoff/" + name)
    let data = try? Data(contentsOf: file, options: .alwaysMapped)
    let entries = data.flatMap { data in data.withUnsafeBytes { decode($0, codec) } } ?? [:]
    return KeyedCache(file: file, codec: codec, keepOnlyUsed: keepOnlyUsed, entries: entries)
  }

  /// Whether nothing is cached: a first run, or a cache file that did not read.
  var isEmpty: Bool {
    lock.lock()
    defer { lock.unlock() }
    return entries.isEmpty
  }

  func value(for key: OID) -> Value? {
    lock.lock()
    defer { lock.unlock() }
    guard let found = entries[key] else { return nil }
    used[key] = found
    return found
  }

  func store(_ value: Value, for key: OID) {
    lock.lock()
    defer { lock.unlock() }
    entries[key] = value
    used[key] = value
    added = true
  }

  /// Writes the cache when this run added to it (or, keeping only what was used, left some of it
  /// unused); failures are ignored (it is optional).
  func save() {
    lock.lock()
    defer { lock.unlock() }
    guard added || (keepOnlyUsed && used.count != entries.count) else { return }
    let kept = keepOnlyUsed || entries.count > Self.entryLimit ? used : entries
    var writer = ByteWriter()
    writer.bytes(codec.magic)
    writer.bytes(CacheFingerprint.current.bytes)
    writer.integer(UInt32(kept.count))
    for (key, value) in kept {
      writer.bytes(key.bytes)
      codec.encode(value, &writer)
    }
    SafeFile.writeDerived(writer.output, to: file)
    added = false
  }

  private static func decode(_ bytes: UnsafeRawBufferPointer, _ codec: Codec) -> [OID: Value]? {
    var reader = ByteReader(bytes)
    guard reader.matches(codec.magic), reader.oid() == CacheFingerprint.current,
      let count = reader.integer()
    else {
      return nil
    }
    var entries: [OID: Value] = [:]
    entries.reserveCapacity(Int(count))
    for _ in 0..<count {
      guard let key = reader.oid(), let value = codec.decode(&reader) else { return nil }
      entries[key] = value
    }
    return reader.isAtEnd ? entries : nil
  }
}

extension ByteWriter {
  mutating func optionalString(_ text: String?) {
    if let text {
      bytes([1])
      string(text)
    } else {
      bytes([0])
    }
  }

  /// A signed number in four bytes (days, small counts); nil as a flag byte of 0.
  mutating func optionalInt(_ value: Int?) {
    bytes([value == nil ? 0 : 1])
    integer(UInt32(bitPattern: Int32(truncatingIfNeeded: value ?? 0)))
  }

  mutating func int64(_ value: Int64) {
    integer(UInt32(truncatingIfNeeded: value >> 32))
    integer(UInt32(truncatingIfNeeded: value))
  }
}

extension ByteReader {
  /// `.some(nil)` for an absent value, nil when the bytes do not read.
  mutating func optionalString() -> String?? {
    switch byte() {
    case 0?: return .some(nil)
    case 1?: return string().map { .some($0) }
    default: return nil
    }
  }

  mutating func optionalInt() -> Int?? {
    guard let flag = byte(), flag <= 1, let value = integer() else { return nil }
    return flag == 1 ? .some(Int(Int32(bitPattern: value))) : .some(nil)
  }

  mutating func int64() -> Int64? {
    guard let high = integer(), let low = integer() else { return nil }
    return Int64(high) << 32 | Int64(low)
  }
}
