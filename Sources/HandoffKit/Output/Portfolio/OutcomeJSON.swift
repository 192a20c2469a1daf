/// The report's outcomes as JSON: shares are fractions (0–1), days are days, and a figure with
/// no data is `null`.
enum OutcomeJSON {
  static func outcomes(_ outcomes: OutcomeFigures) -> JSONValue {
    let number = PortfolioJSONRenderer.number
    func retention(_ sides: [OutcomeFigures.Retention]) -> JSONValue {
      .array(
        sides.map { side in
          .object([
            ("group", .string(side.label)), ("counted", .int(side.counted)),
            ("retained", .int(side.retained)),
            ("share", number(side.share, 3)),
          ])
        })
    }
    return .object([
      (
        "time_to_first_value",
        .object([
          ("median_days", number(outcomes.medianDaysToFirstValue, 1)),
          (
            "by_segment",
            .array(
              outcomes.firstValue.map { segment in
                .object([
                  ("segment", .string(segment.segment)),
                  ("benchmark_days", segment.benchmarkDays.map(JSONValue.int) ?? .null),
                  ("accounts", .int(segment.accounts)),
                  ("median_days", number(segment.medianDays, 1)),
                  (
                    "meeting_benchmark",
                    segment.benchmarkDays == nil || segment.accounts == 0
                      ? .null : .int(segment.meetingBenchmark)
                  ),
                  ("past_benchmark_without_value", .int(segment.pastBenchmarkWithoutValue)),
                  ("meeting_share", number(segment.meetingShare, 3)),
                ])
              })
          ),
        ])
      ),
      (
        "effort_score",
        .object([
          (
            "distribution",
            .object((1...5).map { (String($0), JSONValue.int(outcomes.effort[$0 - 1])) })
          ),
          ("scored", .int(outcomes.effortScored)),
          ("below_3", outcomes.effortScored == 0 ? .null : .int(outcomes.effortBelowThree)),
          ("average", number(outcomes.averageEffort, 2)),
          ("missing_after_survey_day", .int(outcomes.effortMissing)),
        ])
      ),
      (
        "kickoff_attendance",
        .object([
          ("kickoffs_held", .int(outcomes.kickoffsHeld)),
          ("with_attendance_recorded", .int(outcomes.kickoffsWithAttendance)),
          ("stakeholders_recorded", .int(outcomes.stakeholdersRecorded)),
          ("stakeholders_attended", .int(outcomes.stakeholdersAttended)),
          ("share", number(outcomes.attendanceShare, 3)),
        ])
      ),
      (
        "churn",
        .object([
          ("churned", .int(outcomes.churned)),
          ("early_churn_days", .int(outcomes.earlyChurnDays)),
          ("early_churn_counted", .int(outcomes.earlyChurnCounted)),
          ("early_churned", .int(outcomes.earlyChurned)),
          ("early_churn_share", number(outcomes.earlyChurnShare, 3)),
        ])
      ),
      (
        "retention",
        .object([
          ("day", .int(OutcomeFigures.retentionDay)),
          ("counted", .int(outcomes.retention.counted)),
          ("retained", .int(outcomes.retention.retained)),
          ("share", number(outcomes.retention.share, 3)),
          ("by_completeness", retention(outcomes.retentionByCompleteness)),
          ("by_intro", retention(outcomes.retentionByIntro)),
          ("by_checklist_quartile", retention(outcomes.retentionByChecklist)),
        ])
      ),
      (
        "service_levels",
        .array(
          outcomes.serviceLevels.map { level in
            .object([
              ("name", .string(level.name)), ("met", .int(level.met)),
              ("not_met", .int(level.notMet)),
              ("not_yet_due", .int(level.notYetDue)), ("share_met", number(level.share, 3)),
            ])
          })
      ),
      (
        "checklist_gaps",
        .array(
          outcomes.checklistGaps.map { gap in
            .object([
              ("id", .string(gap.id)), ("title", .string(gap.title)),
              ("not_documented", .int(gap.notDocumented)),
              ("partially", .int(gap.partially)),
            ])
          })
      ),
    ])
  }
}
