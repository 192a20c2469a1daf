/// The report's outcomes as plain tables of text, so Markdown and HTML show the same figures
/// in the same words. A figure without data reads "no data".
enum OutcomeTables {
  struct Table {
    var title: String
    var columns: [String]
    var rows: [[String]]
    /// A sentence under the title that says how the figures are counted.
    var note: String?
  }

  static let noData = "no data"

  static func percent(_ share: Double?) -> String { FigureText.percent(share, absent: noData) }

  static func number(_ value: Double?) -> String { FigureText.optional(value, absent: noData) }

  /// `12 of 15 (80%)`, or "no data" when nothing was counted.
  static func part(_ count: Int, of total: Int) -> String {
    total == 0 ? noData : "\(count) of \(total) (\(percent(Double(count) / Double(total))))"
  }

  static func portfolio(_ figures: PortfolioFigures) -> [Table] {
    let outcomes = figures.outcomes
    let day = OutcomeFigures.retentionDay
    let firstValue = Table(
      title: "Time to first value",
      columns: [
        "segment", "benchmark", "accounts with first value", "median days", "meeting the benchmark",
        "past the benchmark, none recorded",
      ],
      rows: outcomes.firstValue.map { segment in
        [
          segment.segment, segment.benchmarkDays.map { "\($0) days" } ?? noData,
          String(segment.accounts),
          number(segment.medianDays),
          segment.benchmarkDays == nil
            ? noData : part(segment.meetingBenchmark, of: segment.accounts),
          String(segment.pastBenchmarkWithoutValue),
        ]
      },
      note: "From `deal.closed_on` to `handoff.first_value_on`, over the accounts that have both.")
    let effort = Table(
      title: "Effort score",
      columns: ["1", "2", "3", "4", "5", "below 3", "average", "past the survey day, no score"],
      rows: [
        outcomes.effort.map(String.init) + [
          part(outcomes.effortBelowThree, of: outcomes.effortScored),
          number(outcomes.averageEffort),
          String(outcomes.effortMissing),
        ]
      ], note: "`handoff.effort_score`, 5 = very easy; below 3 calls for an intervention.")
    let attendance = Table(
      title: "Kickoff attendance",
      columns: [
        "kickoffs held", "with attendance recorded", "average attendance",
        "stakeholders who attended",
      ],
      rows: [
        [
          String(outcomes.kickoffsHeld), String(outcomes.kickoffsWithAttendance),
          percent(outcomes.attendanceShare),
          part(outcomes.stakeholdersAttended, of: outcomes.stakeholdersRecorded),
        ]
      ],
      note: "Each account's share of its stakeholders with `attended_kickoff: true` among those "
        + "where it is set, averaged; a stakeholder without the key is not recorded, never absent.")
    let churn = Table(
      title: "Churn",
      columns: ["churned", "early churn (within \(outcomes.earlyChurnDays) days)"],
      rows: [
        [String(outcomes.churned), part(outcomes.earlyChurned, of: outcomes.earlyChurnCounted)]
      ],
      note:
        "Early churn is over the accounts closed at least \(outcomes.earlyChurnDays) days "
        + "before HEAD, "
        + "and younger ones that have already churned.")
    let retention = Table(
      title: "Retention at day \(day) by handoff quality",
      columns: ["handoff", "accounts counted", "retained"],
      rows: ([outcomes.retention] + outcomes.retentionByCompleteness + outcomes.retentionByIntro
        + outcomes.retentionByChecklist).map { side in
          [side.label, String(side.counted), part(side.retained, of: side.counted)]
        },
      note:
        "Accounts closed at least \(day) days before HEAD; retained when not churned by day \(day)."
    )
    let levels = Table(
      title: "Service levels",
      columns: ["service level", "met", "not met", "not yet due", "share met"],
      rows: outcomes.serviceLevels.map { level in
        [
          level.name, String(level.met), String(level.notMet), String(level.notYetDue),
          percent(level.share),
        ]
      }, note: nil)
    let gaps = Table(
      title: "Checklist items not fully documented",
      columns: ["item", "not documented", "partially", "share of accounts"],
      rows: outcomes.checklistGaps.map { gap in
        [
          "\(gap.id) \(gap.title)", String(gap.notDocumented), String(gap.partially),
          percent(
            outcomes.accounts == 0
              ? nil : Double(gap.notDocumented + gap.partially) / Double(outcomes.accounts)),
        ]
      }, note: nil)
    return [firstValue, effort, attendance, churn, retention, levels, gaps]
  }

  /// The per-owner and per-month outcome columns.
  static let groupColumns: [(title: String, value: @Sendable (OutcomeFigures) -> String)] = [
    ("accounts", { String($0.accounts) }),
    ("median days to first value", { number($0.medianDaysToFirstValue) }),
    (
      "first value within benchmark",
      { outcomes in
        let counted = outcomes.firstValue.filter { $0.benchmarkDays != nil }
        return part(
          counted.reduce(0) { $0 + $1.meetingBenchmark }, of: counted.reduce(0) { $0 + $1.accounts }
        )
      }
    ),
    ("average effort", { number($0.averageEffort) }),
    ("effort below 3", { $0.effortScored == 0 ? noData : String($0.effortBelowThree) }),
    ("kickoff attendance", { percent($0.attendanceShare) }),
    ("early churn", { percent($0.earlyChurnShare) }),
    ("retained at day 90", { percent($0.retention.share) }),
    ("retained, record in time", { percent($0.retentionByCompleteness[0].share) }),
    ("retained, record late", { percent($0.retentionByCompleteness[1].share) }),
    ("retained, intro in time", { percent($0.retentionByIntro[0].share) }),
    (
      "retained, intro late or none",
      { outcomes in
        let late = outcomes.retentionByIntro[1]
        let never = outcomes.retentionByIntro[2]
        let counted = late.counted + never.counted
        return counted == 0
          ? noData : percent(Double(late.retained + never.retained) / Double(counted))
      }
    ),
    ("complete in time", { percent($0.serviceLevels[0].share) }),
    ("intro in time", { percent($0.serviceLevels[1].share) }),
    ("reconciled in time", { percent($0.serviceLevels[2].share) }),
    ("warm transition", { percent($0.serviceLevels[3].share) }),
  ]

  static func groups(_ title: String, first: String, _ groups: [PortfolioReport.Group]) -> Table {
    Table(
      title: title, columns: [first] + groupColumns.map(\.title),
      rows: groups.map { group in
        [group.key] + groupColumns.map { $0.value(group.figures.outcomes) }
      },
      note: nil)
  }
}
