/// What a rule is for: its default severity, a one-line summary and an example of a finding.
public struct RuleInfo: Sendable {
  public var id: RuleID
  public var defaultSeverity: Severity
  public var summary: String
  public var example: String
}

/// Every rule the tool knows, for settings checks, SARIF metadata and the README.
public enum RuleCatalog {
  public static let all: [RuleInfo] = [
    RuleInfo(
      id: .yamlSyntax, defaultSeverity: .error,
      summary: "The file is not well-formed YAML, not UTF-8, or not text at all.",
      example: "accounts/acme/goals.yaml:4:3: error[yaml-syntax]: a quoted value is not closed"),
    RuleInfo(
      id: .yamlDuplicateKey, defaultSeverity: .error,
      summary: "A key appears twice in one mapping; the finding points at the second one.",
      example:
        "accounts/acme/account.yaml:9:1: error[yaml-duplicate-key]: duplicate key `segment` "
        + "(first at line 3)"
    ),
    RuleInfo(
      id: .yamlForbidden, defaultSeverity: .error,
      summary: "Anchors, aliases, merge keys, explicit tags, complex keys or a second document.",
      example:
        "accounts/acme/risks.yaml:2:8: error[yaml-forbidden]: anchors (`&name`) are not "
        + "allowed; write each value out in full"
    ),
    RuleInfo(
      id: .schema, defaultSeverity: .error,
      summary:
        "The file breaks its published schema: unknown key, wrong type, bad enum value, bad "
        + "date, missing key.",
      example:
        "accounts/acme/account.yaml:3:1: error[schema]: unknown key `segmnet` (did you mean "
        + "`segment`?)"
    ),
    RuleInfo(
      id: .strayFile, defaultSeverity: .warning,
      summary:
        "A file directly in the accounts folder, or an unexpected file in an account folder.",
      example:
        "accounts/acme/comitments.yaml: warning[stray-file]: unexpected file `comitments.yaml` "
        + "(did you mean `commitments.yaml`?)"
    ),
    RuleInfo(
      id: .notARegularFile, defaultSeverity: .error,
      summary:
        "A symbolic link, FIFO, socket or device in the accounts folder; handoff never follows "
        + "or opens it, in every source alike.",
      example:
        "accounts/acme/account.yaml: error[not-a-regular-file]: `account.yaml` is a symbolic "
        + "link; handoff never follows links in the accounts folder: commit the file itself"
    ),
    RuleInfo(
      id: .badAccountID, defaultSeverity: .error,
      summary: "An account folder name that is not a slug (`^[a-z0-9][a-z0-9-]{0,62}$`).",
      example:
        "accounts/Acme Corp: error[bad-account-id]: `Acme Corp` is not a valid account id; use "
        + "lower-case letters, digits and dashes"
    ),
    RuleInfo(
      id: .config, defaultSeverity: .error,
      summary:
        "A problem in `.handoff.yaml`; the run stops with exit 2 before any record is judged.",
      example: ".handoff.yaml:5:3: error[config]: unknown rule `verbal-promise`"),
    RuleInfo(
      id: .missingFile, defaultSeverity: .error,
      summary:
        "account.yaml is missing, or goals/stakeholders/commitments/risks.yaml from closed-won "
        + "(from `require_complete_from`).",
      example:
        "accounts/acme/goals.yaml: error[missing-file]: goals.yaml is missing; it is required "
        + "from closed-won and the account is handed-off"
    ),
    RuleInfo(
      id: .stageRequirement, defaultSeverity: .error,
      summary:
        "A key or role the stage requires: closed_on, start, renewal, an economic buyer and a "
        + "champion, non-empty commitments (or not_promised) from closed-won; owners.success, "
        + "intro meeting and kickoff from handed-off; reconciled_on from onboarding.",
      example:
        "accounts/acme/account.yaml:6:3: error[stage-requirement]: `deal.closed_on` is required "
        + "from closed-won; the account is closed-won"
    ),
    RuleInfo(
      id: .dateOrder, defaultSeverity: .error,
      summary:
        "renewal not after start; kickoff before the intro meeting; reconciliation before kickoff.",
      example:
        "accounts/acme/account.yaml:14:12: error[date-order]: `contract.renewal` (2026-08-01) "
        + "must be after `contract.start` (2026-09-01)"
    ),
    RuleInfo(
      id: .duplicateID, defaultSeverity: .error,
      summary: "A commitment id or a red-flag id used twice in one account (points at the second).",
      example:
        "accounts/acme/commitments.yaml:12:9: error[duplicate-id]: commitment id `sso` is used "
        + "twice in this account (first at line 2); ids must be unique and never reused"
    ),
    RuleInfo(
      id: .verbalCommitmentNotInContract, defaultSeverity: .warning,
      summary:
        "Derived red flag: a live commitment with `in_contract: false` made on a call or in a "
        + "demo.",
      example:
        "accounts/acme/commitments.yaml:2:5: warning[verbal-commitment-not-in-contract]: "
        + "commitment `sso` was promised in a call and is not in the contract; …"
    ),
    RuleInfo(
      id: .roadmapCommitment, defaultSeverity: .warning,
      summary: "Derived red flag: a live commitment with `roadmap: true`.",
      example:
        "accounts/acme/commitments.yaml:2:5: warning[roadmap-commitment]: commitment "
        + "`state-report` promises a capability that has not shipped yet; …"
    ),
    RuleInfo(
      id: .deepDiscount, defaultSeverity: .warning,
      summary: "Derived red flag: `deal.discount_pct` of 25 or more.",
      example:
        "accounts/acme/account.yaml:10:17: warning[deep-discount]: a 30% discount is deep (25% "
        + "or more); …"
    ),
    RuleInfo(
      id: .championAtRisk, defaultSeverity: .warning,
      summary:
        "Derived red flag: a champion with `leaving_on` set or a stance other than supportive.",
      example:
        "accounts/acme/stakeholders.yaml:9:5: warning[champion-at-risk]: champion `Tom Becker` "
        + "is leaving on 2027-06-30; name a successor"
    ),
    RuleInfo(
      id: .noEndUserInEvaluation, defaultSeverity: .warning,
      summary:
        "Derived red flag: no stakeholder with role end-user and `involved_in_evaluation: true`.",
      example:
        "accounts/acme/stakeholders.yaml:2:3: warning[no-end-user-in-evaluation]: no end user "
        + "took part in the evaluation …"
    ),
    RuleInfo(
      id: .skepticalBuyer, defaultSeverity: .warning,
      summary:
        "Derived red flag: a skeptical or blocker stakeholder who is economic buyer or "
        + "executive sponsor.",
      example:
        "accounts/acme/stakeholders.yaml:2:5: warning[skeptical-buyer]: `Angela Ruiz` is "
        + "economic-buyer and skeptical; plan how to win them over"
    ),
    RuleInfo(
      id: .commitmentDueBeforeStart, defaultSeverity: .warning,
      summary: "Derived red flag: a live commitment due before `contract.start`.",
      example:
        "accounts/acme/commitments.yaml:9:10: warning[commitment-due-before-start]: commitment "
        + "`sso` is due 2026-08-25, before the contract starts on 2026-09-01"
    ),
    RuleInfo(
      id: .mitigationPlanRequired, defaultSeverity: .error,
      summary:
        "Declared plus derived red flags (each derived rule once) above `red_flag_threshold` "
        + "and no `mitigation_plan`.",
      example:
        "accounts/acme/risks.yaml:1:1: error[mitigation-plan-required]: 5 red flags (2 "
        + "declared, 3 derived) exceed the threshold of 3; add a `mitigation_plan` …"
    ),
    RuleInfo(
      id: .commitmentRemoved, defaultSeverity: .error,
      summary:
        "A commitment that existed once the account was closed is missing from a later commit "
        + "(a renamed id counts); withdraw it with a reason instead.",
      example:
        "accounts/acme/commitments.yaml:1:1: error[commitment-removed]: commitment `sso` was "
        + "removed after close (in 3f2a…); set `status: withdrawn` and a `withdrawn_reason` "
        + "instead"
    ),
  ]

  private static let byID: [RuleID: RuleInfo] = Dictionary(
    uniqueKeysWithValues: all.map { ($0.id, $0) })

  public static func info(_ id: RuleID) -> RuleInfo? { byID[id] }
}
