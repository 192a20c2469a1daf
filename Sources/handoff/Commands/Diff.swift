import ArgumentParser
import Foundation
import HandoffKit

extension Handoff {
  /// `handoff diff REV1 [REV2] [--] [ACCOUNT...]`: what changed in the records, by meaning.
  struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Show commitments, stakeholders, red flags and stages that changed between two "
        + "revisions (REV2: the work tree)."
    )

    @OptionGroup var repository: RepositoryOptions

    /// `REV1 [REV2] [--] [ACCOUNT...]`: a second word before `--` that names a commit is REV2.
    @Argument(
      help: ArgumentHelp(
        "REV1, then REV2 when the next word names a commit (default: the work tree), then "
          + "accounts; "
          + "words after -- are always accounts.",
        valueName: "rev-or-account"))
    var words: [String]

    /// Output format.
    @Option(help: "Output format: text, json or markdown.")
    var format: DiffFormat = .text

    /// Limit to these accounts.
    @Option(name: .customLong("account"), help: "Only this account (repeatable).")
    var accounts: [String] = []

    func run() throws {
      let diff: RecordDiff
      // argument-parser gathers the words after `--` into `words` too, in order: they are the
      // last ones, as many as follow `--` on the command line.
      let arguments = CommandLine.arguments
      let terminated = arguments.firstIndex(of: "--").map { arguments.count - $0 - 1 } ?? 0
      let workspace = try repository.workspace()
      let (from, to, named) = try RecordDiffer.arguments(
        Array(words.dropLast(terminated)), in: workspace)
      diff = try RecordDiffer.diff(
        in: workspace, from: from, to: to,
        accounts: accounts + named + Array(words.suffix(terminated)))
      print(DiffRenderer(format: format).render(diff), terminator: "")
    }
  }
}

extension DiffFormat: ExpressibleByArgument {}
