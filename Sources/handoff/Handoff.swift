import ArgumentParser
import Foundation
import HandoffKit

/// The `handoff` command: configuration and the list of subcommands, nothing else.
@main
struct Handoff: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "handoff",
    abstract: "Validate and explore sales-to-success handoff records kept in Git.",
    discussion: "Exit codes: 0 no errors, 1 error-level findings, 2 could not run.",
    version: HandoffVersion.full,
    subcommands: [
      Validate.self, AuditCommand.self, Diff.self, Log.self, BlameCommand.self, Show.self,
      AtClose.self, DriftCommand.self, ReportCommand.self, DueCommand.self, ImportCommand.self,
      AssignCommand.self, ExportCommand.self, ReviewersCommand.self, CodeOwnersCommand.self,
      SummaryCommand.self, MergeDriverCommand.self, Textconv.self, Init.self, New.self, Hooks.self,
      DoctorCommand.self, SchemaCommand.self,
    ])

  /// Parses and runs, mapping argument errors to exit 2 as documented (argument-parser uses 64).
  static func main() {
    Startup.warmUp()
    if let status = Validate.hookShortcut(Array(CommandLine.arguments.dropFirst())) {
      Foundation.exit(status)
    }
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch let failure as HandoffError {
      Foundation.exit(couldNotRun(failure))
    } catch {
      let code = exitCode(for: error)
      // An argument error is one line, as every could-not-run is; `--help` shows the usage.
      let message =
        code.rawValue == ExitCode.validationFailure.rawValue
        ? "error: \(self.message(for: error)) (see `handoff help`)" : fullMessage(for: error)
      if code == .success {
        if !message.isEmpty { print(message) }
        Foundation.exit(0)
      }
      if !message.isEmpty {
        FileHandle.standardError.write(Data((message + "\n").utf8))
      }
      let status = code.rawValue == ExitCode.validationFailure.rawValue ? 2 : code.rawValue
      Foundation.exit(status)
    }
  }
}
