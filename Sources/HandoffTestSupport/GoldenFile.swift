import Foundation

/// Golden files under `Tests/Fixtures/Snapshots/`: what a rendering is expected to print.
/// With `HANDOFF_RECORD_SNAPSHOTS=1` the text given is recorded first, so a deliberate change
/// of output is one run away and shows up as a diff in review.
public enum GoldenFile {
  public static func expected(named name: String, recording text: String) throws -> String {
    let url = ProjectPaths.root.appendingPathComponent("Tests/Fixtures/Snapshots/\(name)")
    if ProcessInfo.processInfo.environment["HANDOFF_RECORD_SNAPSHOTS"] != nil {
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try text.write(to: url, atomically: true, encoding: .utf8)
    }
    return try String(contentsOf: url, encoding: .utf8)
  }
}
