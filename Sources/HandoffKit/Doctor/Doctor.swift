import Foundation

/// `handoff doctor`: what a repository and this machine need for handoff to work as set up,
/// each check with what to do about it.
public enum Doctor {
  public struct Check: Sendable {
    public enum Status: String, Sendable {
      /// As it should be.
      case ok
      /// Something to fix; `doctor` exits 1.
      case problem
      /// Worth knowing, nothing to fix.
      case note
    }

    public var status: Status
    public var subject: String
    public var detail: String
  }

  public static func run(in workspace: Workspace) throws(HandoffError) -> [Check] {
    var checks: [Check] = [
      Check(
        status: .ok, subject: "libraries",
        detail:
          "handoff \(HandoffVersion.current) runs with libgit2 \(LibGit2.version) and libfyaml "
          + "\(LibFYAML.version)"
      )
    ]
    let repository = workspace.repository
    checks.append(hook(repository))
    checks.append(textconv(repository))
    checks.append(mergeDriver(repository))
    checks.append(settings(repository))
    checks.append(historyIndex(repository))
    checks.append(
      (try? repository.isShallow) ?? false
        ? Check(
          status: .problem, subject: "clone",
          detail:
            "shallow: at-close, drift, report, log and show need the whole history; run "
            + "`git fetch --unshallow` "
            + "(in CI: `fetch-depth: 0`)")
        : Check(status: .ok, subject: "clone", detail: "the whole history is here"))
    return checks
  }

  private static func hook(_ repository: Repository) -> Check {
    guard !repository.isBare else {
      return Check(
        status: .note, subject: "pre-commit hook", detail: "a bare repository needs none")
    }
    guard
      let location = try? HookInstaller.location(
        for: repository.workingDirectory ?? repository.commonDirectory)
    else {
      return Check(
        status: .problem, subject: "pre-commit hook", detail: "the hooks folder cannot be found")
    }
    switch HookInstaller.state(at: location) {
    case .absent:
      return Check(
        status: .problem, subject: "pre-commit hook",
        detail: "not installed, so commits are not checked; run `handoff hooks install`")
    case .foreign:
      return Check(
        status: .note, subject: "pre-commit hook",
        detail:
          "\(location.hook) is not handoff's (fine when it runs `handoff validate --staged`, as "
          + "the pre-commit framework does)"
      )
    case .edited(let binary):
      return Check(
        status: FileManager.default.isExecutableFile(atPath: binary) ? .note : .problem,
        subject: "pre-commit hook",
        detail: "handoff's hook, changed by hand since it was installed; it calls \(binary)")
    case .installed(let binary, _):
      if FileManager.default.isExecutableFile(atPath: binary) {
        return Check(status: .ok, subject: "pre-commit hook", detail: "installed; calls \(binary)")
      }
      return Check(
        status: .problem, subject: "pre-commit hook",
        detail:
          "installed, but \(binary) is gone (it falls back to handoff on PATH); run "
          + "`handoff hooks install` again"
      )
    }
  }

  private static func textconv(_ repository: Repository) -> Check {
    guard let command = repository.configValue("diff.handoff.textconv") else {
      return Check(
        status: .problem, subject: "git diff of records",
        detail:
          "diff.handoff.textconv is not set, so `git diff` compares YAML text; run `handoff init`")
    }
    if let binary = firstWord(command), binary.hasPrefix("/"),
      !FileManager.default.isExecutableFile(atPath: binary)
    {
      return Check(
        status: .problem, subject: "git diff of records",
        detail: "diff.handoff.textconv calls \(binary), which is gone; run `handoff init` again")
    }
    guard attributes(of: repository).contains("diff=handoff") else {
      return Check(
        status: .problem, subject: "git diff of records",
        detail:
          "no `diff=handoff` line in .gitattributes, so the textconv is never used; run "
          + "`handoff init`"
      )
    }
    return Check(
      status: .ok, subject: "git diff of records", detail: "textconv configured (\(command))")
  }

  /// The work tree's `.gitattributes` (empty when there is none).
  private static func attributes(of repository: Repository) -> String {
    (repository.workingDirectory.flatMap { WorkTreeListing.read($0 + ".gitattributes") })
      .map { String(decoding: $0, as: UTF8.self) } ?? ""
  }

  private static func mergeDriver(_ repository: Repository) -> Check {
    guard let driver = repository.configValue("merge.handoff.driver") else {
      return Check(
        status: .note, subject: "merge driver",
        detail:
          "merge.handoff.driver is not set; git merges records line by line (`handoff init` "
          + "sets it)"
      )
    }
    if let binary = firstWord(driver), binary.hasPrefix("/"),
      !FileManager.default.isExecutableFile(atPath: binary)
    {
      return Check(
        status: .problem, subject: "merge driver",
        detail: "merge.handoff.driver calls \(binary), which is gone; run `handoff init` again")
    }
    guard attributes(of: repository).contains("merge=handoff") else {
      return Check(
        status: .problem, subject: "merge driver",
        detail:
          "no `merge=handoff` line in .gitattributes, so the driver is never used; run "
          + "`handoff init`"
      )
    }
    return Check(status: .ok, subject: "merge driver", detail: "configured (\(driver))")
  }

  private static func settings(_ repository: Repository) -> Check {
    let source: SnapshotSource = repository.isBare ? .revision("HEAD") : .worktree
    guard !((try? repository.isHeadUnborn) ?? false) || source == .worktree else {
      return Check(status: .note, subject: "settings", detail: "no commit yet")
    }
    do {
      let snapshot = try Snapshot(repository: repository, source: source)
      let loaded = try snapshot.loadSettings()
      return Check(
        status: .ok, subject: "settings",
        detail: loaded.bytes == nil
          ? "no \(Settings.fileName); the defaults apply (accounts in "
            + "\(loaded.settings.accountsDirectory)/)"
          : "\(Settings.fileName) is valid (accounts in \(loaded.settings.accountsDirectory)/)")
    } catch let failure as HandoffError {
      return Check(status: .problem, subject: "settings", detail: failure.description)
    } catch {
      return Check(status: .problem, subject: "settings", detail: "\(error)")
    }
  }

  private static func historyIndex(_ repository: Repository) -> Check {
    guard !((try? repository.isHeadUnborn) ?? false) else {
      return Check(status: .note, subject: "history index", detail: "no commit yet")
    }
    let file = CloseWalk.file(for: repository)
    guard FileManager.default.fileExists(atPath: file.path) else {
      return Check(
        status: .note, subject: "history index",
        detail: "not built yet; the first history command (at-close, drift, report) builds it")
    }
    guard let head = try? repository.commit(for: "HEAD"),
      let settings = try? Settings.committed(in: repository, at: head),
      let walk = CloseWalk.load(from: file, accountsDirectory: settings.accountsDirectory)
    else {
      return Check(
        status: .note, subject: "history index",
        detail:
          "\(file.lastPathComponent) is from another version or settings; the next history "
          + "command rebuilds it"
      )
    }
    return walk.tip == head
      ? Check(status: .ok, subject: "history index", detail: "up to date with HEAD")
      : Check(
        status: .note, subject: "history index",
        detail: "behind HEAD; the next history command catches up")
  }

  private static func firstWord(_ command: String) -> String? {
    let trimmed = command.trimmingCharacters(in: .whitespaces)
    if trimmed.hasPrefix("'") {
      return trimmed.dropFirst().split(separator: "'").first.map(String.init)
    }
    return trimmed.split(separator: " ").first.map(String.init)
  }
}
