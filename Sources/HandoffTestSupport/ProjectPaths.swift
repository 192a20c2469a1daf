import Foundation

/// Where the project and its neighbours (`../shared`) are, found from this source file.
public enum ProjectPaths {
  public static let root: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// `../shared` beside the checkout, where the official JSON Schema test suite lives.
  public static let shared: URL = root.deletingLastPathComponent().appendingPathComponent("shared")

  /// The project's own seeded repository generator.
  public static let generator: URL = root.appendingPathComponent("scripts/gen-repo.py")

  /// Whether `path` under `../shared` is there. When it is not, a test skips with one printed
  /// line, unless `HANDOFF_REQUIRE_SHARED=1` (set by `.ci/run`), where its absence fails.
  public static func sharedIsPresent(_ path: String) -> Bool {
    let url = shared.appendingPathComponent(path)
    if FileManager.default.fileExists(atPath: url.path) { return true }
    if ProcessInfo.processInfo.environment["HANDOFF_REQUIRE_SHARED"] == "1" { return true }
    print("skipped: ../shared/\(path) is not beside the checkout (CI requires it)")
    return false
  }
}
