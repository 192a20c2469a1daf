import ArgumentParser
import Foundation
import HandoffKit

extension Handoff {
  /// `handoff show ACCOUNT --at close|REV|YYYY-MM-DD`: the record as it stood then.
  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Show an account's record as it stood at close, at a revision, or at the end of a day.")

    @OptionGroup var repository: RepositoryOptions

    @OptionGroup var history: HistoryIndexOptions

    /// The account id.
    @Argument(help: "The account id.")
    var account: String

    /// When.
    @Option(help: "close (the close commit), a revision, or YYYY-MM-DD (the last commit that day).")
    var at: String = "close"

    /// Output format.
    @Option(help: "Output format: text or json.")
    var format: HistoryFormat = .text

    func run() throws {
      let record = try RecordAtCommit.load(
        account: account, at: .init(at), in: repository.workspace(), useIndex: history.useIndex)
      print(ShowRenderer(format: format).render(record), terminator: "")
    }
  }
}
