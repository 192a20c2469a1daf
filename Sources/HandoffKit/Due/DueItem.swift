/// One thing a CSM has to do by a date: a service level running out, a promise falling due, a
/// risk to look at again. Its `uid` names the obligation, not the day, so a calendar that
/// subscribes to the queue updates the event in place when the date moves.
public struct DueItem: Sendable, Equatable {
  public enum Kind: String, Sendable, CaseIterable {
    case introMeeting = "intro-meeting"
    case kickoff
    case reconciliation
    case commitment
    case openThread = "open-thread"
    case mitigationReview = "mitigation-review"
    case championLeaving = "champion-leaving"
    case effortSurvey = "effort-survey"
    case lowEffortScore = "low-effort-score"
    case warmTransitionEnds = "warm-transition-ends"
    case renewalBeforeFirstValue = "renewal-before-first-value"
  }

  public var account: String
  /// The person who acts: a thread's or mitigation plan's owner, else the account's CSM
  /// (`owners.success`), else its sales owner; nil when the record names nobody.
  public var owner: String?
  public var kind: Kind
  public var due: CalendarDate
  /// What within the account the item is about: a commitment id, a question, a name.
  public var subject: String?
  /// One line saying what to do.
  public var title: String
  public var file: RecordFile
  public var location: SourceLocation?

  /// Stable across runs and dates: kind, account and subject.
  public var uid: String {
    [kind.rawValue, account, subject].compactMap { $0 }.joined(separator: "/")
  }

  /// Days past the due date on `day` (negative: days left).
  public func daysOverdue(on day: CalendarDate) -> Int { day.dayNumber - due.dayNumber }
}
