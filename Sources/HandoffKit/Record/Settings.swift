/// Repository settings from `.handoff.yaml`; every field has a default, so the file is optional.
public struct Settings: Sendable, Equatable {
  public static let fileName = ".handoff.yaml"

  public var accountsDirectory = "accounts"
  /// Where `accounts_dir` is set, when it is: a folder the settings name must exist.
  public var accountsDirectoryLocation: SourceLocation?
  /// More declared plus derived red flags than this need a mitigation plan.
  public var redFlagThreshold = 3
  /// The stage from which an incomplete handoff is an error.
  public var requireCompleteFrom = Stage.closedWon
  /// Per-rule severity overrides; a nil value means the rule is off.
  public var severities: [RuleID: Severity?] = [:]
  public var serviceLevels = ServiceLevels()
  public var reviewers = Reviewers()
  /// Rules in order: the first whose `when` matches names the candidates.
  public var assignment: [AssignmentRule] = []

  public init() {}

  /// The severity a finding of `rule` gets here, or nil when the rule is off.
  public func severity(of rule: RuleID, default fallback: Severity) -> Severity? {
    if let override = severities[rule] { return override }
    return fallback
  }

  /// Whether a finding of `rule` counts as an error here (its default severity, or the override).
  public func isError(_ rule: RuleID) -> Bool {
    severity(of: rule, default: RuleCatalog.info(rule)?.defaultSeverity ?? .error) == .error
  }

  /// A whole number from the file, held to ±1,000,000 so that no later sum of days or hours
  /// can overflow (the schema asks only for an integer; `1e30` is one).
  static func boundedInteger(_ value: Double) -> Int {
    Int(min(max(value, -1_000_000), 1_000_000))
  }

  /// Reads settings strictly: syntax, unknown keys, wrong types, unknown rule ids and
  /// severities are all errors that stop the run.
  public static func load(_ bytes: [UInt8]) throws(SettingsError) -> Settings {
    let document = YAMLLoader.load(bytes)
    if let problem = document.problems.first {
      throw SettingsError(message: problem.message, location: problem.location)
    }
    guard let root = document.root else { return Settings() }
    if let violation = SchemaLibrary.shared.settings.violations(of: root).first {
      throw SettingsError(message: violation.message, location: violation.location)
    }
    var settings = Settings()
    if let directory = root["accounts_dir"]?.string {
      // `./accounts/` and `accounts` name the same folder.
      let location = root["accounts_dir"]?.location
      let parts = directory.split(separator: "/").filter { $0 != "." }
      guard !directory.hasPrefix("/"), !parts.isEmpty, !parts.contains("..") else {
        throw SettingsError(
          message: "`accounts_dir` must be a relative path to a folder inside the repository",
          location: location)
      }
      // Git keeps its own data in `.git`; records there would never be committed.
      guard !parts.contains(where: { $0.lowercased() == ".git" }) else {
        throw SettingsError(
          message: "`accounts_dir` cannot be inside `.git`, which git keeps for itself",
          location: location)
      }
      settings.accountsDirectory = parts.joined(separator: "/")
      settings.accountsDirectoryLocation = location
    }
    if let threshold = root["red_flag_threshold"]?.number {
      settings.redFlagThreshold = boundedInteger(threshold)
    }
    if let stage = root["require_complete_from"]?.string.flatMap(Stage.init(rawValue:)) {
      settings.requireCompleteFrom = stage
    }
    if let node = root["service_levels"] { settings.serviceLevels = ServiceLevels(node) }
    if let node = root["reviewers"] { settings.reviewers = Reviewers(node) }
    settings.assignment = (root["assignment"]?.items ?? []).map(AssignmentRule.init)
    for entry in root["rules"]?.entries ?? [] where !entry.key.hasPrefix("x-") {
      let rule = RuleID(entry.key)
      guard RuleCatalog.info(rule) != nil else {
        let known = RuleCatalog.all.map(\.id.rawValue)
        let hint =
          Suggestion.closest(to: entry.key, among: known).map { " (did you mean `\($0)`?)" } ?? ""
        throw SettingsError(
          message: "unknown rule `\(entry.key)`\(hint)", location: entry.keyLocation)
      }
      switch entry.value.string {
      case "off": settings.severities[rule] = .some(nil)
      case let name?: settings.severities[rule] = Severity(rawValue: name)
      case nil: break
      }
    }
    return settings
  }
}

/// A problem in `.handoff.yaml`, with its position when it has one.
public struct SettingsError: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String
  public var location: SourceLocation?

  public var description: String {
    let position = location.map { ":\($0.line):\($0.column)" } ?? ""
    return "\(Settings.fileName)\(position): error[\(RuleID.config)]: \(message)"
  }
}
