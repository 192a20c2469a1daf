/// A domain rule: judges one account as a whole, across its files and its stage.
protocol AccountRule: Sendable {
  var id: RuleID { get }
  func check(_ record: AccountRecord, _ context: RuleContext) -> [FileFinding]
}

/// Derived red flags: each rule counts once per account toward the mitigation threshold,
/// however many items trigger it.
protocol DerivedRedFlag: AccountRule {}

/// What rules need besides the record: the settings, and when requirements apply.
struct RuleContext: Sendable {
  var settings: Settings

  /// Whether a requirement the spec states "from `stage`" applies to an account at `current`.
  ///
  /// Requirements from closed-won (the completeness ones) apply from `require_complete_from`
  /// instead; a later stage's requirements apply from the later of that stage and the setting.
  /// `lost` needs nothing beyond `prospect`.
  func requirement(from stage: Stage, appliesAt current: Stage?) -> Bool {
    guard let current, current != .lost else { return false }
    let threshold =
      stage == .closedWon
      ? settings.requireCompleteFrom : max(stage, settings.requireCompleteFrom)
    return current.rank >= threshold.rank
  }

  /// The stage from which a requirement stated "from `stage`" is enforced, for messages.
  func enforcedStage(for stage: Stage) -> Stage {
    stage == .closedWon ? settings.requireCompleteFrom : max(stage, settings.requireCompleteFrom)
  }

  func isOff(_ rule: RuleID) -> Bool {
    settings.severity(of: rule, default: .warning) == nil
  }
}

extension FileFinding {
  /// A finding of `rule` in `file`, at `location` (line 1 when nil).
  init(_ rule: RuleID, _ message: String, in file: RecordFile?, at location: SourceLocation?) {
    self.init(
      ruleID: rule, message: message, file: file?.fileName,
      location: file == nil ? nil : (location ?? .start))
  }
}
