/// Audits every account (or the named ones) of the work tree or a commit.
public enum AuditRunner {
  public static func run(repositoryPath: String, revision: String?, accounts wanted: [String] = [])
    throws(ValidationFailure) -> [AccountAudit]
  {
    let repository = try Repository.open(forCommandAt: repositoryPath)
    let snapshot = try Snapshot.open(revision, in: repository)
    do {
      let settings = try snapshot.file(at: Settings.fileName).map(Settings.load) ?? Settings()
      let layout = AccountLayout.scan(
        try snapshot.items(under: settings.accountsDirectory), accountsDirectory: settings.accountsDirectory)
      let known = Set(layout.accounts.map(\.id))
      for account in wanted where !known.contains(account) {
        throw ValidationFailure.unknownAccount(account, accountsDirectory: settings.accountsDirectory)
      }
      let reader = try snapshot.makeReader()
      return layout.accounts.filter { wanted.isEmpty || wanted.contains($0.id) }.map { folder in
        Auditor.audit(AccountRecord(folder, reader: reader), settings: settings)
      }
    } catch {
      throw ValidationFailure(error, during: "audit")
    }
  }
}
