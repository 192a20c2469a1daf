/// Checks one record file on its own: YAML strictness, then its schema.
public enum RecordChecker {
  /// Every problem in `bytes` read as `file`, plus the loaded root when it could be read.
  ///
  /// Schema checks run only on a document the loader read without problems, so a syntax error
  /// or a duplicate key is not followed by findings that are only its echo.
  public static func check(_ bytes: UnsafeRawBufferPointer, as file: RecordFile) -> (
    findings: [FileFinding], root: YAMLNode?
  ) {
    let document = YAMLLoader.load(bytes)
    if !document.problems.isEmpty {
      return (document.problems.map { finding($0, in: file) }, nil)
    }
    guard let root = document.root else {
      return (
        [
          FileFinding(
            ruleID: .schema,
            message: "the file is empty; \(file.fileName) must hold a mapping of keys",
            file: file.fileName, location: .start)
        ], nil
      )
    }
    let findings = file.schema.violations(of: root).map { violation in
      FileFinding(
        ruleID: .schema, message: violation.message, file: file.fileName,
        location: violation.location ?? .start, instancePath: violation.instancePath)
    }
    return (findings, root)
  }

  public static func check(_ bytes: [UInt8], as file: RecordFile) -> (
    findings: [FileFinding], root: YAMLNode?
  ) {
    bytes.withUnsafeBytes { check($0, as: file) }
  }

  private static func finding(_ problem: YAMLProblem, in file: RecordFile) -> FileFinding {
    let rule: RuleID =
      switch problem.kind {
      case .syntax: .yamlSyntax
      case .duplicateKey: .yamlDuplicateKey
      case .forbidden: .yamlForbidden
      }
    return FileFinding(
      ruleID: rule, message: problem.message, file: file.fileName, location: problem.location)
  }
}
