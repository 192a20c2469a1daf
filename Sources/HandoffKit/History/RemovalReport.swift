/// Turns removed commitments into findings in the snapshot's commitments.yaml: at its
/// `commitments` key, or with no line when the file or the whole account folder is gone.
enum RemovalReport {
  static func diagnostics(
    _ removals: [CommitmentHistory.Removal], layout: AccountLayout, snapshot: Snapshot,
    accountsDirectory: String
  ) -> [Diagnostic] {
    guard !removals.isEmpty else { return [] }
    let reader = try? snapshot.makeReader()
    var keyLocations: [String: SourceLocation?] = [:]
    func location(of account: String) -> SourceLocation? {
      if let known = keyLocations[account] { return known }
      let item = layout.accounts.first { $0.id == account }?.files.first {
        $0.kind == .commitments
      }?.item
      let root = item.flatMap { try? reader?.contents(of: $0).bytes }.flatMap {
        YAMLLoader.load($0).root
      }
      let found = root.map { $0.entry("commitments")?.keyLocation ?? .start }
      keyLocations[account] = found
      return found
    }
    return removals.map { removal in
      Diagnostic(
        ruleID: .commitmentRemoved, message: .removed(removal.id, in: removal.commit),
        path: "\(accountsDirectory)/\(removal.account)/\(RecordFile.commitments.fileName)",
        location: location(of: removal.account), account: removal.account,
        commit: removal.commit?.description)
    }
  }
}

extension String {
  fileprivate static func removed(_ id: String, in commit: OID?) -> String {
    let when = commit.map { " in commit \(String($0.description.prefix(12)))" } ?? ""
    return "commitment `\(id)` was removed\(when) after the account closed; keep it with "
      + "`status: withdrawn` and a `withdrawn_reason` instead"
  }
}
