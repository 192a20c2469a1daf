import Foundation

/// The CODEOWNERS block `handoff codeowners` keeps: each account folder with its reviewers'
/// handles, between two marker lines. Lines outside the markers are never touched, so a team's
/// own rules stay; the block goes at the end of the file, where its rules win (the last
/// matching pattern decides, on GitHub and GitLab alike).
public enum CodeOwners {
  public static let begin =
    "# BEGIN handoff: account reviewers (`handoff codeowners --write` rewrites this block)"
  public static let end = "# END handoff"
  /// Where code hosts look, in the order handoff picks an existing one.
  public static let locations = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"]

  public struct Plan: Sendable {
    /// The work tree, ending in `/`.
    var root: String
    /// The file's path in the repository.
    public var path: String
    public var block: String
    /// The file's text now (nil when there is none) and with the block in place.
    public var current: String?
    public var updated: String
    public var missing: [(account: String, name: String, key: String)]
    public var isUpToDate: Bool { current == updated }

    /// Writes the file atomically; returns the backup kept of a different earlier one.
    public func write() throws(HandoffError) -> String? {
      // The write makes the folder (`.github/`) when it is missing.
      do { return try SafeFile.write(updated, to: root + path) } catch {
        throw HandoffError.couldNotWrite(path: error.path, reason: error.reason)
      }
    }
  }

  /// The block for every account of the work tree, and the file with it.
  public static func plan(in workspace: Workspace) throws(HandoffError) -> Plan {
    let repository = workspace.repository
    guard let root = repository.workingDirectory else { throw HandoffError.noWorkTree }
    let snapshot = try Snapshot.open(nil, in: repository)
    let settings = try snapshot.loadSettings().settings
    let records = try snapshot.records(settings: settings, during: "codeowners")
    var lines = [begin]
    var missing: [(String, String, String)] = []
    for record in records.sorted(by: { $0.id < $1.id }) {
      let reviewers = AccountReviewers(record, settings: settings)
      missing += reviewers.missing.map { (record.id, $0.name, $0.key) }
      guard !reviewers.handles.isEmpty else { continue }
      lines.append(
        "/\(settings.accountsDirectory)/\(record.id)/ " + reviewers.handles.joined(separator: " "))
    }
    lines.append(end)
    let block = lines.joined(separator: "\n") + "\n"
    let path = locations.first { FileManager.default.fileExists(atPath: root + $0) } ?? locations[0]
    let current = FileManager.default.contents(atPath: root + path).map {
      String(decoding: $0, as: UTF8.self)
    }
    return Plan(
      root: root, path: path, block: block, current: current,
      updated: replacing(block, in: current ?? ""),
      missing: missing.map { (account: $0.0, name: $0.1, key: $0.2) })
  }

  /// `text` with the block between the markers replaced, or appended when there is none.
  static func replacing(_ block: String, in text: String) -> String {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    if let start = lines.firstIndex(where: { $0.hasPrefix("# BEGIN handoff") }),
      let stop = lines[start...].firstIndex(where: { $0.hasPrefix(end) })
    {
      let before = lines[..<start].joined(separator: "\n")
      let after = lines[(stop + 1)...].joined(separator: "\n")
      return (before.isEmpty ? "" : before + "\n") + block + (after.isEmpty ? "" : after + "\n")
    }
    let existing = lines.joined(separator: "\n")
    return existing.isEmpty ? block : existing + "\n\n" + block
  }
}
