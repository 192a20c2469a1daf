import ArgumentParser
import Foundation
import HandoffKit

extension Handoff {
  /// `handoff blame ACCOUNT [--commitment ID]`: who set each value an account holds.
  struct BlameCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "blame",
      abstract:
        "For each value of an account at HEAD, the commit that set it; for each commitment and "
        + "stakeholder, the commit that introduced it.",
      discussion:
        "Values are compared, not lines: reformatting or moving keys is not a change. Exit "
        + "codes: 0 answered, 2 could not run."
    )

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var history: HistoryIndexOptions

    @Argument(help: "The account id.")
    var account: String

    @Option(help: "Only this commitment id.")
    var commitment: String?

    @Option(help: "Output format: text or json.")
    var format: BlameFormat = .text

    func run() throws {
      let blame = try AccountBlame.run(
        account: account, commitment: commitment, in: repository.workspace(),
        useIndex: history.useIndex)
      print(format.renderer.render(blame), terminator: "")
    }
  }
}

extension BlameFormat: ExpressibleByArgument {}
