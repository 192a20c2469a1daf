import ArgumentParser
import Foundation
import HandoffKit

extension Handoff {
  /// `handoff drift`: what happened to each account's promises since close, and the totals.
  struct DriftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "drift",
      abstract:
        "Per closed account: commitments added after close, withdrawn, missed, re-dated, "
        + "delivered; portfolio totals."
    )

    @OptionGroup var repository: RepositoryOptions

    @OptionGroup var history: HistoryIndexOptions

    /// Output format.
    @Option(help: "Output format: text, json or markdown.")
    var format: DiffFormat = .text

    /// Limit to these accounts.
    @Argument(help: "Account ids (default: all closed accounts).")
    var accounts: [String] = []

    func run() throws {
      let drifts = try Handoff.withProgress { (progress) throws(HandoffError) in
        try Drift.compute(
          in: repository.workspace(), accounts: accounts, useIndex: history.useIndex,
          progress: progress)
      }
      print(DriftRenderer(format: format).render(drifts), terminator: "")
    }
  }
}
