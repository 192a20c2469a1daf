/// Checks many accounts on every core: each account's files on their own (YAML, schema), then
/// the domain rules across them, consulting the result cache first.
enum AccountChecker {
  /// What every account check shares.
  struct Context: @unchecked Sendable {
    var settings: Settings
    /// Identifies the settings in cache keys: findings depend on the threshold and on rules
    /// that are off.
    var settingsID: OID
    var cache: ResultCache?
  }

  static func check(_ accounts: [AccountFolder], in snapshot: Snapshot, context: Context)
    -> [Diagnostic]
  {
    let perAccount = Parallel.map(accounts, makeContext: { try? snapshot.makeReader() }) {
      reader, account in
      check(account, reader: reader, context: context)
    }
    return perAccount.flatMap { $0 }
  }

  private static func check(_ account: AccountFolder, reader: SnapshotReader?, context: Context)
    -> [Diagnostic]
  {
    guard let reader else {
      return [
        Diagnostic(
          ruleID: .yamlSyntax, message: "could not open the repository to read this account",
          path: account.path, account: account.id)
      ]
    }
    // Ids first (from the snapshot, or by reading and hashing work-tree files), then the cache.
    var contents: [RecordFile: [UInt8]] = [:]
    var ids: [(RecordFile, OID)] = []
    var findings: [FileFinding] = []
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
        findings.append(
          FileFinding(
            ruleID: .yamlSyntax, message: "could not read the file: \(error.message)",
            file: kind.fileName, location: nil))
      }
    }
    // A record file that is a link or a FIFO is present but never read: a zero id stands for it.
    ids += account.unreadable.map { ($0, OID(pointer: [UInt8](repeating: 0, count: 20))) }
    let key = accountKey(ids, settings: context.settingsID)
    if findings.isEmpty, let cached = context.cache?.findings(for: key) {
      return diagnostics(cached, account)
    }

    let files = account.files.map { (kind, item) in
      (kind, contents[kind] ?? (try? reader.contents(of: item).bytes))
    } + account.unreadable.map { ($0, nil as [UInt8]?) }
    findings += Self.check(account: account.id, files: files, settings: context.settings).findings
    context.cache?.store(findings, for: key)
    return diagnostics(findings, account)
  }

  /// Every finding of one account's files (each on its own, then the domain rules across them),
  /// and the record as loaded; a file that could not be read counts as present with no content.
  static func check(account: String, files: [(RecordFile, [UInt8]?)], settings: Settings)
    -> (findings: [FileFinding], record: AccountRecord)
  {
    var findings: [FileFinding] = []
    var roots: [RecordFile: YAMLNode] = [:]
    for case (let kind, let bytes?) in files {
      let checked = RecordChecker.check(bytes, as: kind)
      findings += checked.findings
      roots[kind] = checked.root
    }
    let record = AccountRecord(id: account, present: Set(files.map(\.0)), roots: roots)
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

  private static func diagnostics(_ findings: [FileFinding], _ account: AccountFolder) -> [Diagnostic] {
    findings.map { finding in
      Diagnostic(
        ruleID: finding.ruleID, message: finding.message,
        path: finding.file.map { account.path + "/" + $0 } ?? account.path,
        location: finding.location, account: account.id, instancePath: finding.instancePath)
    }
  }
}
