import ArgumentParser
import Foundation
import HandoffKit

extension Handoff {
  /// `handoff export`: flat tables for BI tools and warehouses.
  struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "export",
      abstract:
        "Write accounts, commitments, stakeholders, red flags, checklist items and commitment "
        + "events as tables.",
      discussion: "Exit codes: 0 written, 2 could not run.")

    @OptionGroup var repository: RepositoryOptions

    @OptionGroup var history: HistoryIndexOptions

    @Option(name: .customLong("rev"), help: "The commit to export (default: HEAD).")
    var revision = "HEAD"

    @Option(help: "Output format: csv or jsonl.")
    var format: Exporter.Format = .csv

    @Option(help: "The folder to write the tables into (created when missing).")
    var out: String

    func run() throws {
      let summary = try Handoff.withProgress { (_) throws(HandoffError) in
        try Exporter.run(
          in: repository.workspace(), revision: revision, format: format, out: out,
          useCache: history.useIndex)
      }
      for file in summary.files {
        print(
          TerminalText.escape(
            "wrote \(file.path) (\(file.rows) \(file.rows == 1 ? "row" : "rows"))"))
      }
    }
  }
}

extension Exporter.Format: ExpressibleByArgument {}
