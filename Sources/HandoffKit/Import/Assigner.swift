import Foundation

/// `handoff assign`: the assignment rules applied to closed accounts of the work tree that
/// have no `owners.success` yet, each `account.yaml` edited in place.
public enum Assigner {
  public struct Result: Sendable {
    /// Each account given a CSM, and the person.
    public var assigned: [(account: String, person: String)]
    /// Closed accounts without a CSM that no rule matches.
    public var unmatched: [String]
    public var changes: [Importer.Change]
    public var diff: String { Importer.diff(changes) }
  }

  public static func run(
    repositoryPath: String, accounts wanted: [String] = [], dryRun: Bool = false
  )
    throws(HandoffError) -> Result
  {
    let tree = try WorkTreeAccounts.open(repositoryPath)
    for account in wanted where tree.records[account] == nil {
      throw HandoffError.unknownAccount(
        account, accountsDirectory: tree.settings.accountsDirectory)
    }
    var assignment = Assignment(
      rules: tree.settings.assignment, records: Array(tree.records.values))
    var result = Result(assigned: [], unmatched: [], changes: [])
    for id in tree.records.keys.sorted() where wanted.isEmpty || wanted.contains(id) {
      let record = tree.records[id]!
      guard let stage = record.stage, stage.isCustomer, record.accountValue("owners.success") == nil
      else { continue }
      let keys = record.assignmentKeys
      guard
        let person = assignment.assign(
          segment: keys.segment, region: keys.region, products: keys.products, stage: stage)
      else {
        result.unmatched.append(id)
        continue
      }
      let before = tree.files(of: id)[.account] ?? []
      var update = DealUpdate(files: [.account: before])
      do {
        try update.assign(person)
      } catch {
        throw HandoffError.notDone(
          "\(tree.settings.accountsDirectory)/\(id)/account.yaml could not be edited: "
            + "\(error.message)"
        )
      }
      let after = update.files[.account] ?? before
      let path = tree.settings.accountsDirectory + "/" + id + "/" + RecordFile.account.fileName
      result.assigned.append((id, person))
      result.changes.append(
        Importer.Change(
          account: id, created: false, fields: ["owners.success"], files: [(path, before, after)]))
      if !dryRun {
        do {
          try SafeFile.write(after, to: tree.root + path, keepBackup: false, durable: false)
        } catch {
          throw HandoffError.couldNotWrite(path: error.path, reason: error.reason)
        }
      }
    }
    return result
  }
}
