import ArgumentParser
import Foundation
import HandoffKit

extension Handoff {
  /// `handoff at-close`: what every account had promised when its deal closed.
  struct AtClose: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "at-close",
      abstract:
        "Show the close commit and the commitment ids of every account (never closed: commit null)."
    )

    @OptionGroup var repository: RepositoryOptions

    @OptionGroup var history: HistoryIndexOptions

    /// Output format.
    @Option(help: "Output format: text or json.")
    var format: HistoryFormat = .text

    /// Limit to these accounts.
    @Argument(help: "Account ids (default: all).")
    var accounts: [String] = []

    func run() throws {
      let closes = try Handoff.withProgress { (progress) throws(HandoffError) in
        try CloseFinder.find(
          in: repository.workspace(), accounts: accounts, useIndex: history.useIndex,
          progress: progress)
      }
      print(AtCloseRenderer(format: format).render(closes), terminator: "")
    }
  }
}

extension HistoryFormat: ExpressibleByArgument {}
