import ArgumentParser
import Foundation
import HandoffKit

extension Handoff {
  /// `handoff doctor`: check the repository and the machine, and say what to fix.
  struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "doctor",
      abstract:
        "Check this repository and machine: libraries, hook, textconv, merge driver, settings, "
        + "history index, clone depth.",
      discussion: "Exit codes: 0 nothing to fix, 1 something to fix, 2 could not run.")

    @OptionGroup var repository: RepositoryOptions

    func run() throws {
      let checks: [Doctor.Check]
      checks = try Doctor.run(in: repository.workspace())
      for check in checks {
        print(TerminalText.escape("\(check.status.rawValue): \(check.subject): \(check.detail)"))
      }
      let problems = checks.count { $0.status == .problem }
      print(
        problems == 0 ? "nothing to fix" : "\(problems) thing\(problems == 1 ? "" : "s") to fix")
      throw ExitCode(problems == 0 ? 0 : 1)
    }
  }
}
