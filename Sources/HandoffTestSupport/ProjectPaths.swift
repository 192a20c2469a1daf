import Foundation

/// Where the project and its neighbours (`../shared`) are, found from this source file.
public enum ProjectPaths {
  public static let root: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// `../shared` beside the checkout, where the conformance suite and the generator live.
  public static let shared: URL = root.deletingLastPathComponent().appendingPathComponent("shared")
}
