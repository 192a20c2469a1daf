import Foundation

/// Installs, removes and describes the pre-commit hook that runs `handoff validate --staged`.
///
/// A hook that was there before is never lost: it is moved aside to
/// `pre-commit.handoff-chained`, the installed hook runs it first, and uninstalling moves it
/// back unchanged. A hook handoff did not write, or its own hook edited by hand, is never
/// overwritten or deleted.
public enum HookInstaller {
  public static let marker = "# handoff-hook v1"
  static let chainedName = "pre-commit.handoff-chained"

  /// Where the hook goes for one repository.
  public struct Location: Sendable {
    public var directory: String
    public var hook: String { directory + "/pre-commit" }
    public var chained: String { directory + "/" + HookInstaller.chainedName }
  }

  /// What is installed, for `hooks status`.
  public enum State: Sendable, Equatable {
    case absent
    /// Our hook, byte for byte as installed: the binary it calls, and whether an earlier hook
    /// runs first.
    case installed(binary: String, chained: Bool)
    /// Our hook, changed by hand after it was installed: never overwritten or removed.
    case edited(binary: String)
    /// A pre-commit hook (or a link, dangling or not) that handoff did not write.
    case foreign
  }

  /// The hook location of the repository containing `path`.
  public static func location(for path: String) throws(HandoffError) -> Location {
    let repository = try Repository.open(forCommandAt: path)
    guard !repository.isBare else {
      throw HandoffError.notDone(
        "this repository is bare; nobody commits in it, so it needs no pre-commit hook")
    }
    do {
      let directory = try repository.hooksDirectory()
      return Location(
        directory: directory.hasSuffix("/") ? String(directory.dropLast()) : directory)
    } catch {
      throw HandoffError.notDone("could not find the hooks folder: \(error)")
    }
  }

  public static func state(at location: Location) -> State {
    guard exists(location.hook) else { return .absent }
    guard WorkTreeListing.kind(atPath: location.hook) == .file,
      let text = try? String(contentsOfFile: location.hook, encoding: .utf8), text.contains(marker)
    else { return .foreign }
    let binary =
      text.split(separator: "\n").first { $0.hasPrefix("handoff='") }
      .map { String($0.dropFirst("handoff='".count).dropLast()) } ?? "?"
    guard text == script(binary: binary) else { return .edited(binary: binary) }
    return .installed(binary: binary, chained: exists(location.chained))
  }

  /// Whether anything is at `path`, a dangling link included.
  static func exists(_ path: String) -> Bool {
    WorkTreeListing.kind(atPath: path) != nil
  }

  private static func editedFailure(_ location: Location) -> HandoffError {
    .notDone(
      "\(location.hook) was changed after handoff installed it; leaving it alone so the "
        + "change is not lost: move it away (or into \(chainedName), which the hook runs first) "
        + "and run this again"
    )
  }

  /// The hook script that calls `binary`.
  public static func script(binary: String) -> String {
    EmbeddedSchemas.preCommitHook.replacingOccurrences(of: "@HANDOFF_BINARY@", with: binary)
  }

  /// Installs (or refreshes) the hook; returns a sentence saying what happened.
  public static func install(at location: Location, binary: String) throws(HandoffError) -> String {
    var kept = ""
    switch state(at: location) {
    case .edited:
      throw editedFailure(location)
    case .foreign:
      guard !exists(location.chained) else {
        throw HandoffError.notDone(
          "\(location.chained) already exists and \(location.hook) is not handoff's; "
            + "move one of them away first")
      }
      // rename(2) moves a link itself, dangling or not, and never what it points at.
      guard rename(location.hook, location.chained) == 0 else {
        throw HandoffError.notDone(
          "could not move the existing hook aside: \(String(cString: strerror(errno)))")
      }
      kept = "; the existing hook was kept as \(chainedName) and runs first"
    case .installed(_, let chained):
      kept = chained ? "; the earlier hook still runs first" : ""
    case .absent:
      break
    }
    // The write makes the hooks folder when it is missing.
    do { try SafeFile.write(script(binary: binary), to: location.hook, keepBackup: false) } catch {
      throw HandoffError.couldNotWrite(path: error.path, reason: error.reason)
    }
    guard chmod(location.hook, 0o755) == 0 else {
      throw HandoffError.couldNotWrite(
        path: location.hook, reason: String(cString: strerror(errno)))
    }
    return "installed the pre-commit hook in \(location.directory)\(kept)"
  }

  /// Removes our hook and puts back the one it replaced.
  public static func uninstall(at location: Location) throws(HandoffError) -> String {
    switch state(at: location) {
    case .absent:
      return "no pre-commit hook is installed in \(location.directory)"
    case .foreign:
      throw HandoffError.notDone("\(location.hook) was not installed by handoff; leaving it alone")
    case .edited:
      throw editedFailure(location)
    case .installed(_, let chained):
      // The earlier hook replaces ours in one rename; with none, ours (unchanged) is removed.
      if chained {
        guard rename(location.chained, location.hook) == 0 else {
          throw HandoffError.notDone(
            "could not put the earlier hook back: \(String(cString: strerror(errno)))")
        }
      } else {
        guard unlink(location.hook) == 0 else {
          throw HandoffError.notDone("could not uninstall: \(String(cString: strerror(errno)))")
        }
      }
      return "removed the pre-commit hook from \(location.directory)"
        + (chained ? "; the earlier hook is back in place" : "")
    }
  }

  /// The absolute path of the running binary, which the hook calls.
  public static func currentBinary() -> String {
    RunningExecutable.path
  }
}
