/// Complete, valid record files for a closed-won account, to start tests from.
public enum Fixtures {
  public static let account = """
    name: Lincoln Unified School District
    stage: closed-won
    segment: enterprise
    owners:
      sales: jane.doe
    deal:
      closed_on: 2026-08-14
      arr: 84000
      currency: USD
      discount_pct: 10
    contract:
      start: 2026-09-01
      term_months: 12
      renewal: 2027-08-31

    """

  public static let goals = """
    problem: Teachers spend five hours a week building worksheets.
    why_now: Funds expire in June.
    success_criteria:
      - measure: Weekly active teachers
        target: 70% of licensed teachers
        by: 2026-11-30
    timeline_expectation: Visible results before winter break

    """

  public static let stakeholders = """
    stakeholders:
      - name: Dr. Maria Lopez
        roles: [economic-buyer]
        stance: supportive
      - name: Tom Becker
        roles: [champion, end-user]
        stance: supportive
        involved_in_evaluation: true

    """

  public static let commitments = """
    commitments:
      - id: clever-sso
        promise: Clever SSO live before the first day of school
        kind: integration
        source: contract
        in_contract: true
        made_by: jane.doe
        owner: success
        due: 2026-09-25
        status: open

    """

  /// One more commitment, as list lines to append to `commitments`.
  public static let rosteringCommitment = """
      - id: rostering
        promise: Nightly rostering sync
        kind: integration
        source: email
        in_contract: false
        made_by: jane.doe
        owner: success
        status: open

    """

  public static let risks = """
    red_flags: []

    """

  /// The complete account.yaml at another stage.
  public static func account(at stage: String) -> String {
    account.replacingOccurrences(of: "stage: closed-won", with: "stage: \(stage)")
  }

  /// A commitments.yaml listing these ids (contract promises), some of them withdrawn.
  public static func commitments(_ ids: [String], withdrawn: Set<String> = []) -> String {
    "commitments:\n"
      + ids.map { id in
        """
          - id: \(id)
            promise: Promise \(id)
            kind: feature
            source: contract
            in_contract: true
            made_by: jane
            owner: success
            status: \(withdrawn.contains(id) ? "withdrawn\n    withdrawn_reason: Customer dropped it" : "open")

        """
      }.joined()
  }

  /// Every file of a complete closed-won account, by file name.
  public static let completeAccount: [String: String] = [
    "account.yaml": account, "goals.yaml": goals, "stakeholders.yaml": stakeholders,
    "commitments.yaml": commitments, "risks.yaml": risks,
  ]
}

extension TestRepository {
  /// Writes a complete account, with some files replaced.
  @discardableResult
  public func writeAccount(
    _ id: String, in directory: String = "accounts", replacing overrides: [String: String] = [:]
  ) throws -> TestRepository {
    for (name, text) in Fixtures.completeAccount.merging(overrides, uniquingKeysWith: { $1 }) {
      try write("\(directory)/\(id)/\(name)", text)
    }
    return self
  }
}
