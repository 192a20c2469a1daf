import ArgumentParser
import HandoffKit

/// Which repository to read.
struct RepositoryOptions: ParsableArguments {
  /// The repository to read; any folder inside it works.
  @Option(
    name: .long, help: "A folder inside the repository to read (default: the current folder).")
  var repo: String = "."

  /// The command's one view of the repository (see `Workspace`).
  func workspace() throws(HandoffError) -> Workspace {
    try Workspace.open(at: repo)
  }
}
