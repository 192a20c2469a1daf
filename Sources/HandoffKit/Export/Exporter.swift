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
    repositoryPath: String, revision: String = "HEAD", format: Format, out directory: String, useCache: Bool = true
  ) throws(ValidationFailure) -> Summary {
    let repository = try Repository.open(forCommandAt: repositoryPath)
    try repository.requireHistory()
    let snapshot = try Snapshot.open(revision, in: repository)
    let (settings, settingsBytes) = try snapshot.loadSettings()
    let settingsID = (settingsBytes ?? []).withUnsafeBytes { OID.ofBlob($0) }
    let records = try snapshot.records(settings: settings, during: "export")
    let tables: [ExportTable]
    do {
      let layout = AccountLayout.scan(
        try snapshot.items(under: settings.accountsDirectory), accountsDirectory: settings.accountsDirectory)
      // Error counts as `validate --rev` has them (history rules aside), from its cache.
      let cache = useCache ? ResultCache.open(repository: repository) : nil
      let context = AccountChecker.Context(settings: settings, settingsID: settingsID, cache: cache)
      var errors: [String: Int] = [:]
      for finding in settings.applySeverities(layout.findings) where finding.severity == .error {
        if let account = finding.account { errors[account, default: 0] += 1 }
      }
      for checked in AccountChecker.checkEach(layout.accounts, in: snapshot, context: context) {
        errors[checked.account, default: 0] += settings.applySeverities(checked.diagnostics).count { $0.severity == .error }
      }
      cache?.save()
      guard let tip = snapshot.commit else { throw ValidationFailure.noWorkTree }
      let events = try CommitmentEvents.load(
        repository: repository, accountsDirectory: settings.accountsDirectory, head: tip, useCache: useCache)
      tables = ExportTables.build(records, errors: errors, settings: settings) + [ExportTables.events(events)]
    } catch let failure as ValidationFailure {
      throw failure
    } catch {
      throw ValidationFailure(error, during: "export")
    }
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw ValidationFailure.usage("cannot create \(directory): \(error.localizedDescription)")
    }
    var summary = Summary(files: [])
    for table in tables {
      let path = (directory as NSString).appendingPathComponent("\(table.name).\(format.rawValue)")
      let bytes = format == .csv ? ExportTables.csv(table) : ExportTables.jsonl(table)
      do {
        try SafeFile.write(bytes, to: path, keepBackup: false)
      } catch {
        throw ValidationFailure.usage(error.description)
      }
      summary.files.append((path, table.rows.count))
    }
    return summary
  }
}
