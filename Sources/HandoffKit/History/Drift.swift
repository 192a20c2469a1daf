/// What happened to an account's promises since its deal closed: the close record against HEAD.
public struct AccountDrift: Sendable {
  public struct Redate: Sendable {
    public var id: String
    public var from: String
    public var to: String
    /// Positive when the promise moved later.
    public var days: Int
  }

  public var account: String
  /// Commitments at HEAD that were not there at close (scope creep).
  public var added: [String] = []
  public var withdrawn: [String] = []
  public var missed: [String] = []
  public var delivered: [String] = []
  public var redated: [Redate] = []
}

public enum Drift {
  /// Drift of every closed account (or the ones named), from its close to HEAD.
  public static func compute(
    in workspace: Workspace, accounts wanted: [String] = [], useIndex: Bool = true,
    progress: Progress? = nil
  ) throws(HandoffError) -> [AccountDrift] {
    let closes = try CloseFinder.find(
      in: workspace, accounts: wanted, useIndex: useIndex, progress: progress)
    let repository = workspace.repository
    let head = try workspace.headCommit()
    let settings = try workspace.committedSettings().settings
    do {
      let store = RecordHistoryStore(
        repository: repository, accountsDirectory: settings.accountsDirectory)
      var folders: [String: OID] = [:]
      if let accounts = try store.accountsTree(ofCommitTree: repository.commitInfo(head).tree) {
        for entry in try repository.treeEntries(accounts) where entry.kind == .directory {
          folders[entry.name] = entry.id
        }
      }
      var result: [AccountDrift] = []
      for close in closes {
        guard close.commit != nil, let closeFolder = close.folder else { continue }
        let before = try store.commitments(ofFolder: closeFolder)
        let after =
          try folders[close.account].map { (tree) throws(GitError) in
            try store.commitments(ofFolder: tree)
          } ?? []
        var drift = drift(close.account, before: before, after: after)
        // Scope creep comes from the walk: an id added after close and renamed later still counts.
        drift.added = close.addedAfterClose
        result.append(drift)
      }
      return result
    } catch {
      throw HandoffError(error, during: "drift")
    }
  }

  static func drift(_ account: String, before: [YAMLNode], after: [YAMLNode]) -> AccountDrift {
    var drift = AccountDrift(account: account)
    let atClose = Dictionary(
      before.compactMap { node in node["id"]?.string.map { ($0, node) } },
      uniquingKeysWith: { first, _ in first })
    for commitment in after {
      guard let id = commitment["id"]?.string else { continue }
      let status = commitment["status"]?.string
      let previous = atClose[id]
      if previous == nil { drift.added.append(id) }
      if status != previous?["status"]?.string {
        switch status {
        case "withdrawn": drift.withdrawn.append(id)
        case "missed": drift.missed.append(id)
        case "delivered": drift.delivered.append(id)
        default: break
        }
      }
      if let old = previous?["due"]?.string, let new = commitment["due"]?.string, old != new,
        let from = CalendarDate(old), let to = CalendarDate(new)
      {
        drift.redated.append(
          AccountDrift.Redate(id: id, from: old, to: new, days: to.dayNumber - from.dayNumber))
      }
    }
    return drift
  }
}
