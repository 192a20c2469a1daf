/// Formats of `diff`, `drift`, `audit` and `reviewers`: what a change says, for a terminal, a
/// program or a pull request.
public enum DiffFormat: String, CaseIterable, Sendable {
  case text, json, markdown
}

/// Formats of `at-close`, `log` and `show`.
public enum HistoryFormat: String, CaseIterable, Sendable {
  case text, json
}
