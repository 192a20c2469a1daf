/// The tool's version, shown by `--version` and written into SARIF and hooks.
public enum HandoffVersion {
  public static let current = "0.1.0"
}
