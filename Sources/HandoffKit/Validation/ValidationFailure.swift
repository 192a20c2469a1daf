import Foundation

/// Why a validation could not run at all (exit 2), in one line for stderr.
public enum ValidationFailure: Error, Sendable, CustomStringConvertible {
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

  public var description: String {
    switch self {
    case .notARepository(let path):
      "error: not a git repository (or any parent up to /): \(path)"
    case .dubiousOwnership(let path):
      "error: detected dubious ownership in repository at '\(path)' (another user owns it); if you trust "
        + "it, run: git config --global --add safe.directory '\(path)'"
    case .unknownRevision(let revision, let error):
      "error: unknown revision `\(revision)`: \(error.message)"
    case .noWorkTree:
      "error: this repository is bare and has no work tree; use --rev REV or --staged"
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
        ? "error: the branch `\(branch)` has no commits yet, so there is no history to read; commit first"
        : "error: the current branch `\(branch)` has no commits yet (an orphan branch), so there is no history "
          + "to read; other branches have commits: switch with `git switch \(others.contains("main") ? "main" : others[0])`"
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
    do { return try discover(from: path) } catch {
      if error.code == .owner || error.message.contains("safe.directory"),
        let owned = ownedRepository(above: path)
      {
        throw .dubiousOwnership(path: owned)
      }
      throw .notARepository(path: path)
    }
  }

  /// The failure for a revision that did not resolve: on a branch with no commit yet, that is
  /// the cause to name, not the revision.
  func unresolved(_ revision: String, _ error: GitError) -> ValidationFailure {
    // Asked while reporting another failure: a question libgit2 cannot answer is a "no".
    if (try? isHeadUnborn) == true,
      revision.contains("HEAD") || revision == headBranchName || revision == "@"
    {
      return .noCommits(branch: headBranchName ?? "HEAD", others: (try? branchNames()) ?? [])
    }
    if (try? isShallow) == true, error.code == .notFound {
      return .shallow(what: "`\(revision)` is not in it")
    }
    return .unknownRevision(revision, error)
  }

  /// Fails with one clear line unless HEAD's whole first-parent history is here: commands that
  /// walk it from the root (closes, drift, the report, log, show by day) need every commit.
  func requireHistory() throws(ValidationFailure) {
    do {
      if try isHeadUnborn {
        throw ValidationFailure.noCommits(
          branch: headBranchName ?? "HEAD", others: (try? branchNames()) ?? [])
      }
      if try isShallow {
        throw ValidationFailure.shallow(
          what: "this command reads the whole history, which it does not have")
      }
    } catch let failure as ValidationFailure {
      throw failure
    } catch {
      throw ValidationFailure(error, during: "history")
    }
  }

  /// Fails unless every commit of `base..tip` has its first parent here (a shallow clone cuts
  /// some off); a range whose base is present answers normally.
  func requireParents(from base: OID?, to tip: OID) throws(ValidationFailure) {
    let boundary: Set<OID>
    do {
      guard try isShallow else { return }
      boundary = try shallowBoundary()
    } catch {
      throw .git(error)
    }
    guard base != nil else {
      throw .shallow(
        what: "a range without a base starts at the first commit, which it does not have")
    }
    do {
      if try commits(from: base, to: tip).contains(where: boundary.contains) {
        throw ValidationFailure.shallow(
          what: "the range reaches commits whose parents it does not have")
      }
    } catch let failure as ValidationFailure {
      throw failure
    } catch {
      throw ValidationFailure(error, during: "range")
    }
  }

  /// The nearest folder at or above `path` holding a `.git` that another user owns: libgit2
  /// refuses such a repository (1.5 reports it as a missing `safe.directory` value).
  private static func ownedRepository(above path: String) -> String? {
    var folder = URL(fileURLWithPath: path).standardizedFileURL.path
    while true {
      var info = stat()
      if lstat(folder + "/.git", &info) == 0 {
        return info.st_uid != geteuid() ? folder : nil
      }
      guard folder != "/", !folder.isEmpty else { return nil }
      folder = (folder as NSString).deletingLastPathComponent
    }
  }
}
