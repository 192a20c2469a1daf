import Foundation

/// The library's one error: why a command could not run at all (exit 2), what and where, in
/// one line for stderr. Libraries below (Git, YAML, the settings) keep their own errors, which
/// these cases carry.
public enum HandoffError: Error, Sendable, CustomStringConvertible {
  case notARepository(path: String)
  /// The repository belongs to another user and git's `safe.directory` does not list it.
  case dubiousOwnership(path: String)
  case unknownRevision(String, GitError)
  case noWorkTree
  /// `--staged` in a bare repository, which has no index.
  case noIndex
  case settings(SettingsError)
  case unknownAccount(String, accountsDirectory: String)
  case git(GitError)
  case badRange(String)
  /// Arguments that do not make a command.
  case usage(String)
  case neverClosed(String)
  /// A shallow clone lacks the history the command needs; `what` says what is missing.
  case shallow(what: String)
  /// HEAD's branch has no commit yet; `others` are branches that do.
  case noCommits(branch: String, others: [String])
  case nothingBefore(CalendarDate)
  /// A record file that is there but could not be read (not a problem in its contents).
  case unreadable(path: String, reason: String)
  /// A problem that carries its own position and is printed as it is: an import mapping that
  /// does not read (`mapping.yaml:2: …`).
  case failed(String)
  /// A step of `init`, `new`, the hook installer, `import` or `assign` that was not done, and
  /// why; nothing a user wrote was changed by it.
  case notDone(String)
  /// A file that could not be written; what was there before is as it was.
  case couldNotWrite(path: String, reason: String)

  public var description: String {
    switch self {
    case .notARepository(let path):
      "error: not a git repository (or any parent up to /): \(path)"
    case .dubiousOwnership(let path):
      "error: detected dubious ownership in repository at '\(path)' (another user owns it); "
        + "if you trust it, run: git config --global --add safe.directory '\(path)'"
    case .unknownRevision(let revision, let error):
      "error: unknown revision `\(revision)`: \(error.message)"
    case .noWorkTree:
      "error: this repository is bare and has no work tree; run this in a clone with one "
        + "(validate also takes --rev REV or --staged)"
    case .noIndex:
      "error: this repository is bare and has no index to validate; use --rev REV or --range A..B"
    case .settings(let error):
      error.description
    case .unknownAccount(let account, let directory):
      "error: no account `\(account)` in \(directory)/"
    case .git(let error):
      "error: \(error)"
    case .neverClosed(let account):
      "error: account `\(account)` never closed (no commit has it at closed-won or later)"
    case .noCommits(let branch, let others):
      others.isEmpty
        ? "error: the branch `\(branch)` has no commits yet, so there is no history to read; "
          + "commit first"
        : "error: the current branch `\(branch)` has no commits yet (an orphan branch), so "
          + "there is no history "
          + "to read; other branches have commits: switch with "
          + "`git switch \(others.contains("main") ? "main" : others[0])`"
    case .shallow(let what):
      "error: this clone is shallow and \(what); run `git fetch --unshallow` "
        + "(in GitHub Actions: `fetch-depth: 0` on actions/checkout; in GitLab CI: `GIT_DEPTH: 0`)"
    case .nothingBefore(let day):
      "error: no commit on the first-parent history is at or before the end of \(day)"
    case .usage(let text):
      "error: \(text)"
    case .badRange(let text):
      "error: `\(text)` is not a range; use A..B (for example origin/main..HEAD)"
    case .unreadable(let path, let reason):
      "error: could not read \(path): \(reason)"
    case .failed(let message):
      message
    case .notDone(let reason):
      "error: \(reason)"
    case .couldNotWrite(let path, let reason):
      "error: could not write \(path): \(reason)"
    }
  }
}

extension HandoffError {
  /// Any error met while a command reads the repository, as the failure it reports: our own
  /// failures pass through, settings and libgit2 errors keep their kind.
  init(_ error: any Error, during function: String) {
    switch error {
    case let failure as HandoffError: self = failure
    case let settings as SettingsError: self = .settings(settings)
    case let git as GitError: self = .git(git)
    default: self = .git(GitError(code: .generic, message: "\(error)", function: function))
    }
  }
}
