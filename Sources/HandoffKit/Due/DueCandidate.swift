/// An obligation a record holds whatever the day: its date and the rule for when it shows in
/// the queue. A record's candidates depend only on its bytes and the service levels, so they
/// can be kept across runs; the day asked about only filters them.
struct DueCandidate: Sendable, Equatable {
  /// When the item shows, relative to the day asked about (`asOf`) and the window's end.
  enum Showing: UInt8, Sendable {
    /// Once the date has passed (a service level or a thread past due).
    case afterDue
    /// From the date on (the effort survey, a mitigation review).
    case fromDue
    /// When the date is within the window or already past (a commitment, a reconciliation).
    case dueOrOverdue
    /// Only while the date lies between `asOf` and the window's end (a champion leaving).
    case withinWindow
    /// Always (an effort score below 3).
    case always
  }

  var item: DueItem
  var showing: Showing
  /// For a meeting set later than its service level: the day it is set for (it shows until then).
  var heldOn: CalendarDate? = nil
  /// `contract.ended_on`: from that day the customer is gone and nothing is due.
  var endedOn: CalendarDate? = nil

  func item(asOf: CalendarDate, withinDays: Int) -> DueItem? {
    let due = item.due.dayNumber
    let today = asOf.dayNumber
    if let endedOn, endedOn <= asOf { return nil }
    if let heldOn, heldOn <= asOf { return nil }
    let shows: Bool
    switch showing {
    case .afterDue: shows = today > due
    case .fromDue: shows = today >= due
    case .dueOrOverdue: shows = due <= today + withinDays
    case .withinWindow: shows = today <= due && due <= today + withinDays
    case .always: shows = true
    }
    guard shows else { return nil }
    var shown = item
    if shown.kind == .commitment {
      shown.title = (due < today ? "commitment overdue: " : "commitment due: ") + shown.title
    }
    return shown
  }

  /// Every obligation of a closed account that is still a customer (not churned, not lost).
  static func candidates(of record: AccountRecord, levels: ServiceLevels) -> [DueCandidate] {
    guard record.stage?.isCustomer == true else { return [] }
    let csm =
      record.accountValue("owners.success")?.string ?? record.accountValue("owners.sales")?.string
    var candidates: [DueCandidate] = []
    func add(
      _ kind: DueItem.Kind, _ showing: Showing, due: CalendarDate, subject: String? = nil,
      owner: String? = nil,
      _ title: String, in file: RecordFile = .account, at node: YAMLNode? = nil
    ) {
      let item = DueItem(
        account: record.id, owner: owner ?? csm, kind: kind, due: due, subject: subject,
        title: title, file: file,
        location: node?.location)
      candidates.append(DueCandidate(item: item, showing: showing))
    }
    let closed = record.accountDate("deal.closed_on")
    let handoff = record.accountValue("handoff")
    let endedOn = record.accountDate("contract.ended_on")?.date

    if let closed {
      // The joint intro and the kickoff run on the same clock: within the first
      // `intro_within_days` of the close.
      let serviceLevel = CalendarDate(dayNumber: closed.date.dayNumber + levels.introWithinDays)
      for (kind, key, name) in [
        (DueItem.Kind.introMeeting, "intro_meeting", "joint intro meeting"),
        (.kickoff, "kickoff", "kickoff"),
      ] {
        let set = record.accountDate("handoff.\(key)")
        // Held (or set) within the service level: nothing to do.
        if let set, set.date <= serviceLevel { continue }
        let when = set.map { ", set for \($0.date)" } ?? ""
        add(
          kind, .afterDue, due: serviceLevel,
          "hold the \(name): due within \(levels.introWithinDays) days of the close on "
            + "\(closed.date)\(when)",
          at: set?.node ?? handoff ?? closed.node)
        candidates[candidates.count - 1].heldOn = set?.date
      }
      let surveyDay = CalendarDate(dayNumber: closed.date.dayNumber + levels.effortSurveyDay)
      // A score that is not a whole number from 1 to 5 (a schema error) counts as no score.
      let score = record.accountValue("handoff.effort_score").flatMap { node in
        node.number.map { $0 == $0.rounded() && (1...5).contains($0) } == true ? node : nil
      }
      if score == nil {
        add(
          .effortSurvey, .fromDue, due: surveyDay,
          "ask the effort question (\"How easy has it been to get started?\"): day "
            + "\(levels.effortSurveyDay) after close",
          at: handoff ?? closed.node)
      } else if let value = score?.number, value < 3 {
        add(
          .lowEffortScore, .always, due: surveyDay,
          "effort score \(FigureText.decimal(value)) of 5: below 3 calls for an intervention",
          at: score)
      }
    }
    if let kickoff = record.accountDate("handoff.kickoff"),
      record.accountValue("handoff.reconciled_on") == nil
    {
      add(
        .reconciliation, .dueOrOverdue,
        due: CalendarDate(dayNumber: kickoff.date.dayNumber + levels.reconcileWithinDays),
        "walk every commitment through with the customer: due \(levels.reconcileWithinDays) "
          + "days after the kickoff",
        at: kickoff.node)
    }
    if let until = record.accountDate("handoff.warm_transition_until") {
      add(
        .warmTransitionEnds, .withinWindow, due: until.date,
        "the warm transition ends: the sales rep steps out", at: until.node)
    }
    if let renewal = record.accountDate("contract.renewal"),
      record.accountValue("handoff.first_value_on") == nil
    {
      add(
        .renewalBeforeFirstValue, .withinWindow, due: renewal.date,
        "renewal comes before any first value is recorded",
        at: renewal.node)
    }
    for commitment in record.commitments where commitment.isLiveCommitment {
      guard let due = commitment["due"]?.string.flatMap(CalendarDate.init) else { continue }
      let id = commitment["id"]?.string
      // A promise the sales side owns goes to the sales owner; every other to the CSM.
      let person =
        commitment["owner"]?.string == "sales" ? record.accountValue("owners.sales")?.string : nil
      let promise = commitment["promise"]?.string.map { Excerpt.of($0) } ?? id ?? "a commitment"
      add(
        .commitment, .dueOrOverdue, due: due, subject: id, owner: person, promise, in: .commitments,
        at: commitment["due"])
    }
    for thread in record.list("open_threads", in: .threads) {
      guard let due = thread["due"]?.string.flatMap(CalendarDate.init) else { continue }
      let question = thread["question"]?.string
      add(
        .openThread, .afterDue, due: due, subject: question, owner: thread["owner"]?.string,
        "open thread past due: \(question.map { Excerpt.of($0) } ?? "a question")", in: .threads,
        at: thread["due"])
    }
    if let plan = record.roots[.risks]?["mitigation_plan"],
      let review = plan["review_on"]?.string.flatMap(CalendarDate.init)
    {
      add(
        .mitigationReview, .fromDue, due: review, owner: plan["owner"]?.string,
        "review the mitigation plan", in: .risks,
        at: plan["review_on"])
    }
    for person in record.stakeholders where person["roles"]?.strings.contains("champion") == true {
      guard let leaving = person["leaving_on"]?.string.flatMap(CalendarDate.init) else { continue }
      let name = person["name"]?.string
      add(
        .championLeaving, .withinWindow, due: leaving, subject: name,
        "champion \(name.map { Excerpt.of($0) } ?? "") leaves: name a successor", in: .stakeholders,
        at: person["leaving_on"])
    }
    // Same kind and subject twice (a reused commitment id): numbered in file order.
    var seen: [String: Int] = [:]
    for index in candidates.indices {
      let key =
        candidates[index].item.kind.rawValue + "\u{0}" + (candidates[index].item.subject ?? "")
      seen[key, default: 0] += 1
      candidates[index].item.occurrence = seen[key]!
      candidates[index].endedOn = endedOn
    }
    return candidates
  }
}
