/// What changed in the records between two snapshots, by meaning: commitments matched by id,
/// stakeholders by name, red flags by id, field by field. Moving keys or reformatting a file is
/// not a change, because parsed values are compared.
public struct RecordDiff: Sendable {
  /// A field that changed, with both values (`null` when absent on one side).
  public struct FieldChange: Sendable {
    public var field: String
    public var from: JSONValue
    public var to: JSONValue
  }

  /// Items of one kind matched by a key: added, removed, and changed with their fields.
  public struct ItemChanges: Sendable {
    public var added: [JSONValue] = []
    public var removed: [JSONValue] = []
    public var changed: [(key: String, fields: [FieldChange])] = []
    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty }
  }

  public struct AccountChanges: Sendable {
    public var account: String
    public var stage: (from: String?, to: String?)?
    public var commitments = ItemChanges()
    public var stakeholders = ItemChanges()
    /// Declared flags by id, and derived ones as `derived:<rule-id>`.
    public var redFlags = ItemChanges()
    public var isEmpty: Bool {
      stage == nil && commitments.isEmpty && stakeholders.isEmpty && redFlags.isEmpty
    }
  }

  public var from: String
  public var to: String
  public var accounts: [AccountChanges]

  /// Compares two account records (either may be absent).
  static func compare(
    _ account: String, _ old: AccountRecord?, _ new: AccountRecord?, settings: Settings
  )
    -> AccountChanges
  {
    var changes = AccountChanges(account: account)
    let oldStage = old?.account?["stage"]?.string
    let newStage = new?.account?["stage"]?.string
    if oldStage != newStage { changes.stage = (oldStage, newStage) }
    changes.commitments = items(old?.commitments ?? [], new?.commitments ?? [], key: "id")
    changes.stakeholders = items(old?.stakeholders ?? [], new?.stakeholders ?? [], key: "name")
    var flags = items(old?.redFlags ?? [], new?.redFlags ?? [], key: "id")
    let oldDerived = derived(old, settings)
    let newDerived = derived(new, settings)
    flags.added += newDerived.subtracting(oldDerived).sorted().map { .string("derived:\($0)") }
    flags.removed += oldDerived.subtracting(newDerived).sorted().map { .string("derived:\($0)") }
    changes.redFlags = flags
    return changes
  }

  private static func derived(_ record: AccountRecord?, _ settings: Settings) -> Set<String> {
    guard let record else { return [] }
    let context = RuleContext(settings: settings)
    return Set(
      DomainRules.derivedRedFlags.filter {
        !context.isOff($0.id) && !$0.check(record, context).isEmpty
      }
      .map(\.id.rawValue))
  }

  static func items(_ old: [YAMLNode], _ new: [YAMLNode], key: String) -> ItemChanges {
    func keyed(_ nodes: [YAMLNode]) -> [(String, YAMLNode)] {
      nodes.compactMap { node in node[key]?.string.map { ($0, node) } }
    }
    let before = keyed(old)
    let after = keyed(new)
    let beforeKeys = Dictionary(before, uniquingKeysWith: { first, _ in first })
    let afterKeys = Dictionary(after, uniquingKeysWith: { first, _ in first })
    var changes = ItemChanges()
    for (name, node) in after where beforeKeys[name] == nil {
      changes.added.append(JSONValue(node))
    }
    for (name, node) in before where afterKeys[name] == nil {
      changes.removed.append(JSONValue(node))
    }
    for (name, node) in after {
      guard let previous = beforeKeys[name], previous != node else { continue }
      var fields: [FieldChange] = []
      let names = (previous.entries ?? []).map(\.key) + (node.entries ?? []).map(\.key)
      var seen = Set<String>()
      for field in names where seen.insert(field).inserted {
        let a = previous[field]
        let b = node[field]
        if a != b {
          fields.append(
            FieldChange(
              field: field, from: a.map(JSONValue.init) ?? .null, to: b.map(JSONValue.init) ?? .null
            ))
        }
      }
      changes.changed.append((name, fields))
    }
    return changes
  }
}
