import ArgumentParser
import Foundation
import HandoffKit

extension Handoff {
  /// `handoff init`: settings, accounts folder, editor schemas, and (on request) the hook.
  struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Set up a repository for handoff records (existing files are kept).")

    @OptionGroup var repository: RepositoryOptions

    /// Also install the pre-commit hook.
    @Flag(help: "Also install the pre-commit hook (see `handoff hooks install`).")
    var installHook = false

    func run() throws {
      for line in try Authoring.initialize(at: repository.repo) { print(line) }
      if installHook {
        print(
          try HookInstaller.install(
            at: HookInstaller.location(for: repository.repo),
            binary: HookInstaller.currentBinary()))
      } else {
        print("next: `handoff hooks install` blocks incomplete handoffs at commit time")
      }
    }
  }

  /// `handoff new ACCOUNT`: an account folder from the templates.
  struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Start an account folder from the templates; refuses to overwrite an existing one.")

    @OptionGroup var repository: RepositoryOptions

    /// The account id, which names its folder.
    @Argument(help: "The account id (a slug such as lincoln-usd).")
    var account: String

    /// The stage; decides which files are written.
    @Option(help: "The account's stage (decides which files are written).")
    var stage: String = "prospect"

    func run() throws {
      guard let stage = Stage(rawValue: stage) else {
        let stages = Stage.allCases.map(\.rawValue).joined(separator: ", ")
        throw HandoffError.usage(
          "unknown stage `\(self.stage)`; use one of \(stages)")
      }
      for line in try Authoring.newAccount(account, stage: stage, at: repository.repo) {
        print(line)
      }
    }
  }
}
