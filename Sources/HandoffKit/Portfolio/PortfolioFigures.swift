/// The report's figures over one group of closed accounts: the whole portfolio, one sales
/// owner's, or one month's closes. Every share and median is over the accounts that have the
/// data; the counts say how many did.
public struct PortfolioFigures: Sendable {
  public var accounts = 0
  /// Accounts with at least one error at HEAD.
  public var defective = 0

  /// Accounts whose record had no errors within 24 hours (`complete_within_hours`) of the
  /// close commit.
  public var completeWithin24Hours = 0
  /// Accounts whose record has never been free of errors since close.
  public var neverComplete = 0
  /// Median hours from the close commit to the first error-free record (complete ones only).
  public var medianHoursToComplete: Double?

  public var medianDaysToIntro: Double?
  public var medianDaysToKickoff: Double?
  public var reconciled = 0

  public var commitmentsAtClose = 0
  public var addedAfterClose = 0
  public var redated = 0
  public var missed = 0
  public var withdrawn = 0
  public var removedAfterClose = 0
  public var verbalPromises = 0
  public var accountsWithVerbalPromises = 0

  /// Accounts per CSM confidence 1...5 (index 0 is confidence 1), and accounts without one.
  public var confidence = [0, 0, 0, 0, 0]
  public var confidenceUnset = 0
  /// Red flags (declared and derived) per category: `categories`, and any other a record uses.
  public var redFlags: [String: Int] = [:]
  public var aboveThreshold = 0
  public var aboveThresholdWithoutPlan = 0
  /// Mean audit completeness, in percent.
  public var averageCompleteness: Double?

  /// The hours `completeWithin24Hours` is measured with (`complete_within_hours`).
  public var completeWithinHours = 24
  public var outcomes: OutcomeFigures

  public static let categories = ["promise", "stakeholder", "timeline"]

  /// Commitments added after close per account.
  public var scopeCreepRate: Double? {
    accounts == 0 ? nil : Double(addedAfterClose) / Double(accounts)
  }
  public var completeWithin24HoursShare: Double? { share(completeWithin24Hours) }
  public func share(_ count: Int) -> Double? {
    accounts == 0 ? nil : Double(count) / Double(accounts)
  }

  /// Mean CSM confidence of the accounts that have one.
  public var averageConfidence: Double? {
    let rated = confidence.reduce(0, +)
    guard rated > 0 else { return nil }
    return Double(confidence.enumerated().reduce(0) { $0 + ($1.offset + 1) * $1.element })
      / Double(rated)
  }

  public init(_ group: [HandoffFacts], context: OutcomeFigures.Context = OutcomeFigures.Context()) {
    accounts = group.count
    completeWithinHours = context.serviceLevels.completeWithinHours
    outcomes = OutcomeFigures(group, context: context)
    var hours: [Double] = []
    var intro: [Double] = []
    var kickoff: [Double] = []
    var completeness = 0.0
    for facts in group {
      if facts.errors > 0 { defective += 1 }
      if let seconds = facts.secondsToComplete {
        hours.append(Double(seconds) / 3600)
        if facts.completeInTime(hours: completeWithinHours) { completeWithin24Hours += 1 }
      } else {
        neverComplete += 1
      }
      if let days = facts.daysToIntro { intro.append(Double(days)) }
      if let days = facts.daysToKickoff { kickoff.append(Double(days)) }
      if facts.reconciled { reconciled += 1 }
      commitmentsAtClose += facts.commitmentsAtClose
      addedAfterClose += facts.addedAfterClose
      redated += facts.redated
      missed += facts.missed
      withdrawn += facts.withdrawn
      removedAfterClose += facts.removedAfterClose
      verbalPromises += facts.verbalPromises
      if facts.verbalPromises > 0 { accountsWithVerbalPromises += 1 }
      if let level = facts.csmConfidence, (1...5).contains(level) {
        confidence[level - 1] += 1
      } else {
        confidenceUnset += 1
      }
      for flag in facts.redFlags { redFlags[flag.category, default: 0] += 1 }
      if facts.aboveThreshold {
        aboveThreshold += 1
        if !facts.mitigationPresent { aboveThresholdWithoutPlan += 1 }
      }
      completeness += facts.completeness
    }
    medianHoursToComplete = Self.median(hours)
    medianDaysToIntro = Self.median(intro)
    medianDaysToKickoff = Self.median(kickoff)
    averageCompleteness = group.isEmpty ? nil : completeness / Double(group.count)
  }

  /// The middle value (the mean of the two middle ones for an even count); nil for none.
  static func median(_ values: [Double]) -> Double? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }
}
