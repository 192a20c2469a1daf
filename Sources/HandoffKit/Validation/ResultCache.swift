import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Findings of accounts, remembered across runs by a key over the account's file ids and the
/// settings.
///
/// An account's findings (schema and domain rules alike, but not history rules) depend only on
/// its files' bytes and the settings, so an account seen once never needs parsing again: that is
/// what makes re-validating a 60,000-file tree, or the index before a
/// commit, fast. The cache is derived data in the git directory and never needed for a correct
/// answer: `handoff/validate-v1.bin` is rewritten whole, atomically (temporary file, then
/// rename); a run that adds only a few entries appends them to `validate-v1.log` in a single
/// `write` instead, each batch checksummed, so two racing runs cannot corrupt it and a torn
/// batch is simply ignored. Anything that does not carry this build's fingerprint is discarded.
final class ResultCache: FindingsCache, @unchecked Sendable {
  struct Key: Hashable {
    /// Reserved for entries of other kinds; accounts use 0.
    var kind: UInt8
    var id: OID
  }

  private static let magic = Array("handoff-cache-1\n".utf8)

  /// Beyond this many entries, only those stored by the latest run are kept.
  private static let entryLimit = 400_000

  private let file: URL
  private var journal: URL { file.deletingPathExtension().appendingPathExtension("log") }
  /// Batches of fewer new entries than this are appended to the journal.
  private static let journalBatchLimit = 2_000
  /// A journal larger than this is folded into the main file on the next save.
  private static let journalSizeLimit = 4 << 20
  private var journalSize = 0
  private let lock = NSLock()
  private var entries: [Key: [FileFinding]]
  /// Entries stored by this run, kept when the cache outgrows its limit.
  private var fresh: [Key: [FileFinding]] = [:]
  private var dirty = false
  /// The main file or the journal did not read back whole: the next save rewrites both, so a
  /// damaged journal is not appended to (and replayed past) for ever.
  private var damaged = false

  private init(file: URL, entries: [Key: [FileFinding]]) {
    self.file = file
    self.entries = entries
  }

  /// Opens (or starts) the cache of `repository`; never fails: a bad cache is an empty one.
  static func open(repository: Repository) -> ResultCache {
    let file = URL(fileURLWithPath: repository.commonDirectory)
      .appendingPathComponent("handoff/validate-v1.bin")
    let data = try? Data(contentsOf: file, options: .alwaysMapped)
    let decoded = data.flatMap { data in data.withUnsafeBytes { decode($0) } }
    var entries = decoded ?? [:]
    let cache = ResultCache(file: file, entries: [:])
    cache.damaged = data != nil && decoded == nil
    if let journal = try? Data(contentsOf: cache.journal) {
      cache.journalSize = journal.count
      let intact = journal.withUnsafeBytes { replayJournal($0, into: &entries) }
      cache.damaged = cache.damaged || !intact
    }
    cache.entries = entries
    return cache
  }

  func findings(for id: OID) -> [FileFinding]? {
    let key = Key(kind: 0, id: id)
    lock.lock()
    defer { lock.unlock() }
    return entries[key]
  }

  func store(_ findings: [FileFinding], for id: OID) {
    let key = Key(kind: 0, id: id)
    lock.lock()
    defer { lock.unlock() }
    entries[key] = findings
    fresh[key] = findings
    dirty = true
  }

  /// Writes the cache if this run added to it. Errors are ignored: the cache is optional.
  func save() {
    lock.lock()
    defer { lock.unlock() }
    guard dirty || damaged else { return }
    if !damaged, fresh.count < Self.journalBatchLimit, journalSize < Self.journalSizeLimit,
      appendToJournal()
    {
      return
    }
    if entries.count > Self.entryLimit {
      entries = fresh
    }
    let data = Data(Self.encode(entries))
    let folder = file.deletingLastPathComponent()
    let temporary = folder.appendingPathComponent(
      ".validate-\(ProcessInfo.processInfo.processIdentifier)-"
        + "\(UInt32.random(in: 0...UInt32.max)).tmp")
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try data.write(to: temporary)
      guard rename(temporary.path, file.path) == 0 else {
        try? FileManager.default.removeItem(at: temporary)
        return
      }
      // The main file now holds everything the journal did (entries a racing run appended
      // in between are lost, which costs only a re-parse).
      try? FileManager.default.removeItem(at: journal)
      dirty = false
      damaged = false
    } catch {
      try? FileManager.default.removeItem(at: temporary)
    }
  }

  /// Appends this run's new entries as one checksummed batch, in a single `write`.
  private func appendToJournal() -> Bool {
    let payload = Self.encodeEntries(fresh)
    var batch = ByteWriter()
    batch.bytes(Self.journalMagic)
    batch.bytes(CacheFingerprint.current.bytes)
    batch.integer(UInt32(payload.count))
    batch.bytes(payload)
    batch.integer(Self.checksum(payload))
    let folder = file.deletingLastPathComponent()
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let descriptor = SystemCall.open(journal.path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    let written = batch.output.withUnsafeBytes {
      SystemCall.write(descriptor, $0.baseAddress, $0.count)
    }
    guard written == batch.output.count else { return false }
    dirty = false
    return true
  }

  private static let journalMagic = Array("HJ1\n".utf8)

  /// Adds every intact batch of this build to `entries`; stops at the first torn one. Returns
  /// whether the whole journal was intact and of this build.
  private static func replayJournal(
    _ bytes: UnsafeRawBufferPointer, into entries: inout [Key: [FileFinding]]
  ) -> Bool {
    var reader = ByteReader(bytes)
    var current = true
    while !reader.isAtEnd {
      guard reader.matches(journalMagic), let id = reader.oid(), let length = reader.integer(),
        let payload = reader.slice(Int(length)), let sum = reader.integer(),
        sum == checksum(payload)
      else { return false }
      guard id == CacheFingerprint.current else {
        current = false
        continue
      }
      var inner = ByteReader(payload)
      guard let batch = decodeEntries(&inner) else { return false }
      entries.merge(batch) { $1 }
    }
    return current
  }

  /// FNV-1a, enough to tell a torn or interleaved batch from an intact one.
  private static func checksum<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt32 {
    bytes.reduce(2_166_136_261 as UInt32) { ($0 ^ UInt32($1)) &* 16_777_619 }
  }

  // MARK: - Format

  private static func encode(_ entries: [Key: [FileFinding]]) -> [UInt8] {
    var writer = ByteWriter()
    writer.bytes(magic)
    writer.bytes(CacheFingerprint.current.bytes)
    writer.bytes(encodeEntries(entries))
    return writer.output
  }

  private static func encodeEntries(_ entries: [Key: [FileFinding]]) -> [UInt8] {
    var writer = ByteWriter()
    writer.integer(UInt32(entries.count))
    for (key, findings) in entries {
      writer.bytes([key.kind])
      writer.bytes(key.id.bytes)
      writer.integer(UInt32(findings.count))
      for finding in findings {
        writer.string(finding.ruleID.rawValue)
        writer.string(finding.message)
        writer.string(finding.file ?? "\u{0}")
        writer.integer(UInt32(finding.location?.line ?? 0))
        writer.integer(UInt32(finding.location?.column ?? 0))
        writer.string(finding.instancePath ?? "\u{0}")
      }
    }
    return writer.output
  }

  private static func decode(_ bytes: UnsafeRawBufferPointer) -> [Key: [FileFinding]]? {
    var reader = ByteReader(bytes)
    guard reader.matches(magic), reader.matches(CacheFingerprint.current.bytes),
      let entries = decodeEntries(&reader), reader.isAtEnd
    else { return nil }
    return entries
  }

  private static func decodeEntries(_ reader: inout ByteReader) -> [Key: [FileFinding]]? {
    guard let count = reader.integer() else { return nil }
    var entries: [Key: [FileFinding]] = [:]
    entries.reserveCapacity(Int(min(count, 1_000_000)))
    for _ in 0..<count {
      guard let kind = reader.byte(), let id = reader.oid(), let findingCount = reader.integer()
      else { return nil }
      var findings: [FileFinding] = []
      for _ in 0..<findingCount {
        guard let rule = reader.string(), let message = reader.string(), let file = reader.string(),
          let line = reader.integer(), let column = reader.integer(),
          let instancePath = reader.string()
        else { return nil }
        findings.append(
          FileFinding(
            ruleID: RuleID(rule), message: message, file: file == "\u{0}" ? nil : file,
            location: line == 0 ? nil : SourceLocation(line: Int(line), column: Int(column)),
            instancePath: instancePath == "\u{0}" ? nil : instancePath))
      }
      entries[Key(kind: kind, id: id)] = findings
    }
    return entries
  }
}
