/// The stable public name of a rule, as `.handoff.yaml` `rules:` and every output spell it.
public struct RuleID: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
  public var rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }
  public init(_ rawValue: String) { self.rawValue = rawValue }

  public var description: String { rawValue }
  public static func < (lhs: RuleID, rhs: RuleID) -> Bool { lhs.rawValue < rhs.rawValue }

  /// Not well-formed YAML, not UTF-8, or not text.
  public static let yamlSyntax = RuleID("yaml-syntax")
  /// A key written twice in one mapping.
  public static let yamlDuplicateKey = RuleID("yaml-duplicate-key")
  /// YAML the record format rules out: anchors, aliases, tags, merge keys, more documents.
  public static let yamlForbidden = RuleID("yaml-forbidden")
  /// A file that breaks its published schema.
  public static let schema = RuleID("schema")
  /// A file that is not a record, where records live.
  public static let strayFile = RuleID("stray-file")
  /// A symbolic link, FIFO, socket or device where records live: never followed or read.
  public static let notARegularFile = RuleID("not-a-regular-file")
  /// An account folder whose name is not a valid account id.
  public static let badAccountID = RuleID("bad-account-id")
  /// A problem in `.handoff.yaml`; always stops the run.
  public static let config = RuleID("config")
  /// A file the account's stage requires is missing.
  public static let missingFile = RuleID("missing-file")
  /// A key or a stakeholder role the account's stage requires is missing.
  public static let stageRequirement = RuleID("stage-requirement")
  /// Dates in an impossible order.
  public static let dateOrder = RuleID("date-order")
  /// A commitment or red-flag id used twice in one account.
  public static let duplicateID = RuleID("duplicate-id")
  /// A promise made on a call or in a demo that the contract does not carry.
  public static let verbalCommitmentNotInContract = RuleID("verbal-commitment-not-in-contract")
  /// A promise of a capability that has not shipped.
  public static let roadmapCommitment = RuleID("roadmap-commitment")
  /// A discount of 25% or more.
  public static let deepDiscount = RuleID("deep-discount")
  /// A champion who is leaving or not supportive.
  public static let championAtRisk = RuleID("champion-at-risk")
  /// No end user took part in the evaluation.
  public static let noEndUserInEvaluation = RuleID("no-end-user-in-evaluation")
  /// A skeptical or blocking economic buyer or executive sponsor.
  public static let skepticalBuyer = RuleID("skeptical-buyer")
  /// A promise due before the contract starts.
  public static let commitmentDueBeforeStart = RuleID("commitment-due-before-start")
  /// Too many red flags and no mitigation plan.
  public static let mitigationPlanRequired = RuleID("mitigation-plan-required")
  /// A commitment made by close disappeared from a later commit.
  public static let commitmentRemoved = RuleID("commitment-removed")
}
