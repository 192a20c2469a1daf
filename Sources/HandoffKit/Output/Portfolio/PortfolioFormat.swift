/// The formats `report --format` accepts.
public enum PortfolioFormat: String, CaseIterable, Sendable {
  case markdown, json, html

  public var renderer: any Renderer<PortfolioReport> {
    switch self {
    case .markdown: PortfolioMarkdownRenderer()
    case .json: PortfolioJSONRenderer()
    case .html: PortfolioHTMLRenderer()
    }
  }
}

/// How figures read in the human formats, so Markdown and HTML agree.
enum FigureText {
  /// `97.5%`, or `absent` (an en dash unless told) when there is nothing to divide.
  static func percent(_ share: Double?, absent: String = "–") -> String {
    share.map { decimal($0 * 100) + "%" } ?? absent
  }

  /// One decimal, without a trailing `.0`.
  static func decimal(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
  }

  static func optional(_ value: Double?, unit: String = "", absent: String = "–") -> String {
    value.map { decimal($0) + unit } ?? absent
  }

  /// Hours under two days, days beyond.
  static func duration(hours: Double?) -> String {
    guard let hours else { return "–" }
    return hours < 48 ? decimal(hours) + " h" : decimal(hours / 24) + " days"
  }

  /// `12 (3 accounts)`-style count with the share of accounts.
  static func count(_ count: Int, of figures: PortfolioFigures) -> String {
    "\(count) (\(percent(figures.share(count))))"
  }

  /// Red flag categories in a fixed order, then any other category met.
  static func categories(_ figures: [PortfolioFigures]) -> [String] {
    let others = Set(figures.flatMap(\.redFlags.keys)).subtracting(PortfolioFigures.categories)
      .sorted()
    return PortfolioFigures.categories + others
  }

  /// `A2 quantified outcomes (partially)`.
  static func gap(_ item: ChecklistItem) -> String {
    "\(item.id) \(item.title) (\(item.coverage.rawValue))"
  }

  /// The headline figures as label and value, in reading order.
  static func headline(_ figures: PortfolioFigures) -> [(String, String)] {
    [
      (
        "Records without errors within \(figures.completeWithinHours) h of close",
        count(figures.completeWithin24Hours, of: figures)
      ),
      (
        "Median time from close to a record without errors",
        duration(hours: figures.medianHoursToComplete)
      ),
      ("Records never without errors since close", String(figures.neverComplete)),
      ("Accounts with errors now", count(figures.defective, of: figures)),
      ("Median days from close to the joint intro meeting", optional(figures.medianDaysToIntro)),
      ("Median days from close to kickoff", optional(figures.medianDaysToKickoff)),
      ("Commitments reconciled with the customer", count(figures.reconciled, of: figures)),
      ("Commitments at close", String(figures.commitmentsAtClose)),
      (
        "Added after close (scope creep)",
        "\(figures.addedAfterClose) (\(optional(figures.scopeCreepRate)) per account)"
      ),
      (
        "Re-dated / missed / withdrawn since close",
        "\(figures.redated) / \(figures.missed) / \(figures.withdrawn)"
      ),
      (
        "Removed after close (a promise must be withdrawn, never deleted)",
        String(figures.removedAfterClose)
      ),
      (
        "Verbal promises outside the contract",
        "\(figures.verbalPromises), in \(figures.accountsWithVerbalPromises) accounts "
          + "(\(percent(figures.share(figures.accountsWithVerbalPromises))))"
      ),
      (
        "Above the red flag threshold",
        "\(count(figures.aboveThreshold, of: figures)), \(figures.aboveThresholdWithoutPlan) "
          + "without a mitigation plan"
      ),
      ("Average checklist completeness", percent(figures.averageCompleteness.map { $0 / 100 })),
    ]
  }

  /// The columns of the per-owner and per-month tables.
  static func groupColumns(hours: Int) -> [(
    title: String, value: @Sendable (PortfolioFigures) -> String
  )] {
    [
      ("accounts", { String($0.accounts) }),
      ("no errors ≤ \(hours) h", { percent($0.completeWithin24HoursShare) }),
      ("median to no errors", { duration(hours: $0.medianHoursToComplete) }),
      ("errors now", { String($0.defective) }),
      ("days to intro", { optional($0.medianDaysToIntro) }),
      ("days to kickoff", { optional($0.medianDaysToKickoff) }),
      ("reconciled", { percent($0.share($0.reconciled)) }),
      ("added / account", { optional($0.scopeCreepRate) }),
      ("re-dated", { String($0.redated) }),
      ("missed", { String($0.missed) }),
      ("withdrawn", { String($0.withdrawn) }),
      ("verbal", { String($0.verbalPromises) }),
      ("red flags", { String($0.redFlags.values.reduce(0, +)) }),
      ("over threshold", { String($0.aboveThreshold) }),
      ("CSM confidence", { optional($0.averageConfidence) }),
      ("completeness", { percent($0.averageCompleteness.map { $0 / 100 }) }),
    ]
  }
}

/// The lines that say what a report covers, shared by the human formats.
enum PortfolioHeading {
  static func subtitle(_ report: PortfolioReport) -> String {
    var lines: [String] = []
    let day = CalendarDate(utcDayOf: report.head.time)
    lines.append("At commit \(String(report.head.id.description.prefix(12))) (\(day)).")
    lines.append(
      "\(report.trackedAccounts) accounts tracked, \(report.trackedDefective) with errors now, "
        + "\(report.notClosed) not closed. Red flag threshold: \(report.redFlagThreshold).")
    return lines.joined(separator: "\n")
  }

  /// Why the weakest handoffs list is empty.
  static func noWeakest(_ report: PortfolioReport) -> String {
    report.summary.accounts == 0 ? "No closed accounts." : "Not listed (`--weakest 0`)."
  }

  static func closedTitle(_ report: PortfolioReport) -> String {
    "\(report.summary.accounts) accounts closed" + (report.since.map { " since \($0)" } ?? "")
  }
}
