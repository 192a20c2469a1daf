/// What the portfolio report needs to know about one account: its record at HEAD (audited and
/// validated) and what history says about its close and since.
public struct HandoffFacts: Sendable {
  public var account: String
  /// `owners.sales` at HEAD: whose handoff this was.
  public var salesOwner: String?
  /// Errors in the account's files at HEAD.
  public var errors: Int

  /// The close commit (first-parent, stage-based or tagged); nil for an account never closed.
  public var close: CommitDetails?
  /// Seconds from the close commit to the first commit whose record had no errors; nil while
  /// the record has never been free of errors since close.
  public var secondsToComplete: Int64?

  /// `deal.closed_on`, the day the business counts as the close.
  public var closedOn: CalendarDate?
  /// Days from `deal.closed_on` to `handoff.intro_meeting` and to `handoff.kickoff`.
  public var daysToIntro: Int?
  public var daysToKickoff: Int?
  /// `handoff.reconciled_on` is set: every commitment walked through with the customer.
  public var reconciled: Bool
  /// `handoff.csm_confidence`, 1 to 5.
  public var csmConfidence: Int?

  public var commitmentsAtClose: Int
  /// Commitment ids first seen after close (scope creep).
  public var addedAfterClose: Int
  public var redated: Int
  public var missed: Int
  public var withdrawn: Int
  /// Commitment ids present at or after close that HEAD no longer has (never allowed).
  public var removedAfterClose: Int
  /// Commitments at HEAD made on a call or in a demo and not in the contract (withdrawn ones
  /// aside).
  public var verbalPromises: Int

  /// The audit's completeness figure, and the checklist items not fully documented.
  public var completeness: Double
  public var gaps: [ChecklistItem]
  /// Declared and derived red flags with their categories.
  public var redFlags: [AccountAudit.RedFlag]
  public var aboveThreshold: Bool
  public var mitigationPresent: Bool

  // What came after the handoff (the format's additions), for the report's outcomes.
  public var stage: Stage? = nil
  public var segment: String? = nil
  /// `handoff.first_value_on` minus `deal.closed_on`, in days.
  public var daysToFirstValue: Int? = nil
  /// `handoff.effort_score`, 1 to 5.
  public var effortScore: Int? = nil
  /// `handoff.kickoff` is set, and of the stakeholders with `attended_kickoff`, how many came.
  public var kickoffHeld = false
  public var attendedKickoff = 0
  public var attendanceRecorded = 0
  /// `contract.ended_on`, else the author day of the first commit whose stage is `churned`.
  public var churnDay: CalendarDate? = nil
  /// `handoff.reconciled_on` minus `handoff.kickoff`, and `handoff.warm_transition_until`
  /// minus `deal.closed_on`, in days.
  public var daysFromKickoffToReconcile: Int? = nil
  public var warmTransitionDays: Int? = nil
  /// Whether the stage requires the intro meeting and the reconciliation yet (an absent date
  /// is then "not met"; before, "not yet due"). The warm transition is due with the handoff.
  public var introDue = false
  public var reconcileDue = false
  public var warmTransitionDue = false

  /// The record was without errors within `hours` of the close commit (`complete_within_hours`).
  public func completeInTime(hours: Int) -> Bool {
    secondsToComplete.map { $0 <= Int64(hours) * 3600 } ?? false
  }

  /// The close commit's day (UTC): what `--since` and "month of close" go by.
  public var closeDay: CalendarDate? {
    close.map { CalendarDate(utcDayOf: $0.time) }
  }

  /// `YYYY-MM` of the close commit.
  public var closeMonth: String? {
    closeDay.map { String($0.description.prefix(7)) }
  }
}
