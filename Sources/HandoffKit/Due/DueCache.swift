import Foundation

/// Each account state's due candidates, remembered across runs by the same key as the
/// validate cache (the files' ids and the settings' id): with it, `due` reads and hashes the
/// files but parses none it has seen. Derived data in the git directory
/// (`handoff/due-v1.bin`), rewritten whole and atomically when something was added, discarded
/// when it is from another build or does not read back whole.
final class DueCache: @unchecked Sendable {
  private static let magic = Array("handoff-due-2\n".utf8)
  /// Beyond this many entries, only those of the latest run are kept.
  private static let entryLimit = 200_000

  private let file: URL
  private let lock = NSLock()
  private var entries: [OID: [DueCandidate]]
  private var fresh: [OID: [DueCandidate]] = [:]

  private init(file: URL, entries: [OID: [DueCandidate]]) {
    self.file = file
    self.entries = entries
  }

  /// Opens (or starts) the cache of `repository`; a bad cache is an empty one.
  static func open(repository: Repository) -> DueCache {
    let file = URL(fileURLWithPath: repository.commonDirectory).appendingPathComponent("handoff/due-v1.bin")
    let data = try? Data(contentsOf: file, options: .alwaysMapped)
    let entries = data.flatMap { data in data.withUnsafeBytes { decode($0) } } ?? [:]
    return DueCache(file: file, entries: entries)
  }

  /// The candidates stored for `key`, with `account` as their account.
  func candidates(for key: OID, account: String) -> [DueCandidate]? {
    lock.lock()
    let found = entries[key]
    lock.unlock()
    return found?.map { candidate in
      var copy = candidate
      copy.item.account = account
      return copy
    }
  }

  func store(_ candidates: [DueCandidate], for key: OID) {
    lock.lock()
    defer { lock.unlock() }
    entries[key] = candidates
    fresh[key] = candidates
  }

  /// Writes the cache when this run added to it; failures are ignored (it is optional).
  func save() {
    lock.lock()
    defer { lock.unlock() }
    guard !fresh.isEmpty else { return }
    if entries.count > Self.entryLimit { entries = fresh }
    var writer = ByteWriter()
    writer.bytes(Self.magic)
    writer.bytes(ResultCache.fingerprint.bytes)
    writer.integer(UInt32(entries.count))
    for (key, candidates) in entries {
      writer.bytes(key.bytes)
      writer.integer(UInt32(candidates.count))
      for candidate in candidates { Self.encode(candidate, into: &writer) }
    }
    SafeFile.writeDerived(writer.output, to: file)
    fresh = [:]
  }

  private static func encode(_ candidate: DueCandidate, into writer: inout ByteWriter) {
    let item = candidate.item
    writer.bytes([candidate.showing.rawValue, item.file.code])
    writer.string(item.kind.rawValue)
    writer.integer(UInt32(bitPattern: Int32(truncatingIfNeeded: item.due.dayNumber)))
    writer.optionalString(item.owner)
    writer.optionalString(item.subject)
    writer.string(item.title)
    writer.integer(UInt32(item.location?.line ?? 0))
    writer.integer(UInt32(item.location?.column ?? 0))
    writer.integer(UInt32(item.occurrence))
    for day in [candidate.heldOn, candidate.endedOn] {
      writer.bytes([day == nil ? 0 : 1])
      writer.integer(UInt32(bitPattern: Int32(truncatingIfNeeded: day?.dayNumber ?? 0)))
    }
  }

  private static func decode(_ bytes: UnsafeRawBufferPointer) -> [OID: [DueCandidate]]? {
    var reader = ByteReader(bytes)
    guard reader.matches(magic), reader.oid() == ResultCache.fingerprint, let count = reader.integer() else { return nil }
    var entries: [OID: [DueCandidate]] = [:]
    entries.reserveCapacity(Int(count))
    for _ in 0..<count {
      guard let key = reader.oid(), let size = reader.integer() else { return nil }
      var candidates: [DueCandidate] = []
      for _ in 0..<size {
        guard let showingByte = reader.byte(), let showing = DueCandidate.Showing(rawValue: showingByte),
          let fileCode = reader.byte(), let file = RecordFile(code: fileCode),
          let kind = reader.string().flatMap(DueItem.Kind.init(rawValue:)), let day = reader.integer(),
          let owner = reader.optionalString(), let subject = reader.optionalString(), let title = reader.string(),
          let line = reader.integer(), let column = reader.integer(), let occurrence = reader.integer()
        else { return nil }
        var days: [CalendarDate?] = []
        for _ in 0..<2 {
          guard let flag = reader.byte(), let number = reader.integer() else { return nil }
          days.append(flag == 1 ? CalendarDate(dayNumber: Int(Int32(bitPattern: number))) : nil)
        }
        var item = DueItem(
          account: "", owner: owner, kind: kind, due: CalendarDate(dayNumber: Int(Int32(bitPattern: day))),
          subject: subject, title: title, file: file,
          location: line == 0 ? nil : SourceLocation(line: Int(line), column: Int(column)))
        item.occurrence = Int(occurrence)
        candidates.append(DueCandidate(item: item, showing: showing, heldOn: days[0], endedOn: days[1]))
      }
      entries[key] = candidates
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
}
