/// The clocks a handoff runs against (`service_levels` in `.handoff.yaml`), with the format's
/// defaults: the report measures them, `due` tells a CSM which are running out.
public struct ServiceLevels: Sendable, Equatable {
  /// A closed record is without errors within this many hours of its close commit.
  public var completeWithinHours = 24
  /// The joint intro meeting within this many days of `deal.closed_on`.
  public var introWithinDays = 7
  /// `handoff.reconciled_on` within this many days of `handoff.kickoff`.
  public var reconcileWithinDays = 7
  /// `handoff.warm_transition_until` at least this many days after `deal.closed_on`.
  public var warmTransitionDays = 30
  /// The day after `deal.closed_on` on which `handoff.effort_score` is asked.
  public var effortSurveyDay = 14
  /// Time-to-first-value benchmark per segment, in days.
  public var firstValueDays = ["smb": 30, "mid-market": 60, "enterprise": 90]
  /// A churn within this many days of `deal.closed_on` is early churn.
  public var earlyChurnDays = 90

  public init() {}

  /// Reads the mapping the settings schema has already checked (integers >= 1).
  init(_ node: YAMLNode) {
    func integer(_ key: String) -> Int? { node[key]?.number.map(Settings.boundedInteger) }
    completeWithinHours = integer("complete_within_hours") ?? completeWithinHours
    introWithinDays = integer("intro_within_days") ?? introWithinDays
    reconcileWithinDays = integer("reconcile_within_days") ?? reconcileWithinDays
    warmTransitionDays = integer("warm_transition_days") ?? warmTransitionDays
    effortSurveyDay = integer("effort_survey_day") ?? effortSurveyDay
    earlyChurnDays = integer("early_churn_days") ?? earlyChurnDays
    for entry in node["first_value_days"]?.entries ?? [] where !entry.key.hasPrefix("x-") {
      if let days = entry.value.number { firstValueDays[entry.key] = Settings.boundedInteger(days) }
    }
  }
}
