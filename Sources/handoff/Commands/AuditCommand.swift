import ArgumentParser
import Foundation
import HandoffKit

extension Handoff {
  /// `handoff audit`: score handoffs against the 15-item checklist.
  struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "audit",
      abstract:
        "Score each handoff against the 15-item checklist, the exit questions and the scorecard.")

    @OptionGroup var repository: RepositoryOptions

    /// A commit instead of the work tree.
    @Option(name: .customLong("rev"), help: "Audit a commit instead of the work tree.")
    var revision: String?

    /// Output format.
    @Option(help: "Output format: text, json or markdown.")
    var format: DiffFormat = .text

    /// Limit to these accounts.
    @Argument(help: "Account ids (default: all).")
    var accounts: [String] = []

    func run() throws {
      let audits: [AccountAudit]
      audits = try AuditRunner.run(
        in: repository.workspace(), revision: revision, accounts: accounts)
      print(AuditRenderer(format: format).render(audits), terminator: "")
    }
  }
}
