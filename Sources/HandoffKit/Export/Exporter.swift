import Foundation

/// `handoff export`: the records of a commit (HEAD by default) and the commitment events of
/// its history as flat tables in a folder, one file per table, each written atomically.
public enum Exporter {
  public enum Format: String, CaseIterable, Sendable {
    case csv, jsonl
  }

  /// The files written, with their row counts (header aside).
  public struct Summary: Sendable {
    public var files: [(path: String, rows: Int)]
  }

  public static func run(
    in workspace: Workspace, revision: String = "HEAD", format: Format, out directory: String,
    useCache: Bool = true
  ) throws(HandoffError) -> Summary {
    var timer = PhaseTimer()
    let repository = workspace.repository
    try repository.requireHistory()
    let snapshot = try Snapshot.open(revision, in: repository)
    guard let tip = snapshot.commit else { throw HandoffError.noWorkTree }
    let (settings, settingsBytes) = try snapshot.loadSettings()
    let settingsID = (settingsBytes ?? []).withUnsafeBytes { OID.ofBlob($0) }
    var parts: [[[UInt8]]]
    let events: [CommitmentEvents.Event]
    do {
      let layout = AccountLayout.scan(
        try snapshot.accountItems(under: settings.accountsDirectory, useCache: useCache),
        accountsDirectory: settings.accountsDirectory)
      let cache = useCache ? ExportCache.open(repository: repository, format: format) : nil
      let keys = layout.accounts.map { folder in
        AccountChecker.key(of: folder, settingsID: settingsID).map {
          ExportCache.key(state: $0, account: folder.id)
        }
      }
      parts = zip(layout.accounts, keys).map { _, key in key.flatMap { cache?.value(for: $0) } ?? []
      }
      let missing = parts.indices.filter { parts[$0].isEmpty }
      timer.mark("export: \(layout.accounts.count - missing.count) accounts from the cache")
      if !missing.isEmpty {
        let folders = missing.map { layout.accounts[$0] }
        // Error counts as `validate --rev` has them (history rules aside), from its cache.
        let results = useCache ? ResultCache.open(repository: repository) : nil
        let context = AccountChecker.Context(
          settings: settings, settingsID: settingsID, cache: results)
        var errors: [String: Int] = [:]
        for finding in settings.applySeverities(layout.findings) where finding.severity == .error {
          if let account = finding.account { errors[account, default: 0] += 1 }
        }
        for checked in try AccountChecker.checkEach(folders, in: snapshot, context: context) {
          errors[checked.account, default: 0] += settings.applySeverities(checked.diagnostics).count
          { $0.severity == .error }
        }
        results?.save()
        let written = Parallel.map(folders, makeContext: { try? snapshot.makeReader(for: $0) }) {
          reader, folder in
          let record =
            reader.map { AccountRecord(folder, reader: $0) }
            ?? AccountRecord(id: folder.id, present: folder.presentKinds, roots: [:])
          return zip(
            ExportTables.recordTables,
            ExportTables.rows(of: record, errors: errors, settings: settings)
          ).map {
            table, rows in
            format == .csv
              ? ExportTables.csvRows(rows) : ExportTables.jsonlRows(rows, columns: table.columns)
          }
        }
        for (index, bytes) in zip(missing, written) {
          parts[index] = bytes
          if let key = keys[index] { cache?.store(bytes, for: key) }
        }
        timer.mark("export: \(missing.count) accounts read, checked and audited")
      }
      cache?.save()
      events = try CommitmentEvents.load(
        repository: repository, accountsDirectory: settings.accountsDirectory, head: tip,
        useCache: useCache)
      timer.mark("export: \(events.count) commitment events")
    } catch {
      throw HandoffError(error, during: "export")
    }
    var summary = Summary(files: [])
    let eventTable = ExportTables.events(events)
    for (index, table) in (ExportTables.recordTables + [eventTable]).enumerated() {
      let path = (directory as NSString).appendingPathComponent("\(table.name).\(format.rawValue)")
      // The record tables hold no rows here (each account's come written, from `parts`): their
      // bytes start with the header alone.
      var bytes = format == .csv ? ExportTables.csv(table) : ExportTables.jsonl(table)
      var rows = table.rows.count
      if index < ExportTables.recordTables.count {
        for part in parts {
          bytes += part[index]
          rows += Self.lineCount(part[index], format: format)
        }
      }
      do {
        // An earlier export a user may have edited is kept as FILE.bak when it differs.
        try SafeFile.write(bytes, to: path)
      } catch {
        throw HandoffError.couldNotWrite(path: error.path, reason: error.reason)
      }
      summary.files.append((path, rows))
    }
    timer.mark("export: written")
    return summary
  }

  /// Rows in serialised bytes: one per line end outside quotes (CSV fields may hold breaks).
  private static func lineCount(_ bytes: [UInt8], format: Format) -> Int {
    guard format == .csv else { return bytes.count { $0 == 0x0A } }
    var rows = 0
    var quoted = false
    for byte in bytes {
      if byte == 0x22 { quoted.toggle() } else if byte == 0x0A, !quoted { rows += 1 }
    }
    return rows
  }
}
