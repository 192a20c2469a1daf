import Foundation

/// Installs, removes and describes the pre-commit hook that runs `handoff validate --staged`.
///
/// A hook that was there before is never lost: it is moved aside to
/// `pre-commit.handoff-chained`, the installed hook runs it first, and uninstalling moves it
/// back unchanged. A hook handoff did not write is never overwritten or deleted.
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
    /// Our hook, the binary it calls, and whether an earlier hook runs first.
    case installed(binary: String, chained: Bool)
    /// A pre-commit hook that handoff did not write.
    case foreign
  }

  public struct Failure: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { "error: \(message)" }
  }

  /// The hook location of the repository containing `path`.
  public static func location(for path: String) throws(Failure) -> Location {
    let repository: Repository
    do { repository = try Repository.discover(from: path) } catch {
      throw Failure(message: "not a git repository (or any parent up to /): \(path)")
    }
    guard !repository.isBare else {
      throw Failure(message: "this repository is bare; nobody commits in it, so it needs no pre-commit hook")
    }
    do {
      let directory = try repository.hooksDirectory()
      return Location(directory: directory.hasSuffix("/") ? String(directory.dropLast()) : directory)
    } catch {
      throw Failure(message: "could not find the hooks folder: \(error)")
    }
  }

  public static func state(at location: Location) -> State {
    guard let text = try? String(contentsOfFile: location.hook, encoding: .utf8) else {
      return FileManager.default.fileExists(atPath: location.hook) ? .foreign : .absent
    }
    guard text.contains(marker) else { return .foreign }
    let binary = text.split(separator: "\n").first { $0.hasPrefix("handoff='") }
      .map { String($0.dropFirst("handoff='".count).dropLast()) } ?? "?"
    return .installed(binary: binary, chained: FileManager.default.fileExists(atPath: location.chained))
  }

  /// The hook script that calls `binary`.
  public static func script(binary: String) -> String {
    EmbeddedSchemas.preCommitHook.replacingOccurrences(of: "@HANDOFF_BINARY@", with: binary)
  }

  /// Installs (or refreshes) the hook; returns a sentence saying what happened.
  public static func install(at location: Location, binary: String) throws(Failure) -> String {
    let manager = FileManager.default
    var kept = ""
    switch state(at: location) {
    case .foreign:
      guard !manager.fileExists(atPath: location.chained) else {
        throw Failure(
          message: "\(location.chained) already exists and \(location.hook) is not handoff's; "
            + "move one of them away first")
      }
      do { try manager.moveItem(atPath: location.hook, toPath: location.chained) } catch {
        throw Failure(message: "could not move the existing hook aside: \(error.localizedDescription)")
      }
      kept = "; the existing hook was kept as \(chainedName) and runs first"
    case .installed(_, let chained):
      kept = chained ? "; the earlier hook still runs first" : ""
    case .absent:
      break
    }
    do {
      try manager.createDirectory(atPath: location.directory, withIntermediateDirectories: true)
      try SafeFile.write(script(binary: binary), to: location.hook, keepBackup: false)
      try manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: location.hook)
    } catch {
      throw Failure(message: "could not write \(location.hook): \(error)")
    }
    return "installed the pre-commit hook in \(location.directory)\(kept)"
  }

  /// Removes our hook and puts back the one it replaced.
  public static func uninstall(at location: Location) throws(Failure) -> String {
    let manager = FileManager.default
    switch state(at: location) {
    case .absent:
      return "no pre-commit hook is installed in \(location.directory)"
    case .foreign:
      throw Failure(message: "\(location.hook) was not installed by handoff; leaving it alone")
    case .installed(_, let chained):
      do {
        try manager.removeItem(atPath: location.hook)
        if chained { try manager.moveItem(atPath: location.chained, toPath: location.hook) }
      } catch {
        throw Failure(message: "could not uninstall: \(error.localizedDescription)")
      }
      return "removed the pre-commit hook from \(location.directory)"
        + (chained ? "; the earlier hook is back in place" : "")
    }
  }

  /// The absolute path of the running binary, which the hook calls.
  public static func currentBinary() -> String {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      ?? URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
  }
}
