/// Audits every account (or the named ones) of the work tree or a commit.
public enum AuditRunner {
  public static func run(repositoryPath: String, revision: String?, accounts wanted: [String] = [])
    throws(ValidationFailure) -> [AccountAudit]
  {
    let repository = try Repository.open(forCommandAt: repositoryPath)
    let snapshot = try Snapshot.open(revision, in: repository)
    let settings = try snapshot.loadSettings().settings
    do {
      let layout = AccountLayout.scan(
        try snapshot.items(under: settings.accountsDirectory), accountsDirectory: settings.accountsDirectory)
      let known = Set(layout.accounts.map(\.id))
      for account in wanted where !known.contains(account) {
        throw ValidationFailure.unknownAccount(account, accountsDirectory: settings.accountsDirectory)
      }
      let folders = layout.accounts.filter { wanted.isEmpty || wanted.contains($0.id) }
      // Each worker reads through its own handle; a folder whose reader could not be opened
      // audits as an account whose files could not be read.
      return Parallel.map(folders, makeContext: { try? snapshot.makeReader() }) { reader, folder in
        Auditor.audit(
          reader.map { AccountRecord(folder, reader: $0) }
            ?? AccountRecord(id: folder.id, present: folder.presentKinds, roots: [:]),
          settings: settings)
      }
    } catch {
      throw ValidationFailure(error, during: "audit")
    }
  }
}
