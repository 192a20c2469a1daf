import ArgumentParser

/// Whether the history commands may use the history index in the git directory.
struct HistoryIndexOptions: ParsableArguments {
  /// Walk the whole history without the index in the git directory.
  @Flag(help: "Do not read or write the history index in the git directory.")
  var noCache = false

  var useIndex: Bool { !noCache }
}
