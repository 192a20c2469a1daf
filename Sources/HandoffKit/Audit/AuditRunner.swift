/// Audits every account (or the named ones) of the work tree or a commit.
public enum AuditRunner {
  public static func run(in workspace: Workspace, revision: String?, accounts wanted: [String] = [])
    throws(HandoffError) -> [AccountAudit]
  {
    let repository = workspace.repository
    let snapshot = try Snapshot.open(revision, in: repository)
    let settings = try snapshot.loadSettings().settings
    return try snapshot.records(settings: settings, accounts: wanted, during: "audit").map {
      record in
      Auditor.audit(record, settings: settings)
    }
  }
}
