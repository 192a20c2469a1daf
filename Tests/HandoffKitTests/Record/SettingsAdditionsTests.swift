import Testing

@testable import HandoffKit

/// `.handoff.yaml` keys of "Additions to version 1": service levels, reviewers, assignment.
@Suite struct SettingsAdditionsTests {
  static let specExample = """
    service_levels:
      complete_within_hours: 24
      intro_within_days: 7
      reconcile_within_days: 7
      warm_transition_days: 30
      effort_survey_day: 14
      first_value_days: {smb: 30, mid-market: 60, enterprise: 90}
      early_churn_days: 90
    reviewers:
      people:
        jane.doe: "@jdoe"
        raj.patel: "@rpatel"
      escalation: ["@acme/cs-leadership"]
    assignment:
      - when: {segment: enterprise, region: us-west}
        success: [raj.patel, mei.chen]
      - success: [sam.lee]

    """

  @Test func theSpecsExampleLoads() throws {
    _ = try Settings.load(Array(Self.specExample.utf8))
  }

  @Test(arguments: [
    (
      "service_levels:\n  intro_within_day: 7\n",
      "unknown key `intro_within_day` in `service_levels` (did you mean `intro_within_days`?)"
    ),
    (
      "service_levels:\n  intro_within_days: 0\n",
      "`service_levels.intro_within_days` must be at least 1 (not 0)"
    ),
    (
      "service_levels:\n  first_value_days: {smb: 30, large: 90}\n",
      "unknown key `large` in `service_levels.first_value_days`"
    ),
    ("reviewers:\n  people: {jane.doe: \"\"}\n", "`reviewers.people.jane.doe` must not be empty"),
    (
      "assignment:\n  - when: {segment: enterprise}\n",
      "missing required key `success` in `assignment[0]`"
    ),
    (
      "assignment:\n  - when: {segment: huge}\n    success: [a]\n",
      "`assignment[0].when.segment` must be one of smb, mid-market, enterprise (not `huge`)"
    ),
  ])
  func mistakesAreConfigErrors(settings: String, message: String) {
    #expect(throws: SettingsError.self) { try Settings.load(Array(settings.utf8)) }
    do {
      _ = try Settings.load(Array(settings.utf8))
    } catch {
      #expect(error.message == message, "\(settings)")
      #expect(error.description.hasPrefix(".handoff.yaml:"))
    }
  }
}
