/// Checks many accounts on every core: each account's files on their own (YAML, schema), then
/// the domain rules across them, consulting the result cache first.
enum AccountChecker {
  /// What every account check shares.
  struct Context: @unchecked Sendable {
    var settings: Settings
    /// Identifies the settings in cache keys: findings depend on the threshold and on rules
    /// that are off.
    var settingsID: OID
    var cache: (any FindingsCache)?
  }

  static func check(_ accounts: [AccountFolder], in snapshot: Snapshot, context: Context)
    throws(HandoffError) -> [Diagnostic]
  {
    try checkEach(accounts, in: snapshot, context: context).flatMap(\.diagnostics)
  }

  /// One account's findings and the key its state has.
  struct Checked: Sendable {
    var account: String
    var key: OID?
    var diagnostics: [Diagnostic]
  }

  /// Each account's findings, in input order. A record file that is there but cannot be read
  /// (the object store lost its blob, the file system refused) means the run could not judge
  /// the change: that is exit 2, not a finding in the user's file.
  static func checkEach(_ accounts: [AccountFolder], in snapshot: Snapshot, context: Context)
    throws(HandoffError) -> [Checked]
  {
    let results = Parallel.map(accounts, makeContext: { try? snapshot.makeReader(for: $0) }) {
      reader, account in
      check(account, reader: reader, context: context)
    }
    return try results.map { (result) throws(HandoffError) in try result.get() }
  }

  /// The key of an account's state from the ids its snapshot already knows, without reading a
  /// file; nil in the work tree, where ids come from contents.
  static func key(of account: AccountFolder, settingsID: OID) -> OID? {
    var ids: [(RecordFile, OID)] = []
    for (kind, item) in account.files {
      guard let id = item.oid else { return nil }
      ids.append((kind, id))
    }
    ids += account.unreadable.map { ($0, unreadableID) }
    return accountKey(ids, settings: settingsID)
  }

  /// The same key from a folder's record files as history reads them (its regular files, and
  /// whether every record file is one), or nil when one is not: history's check skips such a
  /// file, a snapshot's counts it as present, so the two states are not the same.
  static func key(
    ofHistoryFiles entries: (files: [(RecordFile, OID)], allRegular: Bool), settingsID: OID
  ) -> OID? {
    guard entries.allRegular else { return nil }
    return accountKey(entries.files.sorted { $0.0.code < $1.0.code }, settings: settingsID)
  }

  /// The key of an account's state as a cache entry needs it: the files' ids from the snapshot,
  /// or by reading and hashing work-tree files (whose bytes are handed back, so nothing is read
  /// twice), and the files that could not be read, with why.
  static func state(of account: AccountFolder, reader: SnapshotReader, settingsID: OID)
    -> (key: OID, contents: [RecordFile: [UInt8]], failures: [(RecordFile, String)])
  {
    var contents: [RecordFile: [UInt8]] = [:]
    var ids: [(RecordFile, OID)] = []
    var failures: [(RecordFile, String)] = []
    for (kind, item) in account.files {
      if let id = reader.knownID(of: item) {
        ids.append((kind, id))
        continue
      }
      do {
        let (bytes, id) = try reader.contents(of: item)
        contents[kind] = bytes
        ids.append((kind, id))
      } catch {
        failures.append((kind, error.message))
      }
    }
    ids += account.unreadable.map { ($0, unreadableID) }
    return (accountKey(ids, settings: settingsID), contents, failures)
  }

  /// Stands for a record file that is there but never read (a link, a FIFO).
  private static let unreadableID = OID(bytes: [UInt8](repeating: 0, count: 20))

  private static func check(_ account: AccountFolder, reader: SnapshotReader?, context: Context)
    -> Result<Checked, HandoffError>
  {
    guard let reader else {
      return .failure(.unreadable(path: account.path, reason: "could not open the repository"))
    }
    let (key, contents, failures) = state(
      of: account, reader: reader, settingsID: context.settingsID)
    if let (kind, reason) = failures.first {
      return .failure(.unreadable(path: account.path + "/" + kind.fileName, reason: reason))
    }
    if let cached = context.cache?.findings(for: key) {
      return .success(
        Checked(account: account.id, key: key, diagnostics: diagnostics(cached, account)))
    }
    var files: [(RecordFile, [UInt8]?)] = []
    for (kind, item) in account.files {
      if let bytes = contents[kind] {
        files.append((kind, bytes))
        continue
      }
      do { files.append((kind, try reader.contents(of: item).bytes)) } catch {
        return .failure(.unreadable(path: item.path, reason: error.message))
      }
    }
    files += account.unreadable.map { ($0, nil as [UInt8]?) }
    let findings = Self.check(account: account.id, files: files, settings: context.settings)
      .findings
    context.cache?.store(findings, for: key)
    return .success(
      Checked(account: account.id, key: key, diagnostics: diagnostics(findings, account)))
  }

  /// Every finding of one account's files (each on its own, then the domain rules across them),
  /// and the record as loaded; a file that could not be read counts as present with no content.
  static func check(account: String, files: [(RecordFile, [UInt8]?)], settings: Settings)
    -> (findings: [FileFinding], record: AccountRecord)
  {
    let checked = files.map { kind, bytes in
      CheckedFile(kind: kind, blob: nil, bytes.map { RecordChecker.check($0, as: kind) })
    }
    return check(account: account, checked: checked, settings: settings)
  }

  /// The same from files already checked on their own: only the domain rules run.
  static func check(account: String, checked files: [CheckedFile], settings: Settings)
    -> (findings: [FileFinding], record: AccountRecord)
  {
    var findings: [FileFinding] = []
    var roots: [RecordFile: YAMLNode] = [:]
    for file in files {
      findings += file.findings
      roots[file.kind] = file.root
    }
    let record = AccountRecord(id: account, present: Set(files.map(\.kind)), roots: roots)
    return (findings + DomainRules.check(record, settings: settings), record)
  }

  /// One id for the account's whole state: its files' kinds and ids and the settings.
  private static func accountKey(_ ids: [(RecordFile, OID)], settings: OID) -> OID {
    var bytes = settings.bytes
    for (kind, id) in ids {
      bytes.append(kind.code)
      bytes += id.bytes
    }
    return bytes.withUnsafeBytes { OID.ofBlob($0) }
  }

  private static func diagnostics(_ findings: [FileFinding], _ account: AccountFolder)
    -> [Diagnostic]
  {
    findings.map { finding in
      Diagnostic(
        ruleID: finding.ruleID, message: finding.message,
        path: finding.file.map { account.path + "/" + $0 } ?? account.path,
        location: finding.location, account: account.id, instancePath: finding.instancePath)
    }
  }
}
