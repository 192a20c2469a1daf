import ArgumentParser
import Foundation
import HandoffKit

extension Handoff {
  /// `handoff reviewers A..B`: who should review a pull request.
  struct ReviewersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "reviewers",
      abstract:
        "Who should review the accounts a range changes: their owners' handles, and escalation "
        + "above the threshold.",
      discussion:
        "Exit codes: 0 every name has a handle, 1 a name has none (listed), 2 could not run.")

    @OptionGroup var repository: RepositoryOptions

    @Argument(
      help: "The range, as for `validate --range`: BASE..TIP (the pull request's base and head).")
    var range: String

    @Option(help: "Output format: text or json.")
    var format: DiffFormat = .text

    func run() throws {
      let result = try ChangeReviewers.run(in: repository.workspace(), range: range)
      print(ReviewersRenderer(format: format).render(result), terminator: "")
      if result.hasMissing { throw ExitCode(1) }
    }
  }

  /// `handoff codeowners [--write]`: the CODEOWNERS block of account reviewers.
  struct CodeOwnersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "codeowners",
      abstract:
        "Print, or with --write keep, the CODEOWNERS block that routes each account to its "
        + "reviewers.",
      discussion: """
        The block lives between two marker lines in .github/CODEOWNERS, CODEOWNERS or \
        docs/CODEOWNERS (whichever exists); lines outside it are never touched. Exit codes: 0 up \
        to date (or written), 1 the file is out of date (without --write) or a name has no handle, \
        2 could not run.
        """)

    @OptionGroup var repository: RepositoryOptions

    @Flag(
      help:
        "Write the block into the file (atomically; a different earlier file is kept as FILE.bak).")
    var write = false

    func run() throws {
      let plan = try CodeOwners.plan(in: repository.workspace())
      var out = ""
      for missing in plan.missing {
        out +=
          TerminalText.escape(
            "\(missing.account): no handle for `\(missing.name)` (\(missing.key)); add it under "
              + "reviewers.people in .handoff.yaml"
          ) + "\n"
      }
      if write {
        if !plan.isUpToDate {
          let backup = try plan.write()
          out +=
            "wrote \(plan.path)"
            + (backup.map { " (the previous version is kept as \($0))" } ?? "") + "\n"
        } else {
          out += "\(plan.path) is up to date\n"
        }
      } else {
        out += TerminalText.escapeLines(plan.block)
        if !plan.isUpToDate {
          out += "\(plan.path) is out of date; run `handoff codeowners --write`\n"
        }
      }
      print(out, terminator: "")
      if !plan.missing.isEmpty || (!write && !plan.isUpToDate) { throw ExitCode(1) }
    }
  }
}

extension Handoff {
  /// `handoff summary A..B`: the pull request comment.
  struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "summary",
      abstract:
        "The pull request comment: per account changed, the stage, checklist, promises, red "
        + "flags, gate and reviewers.",
      discussion: """
        Compares merge-base(BASE, TIP) with TIP for the accounts `validate --range` judges. The \
        Markdown stays under the 65,536 characters a code host accepts in a comment, leaving out \
        whole accounts past that. Exit codes: 0 the gate passes at TIP, 1 it fails, 2 could not \
        run.
        """)

    @OptionGroup var repository: RepositoryOptions

    @Argument(
      help: "The range, as for `validate --range`: BASE..TIP (the pull request's base and head).")
    var range: String

    @Option(help: "Output format: markdown or json.")
    var format: SummaryFormat = .markdown

    @Option(help: "Write to this file (atomically; a different earlier file is kept as FILE.bak).")
    var out: String?

    func run() throws {
      let summary = try ChangeSummary.run(in: repository.workspace(), range: range)
      let document = format.renderer.render(summary)
      if let out { try Handoff.write(document, to: out) } else { print(document, terminator: "") }
      if summary.errors > 0 { throw ExitCode(1) }
    }
  }
}

extension SummaryFormat: ExpressibleByArgument {}
