/// The report as one JSON document, for dashboards and scripts. Shares are fractions (0–1),
/// durations are hours or days as their keys say, and a figure with no data is `null`.
public struct PortfolioJSONRenderer: Renderer {
  public init() {}

  public func render(_ report: PortfolioReport) -> String {
    JSONValue.object([
      ("version", .int(1)),
      ("commit", .string(report.head.id.description)),
      ("date", .string(CalendarDate(utcDayOf: report.head.time).description)),
      ("since", .optional(report.since?.description)),
      ("red_flag_threshold", .int(report.redFlagThreshold)),
      (
        "portfolio",
        .object([
          ("accounts", .int(report.trackedAccounts)),
          ("defective", .int(report.trackedDefective)),
          ("not_closed", .int(report.notClosed)),
        ])
      ),
      ("closed", Self.figures(report.summary)),
      (
        "by_sales_owner",
        .array(
          report.bySalesOwner.map { group in
            Self.figures(group.figures, leading: [("sales_owner", .string(group.key))])
          })
      ),
      (
        "by_close_month",
        .array(
          report.byCloseMonth.map { group in
            Self.figures(group.figures, leading: [("month", .string(group.key))])
          })
      ),
      (
        "weakest",
        .array(
          report.weakest.map { weak in
            .object([
              ("account", .string(weak.account)),
              ("sales_owner", .optional(weak.salesOwner)),
              ("closed", .optional(weak.closeDay?.description)),
              ("completeness", .double(Self.rounded(weak.completeness, 1))),
              ("errors", .int(weak.errors)),
              ("red_flags", .int(weak.redFlags)),
              (
                "missing",
                .array(
                  weak.gaps.map { item in
                    .object([
                      ("id", .string(item.id)), ("title", .string(item.title)),
                      ("coverage", .string(item.coverage.rawValue)),
                    ])
                  })
              ),
            ])
          })
      ),
    ]).serialized(indent: 2) + "\n"
  }

  static func figures(_ figures: PortfolioFigures, leading: [(String, JSONValue)] = []) -> JSONValue
  {
    let categories = FigureText.categories([figures])
    return .object(
      leading + [
        ("accounts", .int(figures.accounts)),
        ("defective", .int(figures.defective)),
        ("complete_within_24h", .int(figures.completeWithin24Hours)),
        ("complete_within_24h_share", number(figures.completeWithin24HoursShare, 3)),
        ("never_complete", .int(figures.neverComplete)),
        ("median_hours_to_complete", number(figures.medianHoursToComplete, 1)),
        ("median_days_to_intro", number(figures.medianDaysToIntro, 1)),
        ("median_days_to_kickoff", number(figures.medianDaysToKickoff, 1)),
        ("reconciled", .int(figures.reconciled)),
        ("commitments_at_close", .int(figures.commitmentsAtClose)),
        ("added_after_close", .int(figures.addedAfterClose)),
        ("scope_creep_rate", number(figures.scopeCreepRate, 3)),
        ("redated", .int(figures.redated)),
        ("missed", .int(figures.missed)),
        ("withdrawn", .int(figures.withdrawn)),
        ("removed_after_close", .int(figures.removedAfterClose)),
        ("verbal_promises", .int(figures.verbalPromises)),
        ("accounts_with_verbal_promises", .int(figures.accountsWithVerbalPromises)),
        ("average_csm_confidence", number(figures.averageConfidence, 2)),
        (
          "csm_confidence",
          .object(
            (1...5).map { (String($0), JSONValue.int(figures.confidence[$0 - 1])) } + [
              ("unset", .int(figures.confidenceUnset))
            ])
        ),
        ("red_flags", .object(categories.map { ($0, JSONValue.int(figures.redFlags[$0] ?? 0)) })),
        ("above_threshold", .int(figures.aboveThreshold)),
        ("above_threshold_without_plan", .int(figures.aboveThresholdWithoutPlan)),
        ("average_completeness", number(figures.averageCompleteness, 1)),
        ("outcomes", OutcomeJSON.outcomes(figures.outcomes)),
      ])
  }

  static func rounded(_ value: Double, _ digits: Int) -> Double {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    return (value * scale).rounded() / scale
  }

  static func number(_ value: Double?, _ digits: Int) -> JSONValue {
    value.map { .double(rounded($0, digits)) } ?? .null
  }
}
