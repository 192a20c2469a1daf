/// Who reviews a change to one account, by the format's rule: the handles of `owners.sales`
/// and `owners.success`, plus the escalation handles when its red flags (declared and derived,
/// as `mitigation-plan-required` counts them) exceed `red_flag_threshold`. A name without a
/// handle in `reviewers.people` is reported, never guessed.
public struct AccountReviewers: Sendable {
  public struct Reviewer: Sendable, Equatable {
    public var handle: String
    /// `sales`, `success` or `escalation`.
    public var role: String
    /// The name in the record (nil for an escalation handle).
    public var name: String?
  }

  public var account: String
  public var reviewers: [Reviewer]
  /// Names in `owners.*` with no handle, and the key that holds each.
  public var missing: [(name: String, key: String)]
  public var redFlags: Int
  public var escalated: Bool

  public var handles: [String] {
    var seen = Set<String>()
    return reviewers.map(\.handle).filter { seen.insert($0).inserted }
  }

  public init(_ record: AccountRecord, settings: Settings) {
    account = record.id
    reviewers = []
    missing = []
    for (role, key) in [("sales", "owners.sales"), ("success", "owners.success")] {
      guard let name = record.accountValue(key)?.string else { continue }
      if let handle = settings.reviewers.people[name] {
        reviewers.append(Reviewer(handle: handle, role: role, name: name))
      } else {
        missing.append((name, key))
      }
    }
    let audit = Auditor.audit(record, settings: settings)
    redFlags = audit.redFlags.count
    escalated = audit.mitigationNeeded
    if escalated {
      reviewers += settings.reviewers.escalation.map {
        Reviewer(handle: $0, role: "escalation", name: nil)
      }
    }
  }
}
