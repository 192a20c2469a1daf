import Foundation

/// Each account's rows of the five record tables, already written in one format, remembered by
/// the account's state (its files' ids, the settings' id and its folder name): an account seen
/// before is neither read nor parsed nor audited again. Derived data in the git directory
/// (`handoff/export-csv-v1.bin`, `export-jsonl-v1.bin`), rewritten whole and atomically with
/// the entries of the latest run only, discarded when it is from another build.
final class ExportCache: @unchecked Sendable {
  private let file: URL
  private var entries: [OID: [[UInt8]]]
  private var used: [OID: [[UInt8]]] = [:]
  private var added = false
  private let lock = NSLock()

  private init(file: URL, entries: [OID: [[UInt8]]]) {
    self.file = file
    self.entries = entries
  }

  static func open(repository: Repository, format: Exporter.Format) -> ExportCache {
    let file = URL(fileURLWithPath: repository.commonDirectory)
      .appendingPathComponent("handoff/export-\(format.rawValue)-v1.bin")
    let data = try? Data(contentsOf: file, options: .alwaysMapped)
    return ExportCache(file: file, entries: data.flatMap { data in data.withUnsafeBytes { decode($0) } } ?? [:])
  }

  /// The key of one account's rows: its state's key and its folder name.
  static func key(state: OID, account: String) -> OID {
    (state.bytes + Array(account.utf8)).withUnsafeBytes { OID.ofBlob($0) }
  }

  func rows(for key: OID) -> [[UInt8]]? {
    lock.lock()
    defer { lock.unlock() }
    guard let found = entries[key] else { return nil }
    used[key] = found
    return found
  }

  func store(_ rows: [[UInt8]], for key: OID) {
    lock.lock()
    defer { lock.unlock() }
    entries[key] = rows
    used[key] = rows
    added = true
  }

  /// Keeps this run's entries when anything was added or left unused.
  func save() {
    lock.lock()
    defer { lock.unlock() }
    guard added || used.count != entries.count else { return }
    var writer = ByteWriter()
    writer.bytes(Self.magic)
    writer.bytes(ResultCache.fingerprint.bytes)
    writer.integer(UInt32(used.count))
    for (key, tables) in used {
      writer.bytes(key.bytes)
      writer.integer(UInt32(tables.count))
      for bytes in tables {
        writer.integer(UInt32(bytes.count))
        writer.bytes(bytes)
      }
    }
    SafeFile.writeDerived(writer.output, to: file)
  }

  private static let magic = Array("handoff-export-1\n".utf8)

  private static func decode(_ bytes: UnsafeRawBufferPointer) -> [OID: [[UInt8]]]? {
    var reader = ByteReader(bytes)
    guard reader.matches(magic), reader.oid() == ResultCache.fingerprint, let count = reader.integer() else { return nil }
    var entries: [OID: [[UInt8]]] = [:]
    entries.reserveCapacity(Int(count))
    for _ in 0..<count {
      guard let key = reader.oid(), let tables = reader.integer() else { return nil }
      var list: [[UInt8]] = []
      for _ in 0..<tables {
        guard let size = reader.integer(), let slice = reader.slice(Int(size)) else { return nil }
        list.append(Array(slice))
      }
      entries[key] = list
    }
    return reader.isAtEnd ? entries : nil
  }
}
