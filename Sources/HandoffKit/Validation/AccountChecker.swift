/// Checks the record files of many accounts on every core, consulting the result cache first.
enum AccountChecker {
  static func check(_ accounts: [AccountFolder], in snapshot: Snapshot, cache: ResultCache?)
    -> [Diagnostic]
  {
    let perAccount = Parallel.map(accounts, makeContext: { try? snapshot.makeReader() }) {
      reader, account in
      check(account, reader: reader, cache: cache)
    }
    return perAccount.flatMap { $0 }
  }

  private static func check(_ account: AccountFolder, reader: SnapshotReader?, cache: ResultCache?)
    -> [Diagnostic]
  {
    guard let reader else {
      return [
        Diagnostic(
          ruleID: .yamlSyntax, message: "could not open the repository to read this account",
          path: account.path, account: account.id)
      ]
    }
    var diagnostics: [Diagnostic] = []
    for (kind, item) in account.files {
      var findings: [FileFinding]
      if let id = reader.knownID(of: item), let cached = cache?.findings(for: id, kind: kind) {
        findings = cached
      } else {
        do {
          let (bytes, id) = try reader.contents(of: item)
          if let cached = cache?.findings(for: id, kind: kind) {
            findings = cached
          } else {
            findings = RecordChecker.check(bytes, as: kind).findings
            cache?.store(findings, for: id, kind: kind)
          }
        } catch {
          findings = [
            FileFinding(
              ruleID: .yamlSyntax, message: "could not read the file: \(error.message)",
              location: nil)
          ]
        }
      }
      for finding in findings {
        diagnostics.append(
          Diagnostic(
            ruleID: finding.ruleID, message: finding.message, path: item.path,
            location: finding.location, account: account.id, instancePath: finding.instancePath))
      }
    }
    return diagnostics
  }
}
