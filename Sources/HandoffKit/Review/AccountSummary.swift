/// What a pull request does to one account, as a reviewer reads it: the stage, the checklist,
/// the promises, the risk and the gate's verdict, each against the fork point.
public struct AccountSummary: Sendable {
  public enum Change: String, Sendable {
    case added, changed, deleted
    /// The files are the same on both sides: the account is here because the settings changed.
    case unchanged
  }

  /// The checklist on one side: items fully documented, and the audit's percentage.
  public struct Checklist: Sendable, Equatable {
    public var fully: Int
    public var items: Int
    public var completeness: Double
  }

  public struct Commitments: Sendable {
    public var added: [(id: String, promise: String?, due: String?)] = []
    /// Field by field, apart from what `withdrawn` and `redated` already say.
    public var changed: [(id: String, fields: [RecordDiff.FieldChange])] = []
    public var withdrawn: [(id: String, reason: String?)] = []
    public var redated: [(id: String, from: String?, to: String?)] = []
    /// Gone from the file altogether (an error once the account has closed).
    public var removed: [String] = []

    public var isEmpty: Bool {
      added.isEmpty && changed.isEmpty && withdrawn.isEmpty && redated.isEmpty && removed.isEmpty
    }
  }

  public struct Risk: Sendable {
    /// Declared flags by id, derived ones as `derived:<rule-id>`.
    public var added: [String]
    public var removed: [String]
    /// The count `mitigation-plan-required` compares with the threshold, at the tip.
    public var total: Int
    public var threshold: Int
    public var mitigationNeeded: Bool
    public var mitigationPresent: Bool
  }

  /// The gate's findings at the tip, and which errors the change brought or cleared.
  public struct Verdict: Sendable {
    public var errors: Int
    public var warnings: Int
    public var introduced: [Diagnostic]
    public var fixed: [Diagnostic]
  }

  public var account: String
  public var change: Change
  public var stage: (from: String?, to: String?)?
  public var before: Checklist?
  public var after: Checklist?
  /// Checklist items (ids) that became, or stopped being, fully documented.
  public var nowFully: [String]
  public var noLongerFully: [String]
  public var commitments: Commitments
  public var risk: Risk
  public var verdict: Verdict
  public var reviewers: AccountReviewers

  /// Compares one account's two sides. `before` is nil for an added account, `after` for a
  /// deleted one (whose risk and reviewers are then those it had).
  init(
    account: String, before: AccountRecord?, after: AccountRecord?, sameFiles: Bool,
    beforeSettings: Settings,
    settings: Settings, verdict: Verdict
  ) {
    self.account = account
    self.verdict = verdict
    change =
      before == nil ? .added : (after == nil ? .deleted : (sameFiles ? .unchanged : .changed))
    let diff = RecordDiff.compare(account, before, after, settings: settings)
    stage = diff.stage
    let oldAudit = before.map { Auditor.audit($0, settings: beforeSettings) }
    let newAudit = after.map { Auditor.audit($0, settings: settings) }
    self.before = oldAudit.map(Self.checklist)
    self.after = newAudit.map(Self.checklist)
    let oldFully = Set(oldAudit?.items.filter { $0.coverage == .fully }.map(\.id) ?? [])
    let newFully = Set(newAudit?.items.filter { $0.coverage == .fully }.map(\.id) ?? [])
    let order = Auditor.checklist.map(\.id)
    nowFully = order.filter { newFully.contains($0) && !oldFully.contains($0) }
    noLongerFully =
      after == nil ? [] : order.filter { oldFully.contains($0) && !newFully.contains($0) }
    commitments = Self.commitments(diff.commitments, after: after)
    let audit = (newAudit ?? oldAudit)!
    risk = Risk(
      added: diff.redFlags.added.map(Self.flagName),
      removed: diff.redFlags.removed.map(Self.flagName),
      total: audit.redFlags.count,
      threshold: (after == nil ? beforeSettings : settings).redFlagThreshold,
      mitigationNeeded: audit.mitigationNeeded, mitigationPresent: audit.mitigationPresent)
    reviewers = AccountReviewers((after ?? before)!, settings: settings)
  }

  private static func checklist(_ audit: AccountAudit) -> Checklist {
    Checklist(
      fully: audit.items.count { $0.coverage == .fully }, items: audit.items.count,
      completeness: (audit.completeness * 10).rounded() / 10)
  }

  private static func flagName(_ flag: JSONValue) -> String {
    if case .string(let name) = flag { return name }
    if case .object(let members) = flag,
      case .string(let id)? = members.first(where: { $0.0 == "id" })?.1
    {
      return id
    }
    return flag.serialized()
  }

  /// Sorts the commitment changes the way a reviewer asks about them: new promises, withdrawn
  /// ones, new dates, other edits, and promises that vanished.
  private static func commitments(_ changes: RecordDiff.ItemChanges, after: AccountRecord?)
    -> Commitments
  {
    func text(_ value: JSONValue?) -> String? {
      guard let value else { return nil }
      if case .string(let text) = value { return text }
      if case .null = value { return nil }
      return value.serialized()
    }
    func member(_ item: JSONValue, _ key: String) -> JSONValue? {
      if case .object(let members) = item { return members.first { $0.0 == key }?.1 }
      return nil
    }
    var result = Commitments()
    for item in changes.added {
      guard let id = text(member(item, "id")) else { continue }
      result.added.append((id, text(member(item, "promise")), text(member(item, "due"))))
    }
    result.removed = changes.removed.compactMap { text(member($0, "id")) }
    let current = Dictionary(
      (after?.commitments ?? []).compactMap { node in node["id"]?.string.map { ($0, node) } },
      uniquingKeysWith: { first, _ in first })
    for (id, fields) in changes.changed {
      var rest = fields
      if let status = fields.first(where: { $0.field == "status" }), text(status.to) == "withdrawn"
      {
        result.withdrawn.append((id, current[id]?["withdrawn_reason"]?.string))
        rest.removeAll { $0.field == "status" || $0.field == "withdrawn_reason" }
      }
      if let due = fields.first(where: { $0.field == "due" }) {
        result.redated.append((id, text(due.from), text(due.to)))
        rest.removeAll { $0.field == "due" }
      }
      if !rest.isEmpty { result.changed.append((id, rest)) }
    }
    return result
  }
}
