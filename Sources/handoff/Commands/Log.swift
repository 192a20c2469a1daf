import ArgumentParser
import Foundation
import HandoffKit

extension Handoff {
  /// `handoff log ACCOUNT [--commitment ID]`: who changed what, and when.
  struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "List the commits that changed an account (or one commitment), newest first, with the "
        + "field changes."
    )

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var history: HistoryIndexOptions

    /// The account id.
    @Argument(help: "The account id.")
    var account: String

    /// Only commits that changed this commitment.
    @Option(help: "Only commits that changed this commitment id.")
    var commitment: String?

    /// Output format.
    @Option(help: "Output format: text or json.")
    var format: HistoryFormat = .text

    func run() throws {
      let entries: [AccountLogEntry]
      entries = try AccountLog.entries(
        account: account, commitment: commitment, in: repository.workspace(),
        useIndex: history.useIndex)
      print(LogRenderer(format: format).render(entries), terminator: "")
    }
  }
}
