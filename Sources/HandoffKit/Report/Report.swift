/// The outcome of one validation run: what was read and everything found, in output order.
public struct Report: Sendable {
  /// `worktree`, `index`, or the full id of the commit that was read.
  public var source: String
  public var accounts: Int
  public var files: Int
  public var diagnostics: [Diagnostic]
  /// The ids of the accounts read, sorted (JUnit output has one test case per account).
  public var accountIDs: [String]
  /// Whether every account was judged, or only those a change touches.
  public var scope: Scope
  /// Accounts outside the change that have errors (counted, not reported); 0 for `.all`.
  public var otherAccountsWithErrors: Int

  public enum Scope: String, Sendable {
    case all, changed
  }

  public init(
    source: String, accounts: Int, files: Int, diagnostics: [Diagnostic], accountIDs: [String] = [],
    scope: Scope = .all, otherAccountsWithErrors: Int = 0
  ) {
    self.scope = scope
    self.otherAccountsWithErrors = otherAccountsWithErrors
    self.source = source
    self.accounts = accounts
    self.accountIDs = accountIDs
    self.files = files
    self.diagnostics = Diagnostic.sortedForOutput(diagnostics)
  }

  public var errorCount: Int { diagnostics.count { $0.severity == .error } }
  public var warningCount: Int { diagnostics.count { $0.severity == .warning } }

  /// 0 when nothing is an error, 1 otherwise (2 is for runs that could not happen at all).
  public var exitStatus: ExitStatus { errorCount > 0 ? .findings : .clean }
}

/// The documented, stable exit codes.
public enum ExitStatus: Int32, Sendable {
  /// No error-level findings.
  case clean = 0
  /// At least one error-level finding.
  case findings = 1
  /// The tool could not run: not a repository, unknown revision, bad settings or arguments.
  case couldNotRun = 2
}
