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
  /// 1 for the first item of this kind and subject in the account's record, 2 for a second
  /// (a commitment id used twice), in file order.
  public var occurrence = 1

  /// Names the obligation whatever its date, across runs: `kind-account[-hash of the
  /// subject][-occurrence]@handoff`, short and free of characters a calendar would escape.
  public var uid: String {
    var uid = "\(kind.rawValue)-\(account)"
    if let subject {
      var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a, 64 bits
      for byte in subject.utf8 {
        hash ^= UInt64(byte)
        hash = hash &* 0x0000_0100_0000_01b3
      }
      let hex = String(hash, radix: 16)
      uid += "-" + String(repeating: "0", count: 16 - hex.count) + hex
    }
    if occurrence > 1 { uid += "-\(occurrence)" }
    return uid + "@handoff"
  }

  /// Days past the due date on `day` (negative: days left).
  public func daysOverdue(on day: CalendarDate) -> Int { day.dayNumber - due.dayNumber }
}
