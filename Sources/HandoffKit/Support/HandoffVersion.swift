/// The tool's version, shown by `--version` and written into SARIF and hooks.
public enum HandoffVersion {
  public static let current = "0.2.0"

  /// `--version`: the tool's version and the versions of the two system libraries it runs
  /// with, which a bug report needs.
  public static var full: String {
    "handoff \(current) (libgit2 \(LibGit2.version), libfyaml \(LibFYAML.version))"
  }
}
