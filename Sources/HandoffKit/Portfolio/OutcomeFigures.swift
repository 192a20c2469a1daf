/// What came after the handoffs of one group of closed accounts: time to first value, effort,
/// kickoff attendance, churn and retention by handoff quality, service levels and the checklist
/// items most often missing. Definitions are the format's ("Additions to version 1"); a figure
/// without data is nil, never zero.
public struct OutcomeFigures: Sendable {
  /// What the figures are measured against: the service levels and the day of HEAD's commit
  /// (an account counts for day N only once HEAD is N days past its close).
  public struct Context: Sendable {
    public var serviceLevels: ServiceLevels
    /// HEAD's commit time (seconds since 1970); its UTC day is "today" for the figures.
    public var headTime: Int64?

    public init(serviceLevels: ServiceLevels = ServiceLevels(), headTime: Int64? = nil) {
      self.serviceLevels = serviceLevels
      self.headTime = headTime
    }

    var asOf: CalendarDate? { headTime.map(CalendarDate.init(utcDayOf:)) }
  }

  /// Time to first value in one segment, against its benchmark.
  public struct FirstValue: Sendable {
    public var segment: String
    public var benchmarkDays: Int?
    /// Accounts of the segment with `first_value_on`.
    public var accounts = 0
    public var medianDays: Double?
    public var meetingBenchmark = 0
    /// Accounts of the segment without `first_value_on` that are older than the benchmark: not
    /// in the share (the spec measures recorded first values), but worth seeing beside it.
    public var pastBenchmarkWithoutValue = 0
    public var meetingShare: Double? {
      accounts == 0 || benchmarkDays == nil ? nil : Double(meetingBenchmark) / Double(accounts)
    }
  }

  /// Retention at a day for one side of a quality split.
  public struct Retention: Sendable {
    public var label: String
    /// Accounts old enough to count, and those of them retained.
    public var counted = 0
    public var retained = 0
    public var share: Double? { counted == 0 ? nil : Double(retained) / Double(counted) }
  }

  /// One service level: accounts that met it, missed it, and where it is not due yet.
  public struct ServiceLevel: Sendable {
    public var name: String
    public var met = 0
    public var notMet = 0
    public var notYetDue = 0
    public var share: Double? { met + notMet == 0 ? nil : Double(met) / Double(met + notMet) }
  }

  /// How often one checklist item is not, or only partially, documented.
  public struct ItemGap: Sendable {
    public var id: String
    public var title: String
    public var notDocumented = 0
    public var partially = 0
  }

  public static let retentionDay = 90
  public static let segments = ["smb", "mid-market", "enterprise"]

  public var accounts = 0
  public var firstValue: [FirstValue] = []
  /// Over every segment.
  public var medianDaysToFirstValue: Double?
  /// Accounts per effort score 1...5 (index 0 is score 1).
  public var effort = [0, 0, 0, 0, 0]
  public var effortBelowThree: Int { effort[0] + effort[1] }
  public var effortScored: Int { effort.reduce(0, +) }
  /// Accounts past the survey day with no score yet.
  public var effortMissing = 0
  public var averageEffort: Double? {
    effortScored == 0
      ? nil
      : Double(effort.enumerated().reduce(0) { $0 + ($1.offset + 1) * $1.element })
        / Double(effortScored)
  }

  /// Accounts that held a kickoff, those that recorded attendance, and the stakeholders.
  public var kickoffsHeld = 0
  public var kickoffsWithAttendance = 0
  public var stakeholdersAttended = 0
  public var stakeholdersRecorded = 0
  /// The sum of each account's attendance share (the spec defines attendance per account).
  var attendanceShares = 0.0
  /// The mean of the accounts' attendance shares, over the kickoffs with attendance recorded.
  public var attendanceShare: Double? {
    kickoffsWithAttendance == 0 ? nil : attendanceShares / Double(kickoffsWithAttendance)
  }

  /// Accounts with a churn day. Early churn is over the accounts old enough to count for the
  /// window, and the younger ones that have already churned within it (their outcome is known).
  public var churned = 0
  public var earlyChurnDays = 90
  public var earlyChurnCounted = 0
  public var earlyChurned = 0
  public var earlyChurnShare: Double? {
    earlyChurnCounted == 0 ? nil : Double(earlyChurned) / Double(earlyChurnCounted)
  }

  /// Retention at day 90: overall, and split by the quality of the handoff.
  public var retention = Retention(label: "all")
  public var retentionByCompleteness: [Retention] = []
  public var retentionByIntro: [Retention] = []
  public var retentionByChecklist: [Retention] = []

  public var serviceLevels: [ServiceLevel] = []
  /// Checklist items A1–C5 in order, with how often each is not fully documented.
  public var checklistGaps: [ItemGap] = []

  public init(_ group: [HandoffFacts], context: Context = Context()) {
    let levels = context.serviceLevels
    accounts = group.count
    earlyChurnDays = levels.earlyChurnDays
    firstValue = Self.firstValue(group, benchmarks: levels.firstValueDays, asOf: context.asOf)
    medianDaysToFirstValue = PortfolioFigures.median(
      group.compactMap { $0.daysToFirstValue.map(Double.init) })

    let hours = levels.completeWithinHours
    var complete = ServiceLevel(name: "complete")
    var intro = ServiceLevel(name: "intro")
    var reconcile = ServiceLevel(name: "reconciliation")
    var warm = ServiceLevel(name: "warm transition")
    retentionByCompleteness = [
      Retention(label: "without errors within \(hours) h"), Retention(label: "later or never"),
    ]
    retentionByIntro = [
      Retention(label: "intro within \(levels.introWithinDays) days"),
      Retention(label: "intro later"),
      Retention(label: "no intro"),
    ]
    retentionByChecklist = ["under 25%", "25–50%", "50–75%", "75% and more"].map {
      Retention(label: "checklist " + $0)
    }
    // Counted by the item's place in the checklist: items outside it are not reported.
    var gaps = Auditor.checklist.map { ItemGap(id: $0.id, title: $0.title) }

    for facts in group {
      let age = context.asOf.flatMap { asOf in facts.closedOn.map { asOf.dayNumber - $0.dayNumber }
      }
      if let score = facts.effortScore, (1...5).contains(score) {
        effort[score - 1] += 1
      } else if let age, age >= levels.effortSurveyDay {
        effortMissing += 1
      }
      if facts.kickoffHeld {
        kickoffsHeld += 1
        if facts.attendanceRecorded > 0 {
          kickoffsWithAttendance += 1
          attendanceShares += Double(facts.attendedKickoff) / Double(facts.attendanceRecorded)
        }
        stakeholdersAttended += facts.attendedKickoff
        stakeholdersRecorded += facts.attendanceRecorded
      }
      if facts.churnDay != nil { churned += 1 }
      if let retained = Self.retained(facts, atDay: levels.earlyChurnDays, age: age) {
        earlyChurnCounted += 1
        if !retained { earlyChurned += 1 }
      } else if let churn = facts.churnDay, let closedOn = facts.closedOn,
        churn.dayNumber - closedOn.dayNumber <= levels.earlyChurnDays
      {
        earlyChurnCounted += 1
        earlyChurned += 1
      }
      if let retained = Self.retained(facts, atDay: Self.retentionDay, age: age) {
        let introSide = facts.daysToIntro.map { $0 <= levels.introWithinDays ? 0 : 1 } ?? 2
        let quartile = min(3, max(0, Int(facts.completeness / 25)))
        Self.count(retained, in: &retention)
        Self.count(
          retained, in: &retentionByCompleteness[facts.completeInTime(hours: hours) ? 0 : 1])
        Self.count(retained, in: &retentionByIntro[introSide])
        Self.count(retained, in: &retentionByChecklist[quartile])
      }

      if facts.completeInTime(hours: hours) {
        complete.met += 1
      } else if let close = facts.close, let head = context.headTime,
        head < close.time + Int64(hours) * 3600
      {
        complete.notYetDue += 1
      } else {
        complete.notMet += 1
      }
      Self.judge(
        facts.daysToIntro.map { $0 <= levels.introWithinDays }, due: facts.introDue, into: &intro)
      Self.judge(
        facts.daysFromKickoffToReconcile.map { $0 <= levels.reconcileWithinDays },
        due: facts.reconcileDue,
        into: &reconcile)
      Self.judge(
        facts.warmTransitionDays.map { $0 >= levels.warmTransitionDays },
        due: facts.warmTransitionDue, into: &warm)

      for index in facts.gaps.indices {
        guard let slot = Self.checklistSlots[facts.gaps[index].id] else { continue }
        if facts.gaps[index].coverage == .not {
          gaps[slot].notDocumented += 1
        } else {
          gaps[slot].partially += 1
        }
      }
    }
    serviceLevels = [complete, intro, reconcile, warm]
    checklistGaps = gaps
  }

  /// Each checklist item's place in `Auditor.checklist`, by id.
  private static let checklistSlots = Dictionary(
    Auditor.checklist.enumerated().map { ($0.element.id, $0.offset) },
    uniquingKeysWith: { first, _ in first })

  /// Whether the account was retained at `day`, or nil when it is too young to count (or has
  /// no `deal.closed_on` to count from).
  static func retained(_ facts: HandoffFacts, atDay day: Int, age: Int?) -> Bool? {
    guard let age, age >= day, let closedOn = facts.closedOn else { return nil }
    guard let churn = facts.churnDay else { return true }
    return churn.dayNumber - closedOn.dayNumber > day
  }

  private static func count(_ retained: Bool, in retention: inout Retention) {
    retention.counted += 1
    if retained { retention.retained += 1 }
  }

  /// Met or not when the date is there; without it, not met once due and not yet due before.
  private static func judge(_ met: Bool?, due: Bool, into level: inout ServiceLevel) {
    switch met {
    case true?: level.met += 1
    case false?: level.notMet += 1
    case nil where due: level.notMet += 1
    case nil: level.notYetDue += 1
    }
  }

  /// Per segment (the format's three, then any other a record names), over the accounts with
  /// `first_value_on`.
  private static func firstValue(
    _ group: [HandoffFacts], benchmarks: [String: Int], asOf: CalendarDate?
  )
    -> [FirstValue]
  {
    var days: [String: [Int]] = [:]
    var overdue: [String: Int] = [:]
    for facts in group {
      guard let segment = facts.segment else { continue }
      if let value = facts.daysToFirstValue {
        days[segment, default: []].append(value)
      } else if let benchmark = benchmarks[segment], let asOf, let closedOn = facts.closedOn,
        asOf.dayNumber - closedOn.dayNumber > benchmark
      {
        overdue[segment, default: 0] += 1
      }
    }
    let names = segments + days.keys.filter { !segments.contains($0) }.sorted()
    return names.map { name in
      let values = days[name] ?? []
      let benchmark = benchmarks[name]
      return FirstValue(
        segment: name, benchmarkDays: benchmark, accounts: values.count,
        medianDays: PortfolioFigures.median(values.map(Double.init)),
        meetingBenchmark: benchmark.map { limit in values.count { $0 <= limit } } ?? 0,
        pastBenchmarkWithoutValue: overdue[name] ?? 0)
    }
  }
}
