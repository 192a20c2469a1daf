import Foundation

extension Repository {
  /// The repository containing `path`, for a command: not finding one is "could not run".
  static func open(forCommandAt path: String) throws(HandoffError) -> Repository {
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
  func unresolved(_ revision: String, _ error: GitError) -> HandoffError {
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
  func requireHistory() throws(HandoffError) {
    do {
      if try isHeadUnborn {
        throw HandoffError.noCommits(
          branch: headBranchName ?? "HEAD", others: (try? branchNames()) ?? [])
      }
      if try isShallow {
        throw HandoffError.shallow(
          what: "this command reads the whole history, which it does not have")
      }
    } catch let failure as HandoffError {
      throw failure
    } catch {
      throw HandoffError(error, during: "history")
    }
  }

  /// Fails unless every commit of `base..tip` has its first parent here (a shallow clone cuts
  /// some off); a range whose base is present answers normally.
  func requireParents(from base: OID?, to tip: OID) throws(HandoffError) {
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
        throw HandoffError.shallow(
          what: "the range reaches commits whose parents it does not have")
      }
    } catch let failure as HandoffError {
      throw failure
    } catch {
      throw HandoffError(error, during: "range")
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
