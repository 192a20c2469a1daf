import ArgumentParser
import Foundation
import HandoffKit

extension Handoff {
  /// `handoff report`: how the portfolio's handoffs are going, from history.
  struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "report",
      abstract:
        "Portfolio report from history: completeness after close, time to kickoff, scope creep, "
        + "promise drift, red flags; by sales owner and by month of close; the weakest handoffs.")

    @OptionGroup var repository: RepositoryOptions

    @OptionGroup var history: HistoryIndexOptions

    /// Only accounts closed on or after this day.
    @Option(help: "Count only accounts whose close commit is on or after this day (YYYY-MM-DD).")
    var since: String?

    /// Output format.
    @Option(help: "Output format: markdown, json or html.")
    var format: PortfolioFormat = .markdown

    /// Where to write; standard output when absent.
    @Option(
      help:
        "Write the report to this file (atomically; a different earlier file is kept as FILE.bak).")
    var out: String?

    /// How many of the weakest handoffs to list.
    @Option(help: "How many of the weakest handoffs to list.")
    var weakest = 10

    func run() throws {
      var day: CalendarDate?
      if let since {
        guard let parsed = CalendarDate(since) else {
          throw HandoffError.usage(
            "`--since \(since)` is not a date; use YYYY-MM-DD, for example 2026-01-01")
        }
        day = parsed
      }
      guard weakest >= 0 else {
        throw HandoffError.usage(
          "`--weakest` takes a count of 0 or more")
      }
      let scan = try Handoff.withProgress { (progress) throws(HandoffError) in
        try PortfolioScanner.scan(
          in: repository.workspace(), useIndex: history.useIndex, progress: progress)
      }
      let document = format.renderer.render(
        PortfolioReport(scan, since: day, weakestCount: weakest))
      guard let out else {
        return print(
          format == .markdown ? TerminalText.escapeLines(document) : document, terminator: "")
      }
      try Handoff.write(document, to: out)
    }
  }
}

extension PortfolioFormat: ExpressibleByArgument {}
