internal import CFYAML

/// The libfyaml this process runs with.
public enum LibFYAML {
  /// Its version string, as the library reports it.
  ///
  /// The corresponding C function is `fy_library_version`.
  public static var version: String {
    fy_library_version().map { String(cString: $0) } ?? "unknown"
  }
}
