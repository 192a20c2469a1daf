import ArgumentParser
import Foundation
import HandoffKit

extension Handoff {
  /// `handoff validate`: check records against the schemas and report every finding.
  struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check handoff records in the work tree, the index or a commit.",
      discussion: """
        Prints one finding per line as path:line:col: severity[rule]: message, then a summary.
        Exit codes: 0 no errors, 1 errors found, 2 could not run.
        """)

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var output: OutputOptions

    /// Read the staged content instead of the work tree.
    @Flag(help: "Validate the staged content (the index), as a pre-commit hook does.")
    var staged = false

    /// Read a commit instead of the work tree.
    @Option(name: .customLong("rev"), help: "Validate a commit: HEAD~3, a tag, a full or short id.")
    var revision: String?

    /// Check the tip of a range and every commit in it, as CI does on a pull request.
    @Option(
      help: ArgumentHelp(
        "Validate the tree at B and check every commit in A..B for history rules (for CI on "
          + "pull requests).")
    )
    var range: String?

    /// Judge every account, not only those the change touches.
    @Flag(help: "With --staged or --range: judge every account, not only those the change touches.")
    var all = false

    /// Skip the result cache in the git directory.
    @Flag(help: "Do not read or write the result cache in the git directory.")
    var noCache = false

    /// Limit the run to these accounts.
    @Argument(help: "Account ids to validate (default: all).")
    var accounts: [String] = []

    func validate() throws {
      if [staged, revision != nil, range != nil].filter({ $0 }).count > 1 {
        throw ValidationError("--staged, --rev and --range cannot be used together")
      }
    }

    func run() throws {
      let source: SnapshotSource = staged ? .index : revision.map { .revision($0) } ?? .worktree
      let request = ValidationRequest(
        repositoryPath: repository.repo, source: source, accounts: accounts, useCache: !noCache,
        range: range, scope: (staged || range != nil) && !all && accounts.isEmpty ? .changed : .all)
      throw ExitCode(try Self.report(request, format: output.format, color: output.useColor))
    }

    /// Validates and prints; the exit status to end with.
    static func report(_ request: ValidationRequest, format: OutputFormat, color: Bool)
      throws(HandoffError) -> Int32
    {
      let report = try Validator.run(request)
      let text = format.renderer(color: color).render(report)
      FileHandle.standardOutput.write(Data(text.utf8))
      return report.exitStatus.rawValue
    }

    /// The pre-commit hook's exact call, `handoff validate --staged`, run without building the
    /// command-line parser: on a large repository the parser's start-up is a fifth of the check.
    /// Any other arguments go through the parser as usual.
    static func hookShortcut(_ arguments: [String]) -> Int32? {
      guard arguments == ["validate", "--staged"] else { return nil }
      let request = ValidationRequest(repositoryPath: ".", source: .index, scope: .changed)
      do {
        return try report(request, format: .text, color: ColorMode.auto.resolved)
      } catch {
        return Handoff.couldNotRun(error)
      }
    }
  }
}
