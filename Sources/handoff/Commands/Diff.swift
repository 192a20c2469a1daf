import ArgumentParser
import Foundation
import HandoffKit

extension Handoff {
  /// `handoff diff REV1 [REV2]`: what changed in the records, by meaning.
  struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show commitments, stakeholders, red flags and stages that changed between two revisions (REV2: the work tree).")

    @OptionGroup var repository: RepositoryOptions

    /// The older revision.
    @Argument(help: "The revision to compare from.")
    var from: String

    /// The newer revision, or the work tree.
    @Argument(help: "The revision to compare to (default: the work tree).")
    var to: String?

    /// Output format.
    @Option(help: "Output format: text, json or markdown.")
    var format: DiffFormat = .text

    /// Limit to these accounts.
    @Option(name: .customLong("account"), help: "Only this account (repeatable).")
    var accounts: [String] = []

    func run() throws {
      let diff: RecordDiff
      do {
        diff = try RecordDiffer.diff(repositoryPath: repository.repo, from: from, to: to, accounts: accounts)
      } catch {
        throw Handoff.couldNotRun(error)
      }
      switch format {
      case .json: print(diff.json(), terminator: "")
      case .text: print(TerminalText.escapeLines(diff.text(markdown: false)), terminator: "")
      case .markdown: print(TerminalText.escapeLines(diff.text(markdown: true)), terminator: "")
      }
    }
  }
}

/// Formats of `handoff diff`.
enum DiffFormat: String, CaseIterable, ExpressibleByArgument {
  case text, json, markdown
}
