/// Why a validation could not run at all (exit 2), in one line for stderr.
public enum ValidationFailure: Error, Sendable, CustomStringConvertible {
  case notARepository(path: String)
  case unknownRevision(String, GitError)
  case noWorkTree
  case settings(SettingsError)
  case unknownAccount(String, accountsDirectory: String)
  case git(GitError)
  case badRange(String)
  case neverClosed(String)
  case nothingBefore(CalendarDate)

  public var description: String {
    switch self {
    case .notARepository(let path):
      "error: not a git repository (or any parent up to /): \(path)"
    case .unknownRevision(let revision, let error):
      "error: unknown revision `\(revision)`: \(error.message)"
    case .noWorkTree:
      "error: this repository is bare and has no work tree; use --rev REV or --staged"
    case .settings(let error):
      error.description
    case .unknownAccount(let account, let directory):
      "error: no account `\(account)` in \(directory)/"
    case .git(let error):
      "error: \(error)"
    case .neverClosed(let account):
      "error: account `\(account)` never closed (no commit has it at closed-won or later)"
    case .nothingBefore(let day):
      "error: no commit on the first-parent history is at or before the end of \(day)"
    case .badRange(let text):
      "error: `\(text)` is not a range; use A..B (for example origin/main..HEAD)"
    }
  }
}

extension ValidationFailure {
  /// Any error met while a command reads the repository, as the failure it reports: our own
  /// failures pass through, settings and libgit2 errors keep their kind.
  init(_ error: any Error, during function: String) {
    switch error {
    case let failure as ValidationFailure: self = failure
    case let settings as SettingsError: self = .settings(settings)
    case let git as GitError: self = .git(git)
    default: self = .git(GitError(code: .generic, message: "\(error)", function: function))
    }
  }
}

extension Repository {
  /// The repository containing `path`, for a command: not finding one is "could not run".
  static func open(forCommandAt path: String) throws(ValidationFailure) -> Repository {
    do { return try discover(from: path) } catch { throw .notARepository(path: path) }
  }
}
