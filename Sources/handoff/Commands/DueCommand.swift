import ArgumentParser
import Foundation
import HandoffKit

extension Handoff {
  /// `handoff due`: the queue of what needs attention, by owner and date.
  struct DueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "due",
      abstract:
        "What needs attention: service levels running out, commitments and threads due, risks "
        + "to review.",
      discussion: "Exit codes: 0 when the queue was built (empty or not), 2 could not run.")

    @OptionGroup var repository: RepositoryOptions

    /// A commit instead of the work tree.
    @Option(name: .customLong("rev"), help: "Read a commit instead of the work tree.")
    var revision: String?

    /// The day to answer for; today (UTC) when absent.
    @Option(
      name: .customLong("as-of"), help: "The day to answer for, YYYY-MM-DD (default: today, UTC).")
    var asOf: String?

    @Option(help: "Only the items of this owner (a name as written in the records).")
    var owner: String?

    @Option(help: "How many days ahead to look.")
    var within = DueQueue.defaultWindow

    @Option(help: "Output format: text, json, markdown or ics (an iCalendar file to subscribe to).")
    var format: DueFormat = .text

    @Flag(help: "Do not read or write the due cache in the git directory.")
    var noCache = false

    @Option(help: "Write to this file (atomically; a different earlier file is kept as FILE.bak).")
    var out: String?

    func run() throws {
      let day: CalendarDate
      if let asOf {
        guard let parsed = CalendarDate(asOf) else {
          throw HandoffError.usage(
            "`--as-of \(asOf)` is not a date; use YYYY-MM-DD, for example 2026-12-01")
        }
        day = parsed
      } else {
        day = CalendarDate(utcDayOf: Int64(Date().timeIntervalSince1970.rounded(.down)))
      }
      guard (0...36_500).contains(within) else {
        throw HandoffError.usage(
          "`--within` takes a number of days from 0 to 36500")
      }
      let queue = try DueRunner.run(
        in: repository.workspace(), revision: revision, asOf: day, withinDays: within,
        owner: owner,
        useCache: !noCache)
      let document = format.renderer.render(queue)
      guard let out else { return print(document, terminator: "") }
      try Handoff.write(document, to: out)
    }
  }
}

extension DueFormat: ExpressibleByArgument {}
