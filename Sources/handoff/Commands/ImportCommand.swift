import ArgumentParser
import Foundation
import HandoffKit

extension Handoff {
  /// `handoff import`: account folders from CRM exports.
  struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "import",
      abstract: "Write or update account folders from Salesforce, HubSpot or plain CSV exports.",
      discussion: """
        Each account is found by its x-crm id, then by its id; only mapped values change, in \
        place, comments kept; nothing is deleted. Exit codes: 0 imported, 1 a problem in an input \
        file (those accounts are not written, the others are), 2 could not run.
        """)

    @OptionGroup var repository: RepositoryOptions

    @Argument(help: "The CRM the exports come from: salesforce, hubspot or csv.")
    var system: CRMPreset.System

    @Argument(
      help: ArgumentHelp(
        "The exported CSV files (for Salesforce: Opportunity, Account, Contact, "
          + "OpportunityContactRole, OpportunityLineItem, User).")
    )
    var files: [String]

    @Option(
      help: ArgumentHelp(
        "A mapping file (YAML) overriding the columns, stages, roles, segments and owners of "
          + "the preset.")
    )
    var mapping: String?

    @Flag(help: "Print what would change as a diff and write nothing.")
    var dryRun = false

    func run() throws {
      guard !files.isEmpty else {
        throw HandoffError.usage(
          "name at least one exported CSV file")
      }
      let result = try Importer.run(
        .init(system: system, files: files, mapping: mapping, dryRun: dryRun),
        repositoryPath: repository.repo)
      var out = result.problems.map { TerminalText.escape($0.description) + "\n" }.joined()
      if dryRun { out += TerminalText.escapeLines(result.diff) }
      let verb = dryRun ? "would " : ""
      for change in result.changes {
        let what = change.created ? "\(verb)create" : "\(verb)update"
        let fields = change.fields.isEmpty ? "" : ": " + change.fields.joined(separator: ", ")
        out +=
          TerminalText.escape(
            "\(what) "
              + (change.files.first.map { ($0.path as NSString).deletingLastPathComponent }
                ?? change.account) + fields
          ) + "\n"
      }
      let created = result.changes.count { $0.created }
      let be = dryRun ? "would be " : ""
      out +=
        "\(created) \(created == 1 ? "account" : "accounts") \(be)created, "
        + "\(result.changes.count - created) \(be)updated, \(result.unchanged) unchanged"
      let errors = result.problems.count { $0.level == .error }
      out += errors == 0 ? "\n" : "; \(errors) \(errors == 1 ? "error" : "errors")\n"
      print(out, terminator: "")
      if result.hasErrors { throw ExitCode(1) }
    }
  }
}

extension CRMPreset.System: ExpressibleByArgument {}
