/// What needs attention on a day: every closed account's clocks and dates checked against
/// `asOf` and a window of days ahead. Given the same records, settings and day the answer is
/// the same; nothing here reads the clock.
public struct DueQueue: Sendable {
  public var asOf: CalendarDate
  public var withinDays: Int
  /// Only this owner's items, when given.
  public var owner: String?
  /// Sorted by owner (nobody last), date, account, kind and subject.
  public var items: [DueItem]

  public static let defaultWindow = 14

  public init(asOf: CalendarDate, withinDays: Int, owner: String?, items: [DueItem]) {
    self.asOf = asOf
    self.withinDays = withinDays
    self.owner = owner
    self.items = items.filter { owner == nil || $0.owner == owner }.sorted { left, right in
      switch (left.owner, right.owner) {
      case (let a?, let b?) where a != b: return a < b
      case (nil, _?): return false
      case (_?, nil): return true
      default: break
      }
      if left.due != right.due { return left.due < right.due }
      if left.account != right.account { return left.account < right.account }
      if left.kind != right.kind { return left.kind.rawValue < right.kind.rawValue }
      return (left.subject ?? "") < (right.subject ?? "")
    }
  }

  /// The items of one account's record on `asOf`, looking `withinDays` ahead. Only accounts
  /// that are closed and still customers (not churned, not lost) have any.
  public static func items(
    of record: AccountRecord, levels: ServiceLevels, asOf: CalendarDate, withinDays: Int
  ) -> [DueItem] {
    guard let stage = record.stage, stage.isClosed, stage != .churned else { return [] }
    let windowEnd = asOf.dayNumber + withinDays
    let csm = record.accountValue("owners.success")?.string ?? record.accountValue("owners.sales")?.string
    var items: [DueItem] = []
    func add(
      _ kind: DueItem.Kind, due: CalendarDate, subject: String? = nil, owner: String? = nil, _ title: String,
      in file: RecordFile = .account, at node: YAMLNode? = nil
    ) {
      items.append(
        DueItem(
          account: record.id, owner: owner ?? csm, kind: kind, due: due, subject: subject, title: title, file: file,
          location: node?.location))
    }
    func day(_ number: Int) -> CalendarDate { CalendarDate(dayNumber: number) }
    let closed = record.accountDate("deal.closed_on")
    let handoff = record.accountValue("handoff")

    if let closed {
      // The joint intro and the kickoff run on the same clock: within the first
      // `intro_within_days` of the close.
      let serviceLevel = closed.date.dayNumber + levels.introWithinDays
      for (kind, key, name) in [
        (DueItem.Kind.introMeeting, "intro_meeting", "joint intro meeting"), (.kickoff, "kickoff", "kickoff"),
      ] where record.accountDate("handoff.\(key)") == nil && asOf.dayNumber > serviceLevel {
        add(
          kind, due: day(serviceLevel),
          "hold the \(name): due within \(levels.introWithinDays) days of the close on \(closed.date)",
          at: handoff ?? closed.node)
      }
      let surveyDay = closed.date.dayNumber + levels.effortSurveyDay
      let score = record.accountValue("handoff.effort_score")
      if score == nil, asOf.dayNumber >= surveyDay {
        add(
          .effortSurvey, due: day(surveyDay),
          "ask the effort question (\"How easy has it been to get started?\"): day \(levels.effortSurveyDay) after close",
          at: handoff ?? closed.node)
      }
      if let value = score?.number, value < 3 {
        add(
          .lowEffortScore, due: day(surveyDay),
          "effort score \(FigureText.decimal(value)) of 5: below 3 calls for an intervention", at: score)
      }
    }
    if let kickoff = record.accountDate("handoff.kickoff"), record.accountValue("handoff.reconciled_on") == nil {
      let due = kickoff.date.dayNumber + levels.reconcileWithinDays
      if due <= windowEnd {
        add(
          .reconciliation, due: day(due),
          "walk every commitment through with the customer: due \(levels.reconcileWithinDays) days after the kickoff",
          at: kickoff.node)
      }
    }
    if let until = record.accountDate("handoff.warm_transition_until"),
      (asOf.dayNumber...windowEnd).contains(until.date.dayNumber)
    {
      add(.warmTransitionEnds, due: until.date, "the warm transition ends: the sales rep steps out", at: until.node)
    }
    if let renewal = record.accountDate("contract.renewal"), record.accountValue("handoff.first_value_on") == nil,
      (asOf.dayNumber...windowEnd).contains(renewal.date.dayNumber)
    {
      add(.renewalBeforeFirstValue, due: renewal.date, "renewal comes before any first value is recorded", at: renewal.node)
    }

    for commitment in record.commitments where commitment.isLiveCommitment {
      guard let due = commitment["due"]?.string.flatMap(CalendarDate.init), due.dayNumber <= windowEnd else { continue }
      let id = commitment["id"]?.string
      let role = commitment["owner"]?.string
      let person = role == "sales" ? record.accountValue("owners.sales")?.string : nil
      let promise = commitment["promise"]?.string.map { Excerpt.of($0) } ?? id ?? "a commitment"
      let verb = due < asOf ? "overdue" : "due"
      add(
        .commitment, due: due, subject: id, owner: person, "commitment \(verb): \(promise)", in: .commitments,
        at: commitment["due"])
    }
    for thread in record.list("open_threads", in: .threads) {
      guard let due = thread["due"]?.string.flatMap(CalendarDate.init), due < asOf else { continue }
      let question = thread["question"]?.string
      add(
        .openThread, due: due, subject: question, owner: thread["owner"]?.string,
        "open thread past due: \(question.map { Excerpt.of($0) } ?? "a question")", in: .threads, at: thread["due"])
    }
    if let plan = record.roots[.risks]?["mitigation_plan"],
      let review = plan["review_on"]?.string.flatMap(CalendarDate.init), review <= asOf
    {
      add(
        .mitigationReview, due: review, owner: plan["owner"]?.string, "review the mitigation plan", in: .risks,
        at: plan["review_on"])
    }
    for person in record.stakeholders where person["roles"]?.strings.contains("champion") == true {
      guard let leaving = person["leaving_on"]?.string.flatMap(CalendarDate.init),
        (asOf.dayNumber...windowEnd).contains(leaving.dayNumber)
      else { continue }
      let name = person["name"]?.string
      add(
        .championLeaving, due: leaving, subject: name,
        "champion \(name.map { Excerpt.of($0) } ?? "") leaves: name a successor", in: .stakeholders,
        at: person["leaving_on"])
    }
    return items
  }
}
