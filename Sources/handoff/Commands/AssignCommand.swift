import ArgumentParser
import Foundation
import HandoffKit

extension Handoff {
  /// `handoff assign`: a CSM for each closed account without one, by the assignment rules.
  struct AssignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "assign",
      abstract:
        "Give closed accounts without owners.success a CSM by the assignment rules of "
        + ".handoff.yaml.",
      discussion: "Exit codes: 0 done (accounts no rule matches are listed), 2 could not run.")

    @OptionGroup var repository: RepositoryOptions

    @Argument(help: "Account ids (default: every closed account without owners.success).")
    var accounts: [String] = []

    @Flag(help: "Print what would change as a diff and write nothing.")
    var dryRun = false

    func run() throws {
      let result = try Assigner.run(
        repositoryPath: repository.repo, accounts: accounts, dryRun: dryRun)
      var out = dryRun ? TerminalText.escapeLines(result.diff) : ""
      for (account, person) in result.assigned {
        out +=
          TerminalText.escape(
            "\(dryRun ? "would assign" : "assigned") \(account): owners.success \(person)") + "\n"
      }
      for account in result.unmatched {
        out +=
          TerminalText.escape("no assignment rule matches \(account); set owners.success by hand")
          + "\n"
      }
      out +=
        "\(result.assigned.count) \(result.assigned.count == 1 ? "account" : "accounts") "
        + "\(dryRun ? "would be " : "")assigned\n"
      print(out, terminator: "")
    }
  }
}
