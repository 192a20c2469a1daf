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

  // MARK: - Rendering

  public static func json(_ drifts: [AccountDrift]) -> String {
    let accounts = drifts.map { drift in
      JSONValue.object([
        ("account", .string(drift.account)),
        ("added_after_close", .array(drift.added.map(JSONValue.string))),
        ("withdrawn", .array(drift.withdrawn.map(JSONValue.string))),
        ("missed", .array(drift.missed.map(JSONValue.string))),
        (
          "redated",
          .array(
            drift.redated.map {
              .object([
                ("id", .string($0.id)), ("from", .string($0.from)), ("to", .string($0.to)),
                ("days", .int($0.days)),
              ])
            })
        ),
        ("delivered", .array(drift.delivered.map(JSONValue.string))),
      ])
    }
    let totals = JSONValue.object([
      ("accounts", .int(drifts.count)),
      ("added_after_close", .int(drifts.reduce(0) { $0 + $1.added.count })),
      ("withdrawn", .int(drifts.reduce(0) { $0 + $1.withdrawn.count })),
      ("missed", .int(drifts.reduce(0) { $0 + $1.missed.count })),
      ("redated", .int(drifts.reduce(0) { $0 + $1.redated.count })),
      ("delivered", .int(drifts.reduce(0) { $0 + $1.delivered.count })),
    ])
    return JSONValue.object([
      ("version", .int(1)), ("accounts", .array(accounts)), ("totals", totals),
    ]).serialized(
      indent: 2) + "\n"
  }

  public static func text(_ drifts: [AccountDrift], markdown: Bool) -> String {
    var output =
      markdown
      ? "## Drift since close\n\n| account | added | withdrawn | missed | re-dated | delivered |\n| --- | --- | --- | --- | --- | --- |\n"
      : ""
    for drift in drifts {
      let redated = drift.redated.map { "\($0.id) (\($0.days >= 0 ? "+" : "")\($0.days) days)" }
      let cells = [drift.added, drift.withdrawn, drift.missed, redated, drift.delivered].map {
        $0.isEmpty ? "-" : $0.joined(separator: ", ")
      }
      output +=
        markdown
        ? "| \(drift.account) | " + cells.joined(separator: " | ") + " |\n"
        : "\(drift.account): added \(cells[0]); withdrawn \(cells[1]); missed \(cells[2]); re-dated \(cells[3]); delivered \(cells[4])\n"
    }
    let added = drifts.reduce(0) { $0 + $1.added.count }
    let summary =
      "\(drifts.count) closed accounts: \(added) commitments added after close, "
      + "\(drifts.reduce(0) { $0 + $1.withdrawn.count }) withdrawn, \(drifts.reduce(0) { $0 + $1.missed.count }) missed, "
      + "\(drifts.reduce(0) { $0 + $1.redated.count }) re-dated, \(drifts.reduce(0) { $0 + $1.delivered.count }) delivered\n"
    return output + (markdown ? "\n" : "") + summary
  }
}
