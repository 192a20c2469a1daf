import ArgumentParser
import Foundation
import HandoffKit

extension Handoff {
  /// `handoff hooks`: the pre-commit hook that runs `handoff validate --staged`.
  struct Hooks: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Install, remove or show the pre-commit hook (skip it once with git commit --no-verify).",
      subcommands: [Install.self, Uninstall.self, Status.self], defaultSubcommand: Status.self)

    struct Install: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Install the hook; an existing pre-commit hook is kept and runs first.")
      @OptionGroup var repository: RepositoryOptions

      func run() throws {
        print(
          try HookInstaller.install(
            at: HookInstaller.location(for: repository.repo), binary: HookInstaller.currentBinary())
        )
      }
    }

    struct Uninstall: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Remove the hook and put back the one it replaced.")
      @OptionGroup var repository: RepositoryOptions

      func run() throws {
        print(try HookInstaller.uninstall(at: HookInstaller.location(for: repository.repo)))
      }
    }

    struct Status: ParsableCommand {
      static let configuration = CommandConfiguration(abstract: "Say what is installed where.")
      @OptionGroup var repository: RepositoryOptions

      func run() throws {
        print(Self.describe(try HookInstaller.location(for: repository.repo)))
      }

      /// What is installed at `location`, in a sentence or four.
      static func describe(_ location: HookInstaller.Location) -> String {
        switch HookInstaller.state(at: location) {
        case .absent:
          return "no pre-commit hook in \(location.directory)"
        case .foreign:
          return "\(location.hook) is a pre-commit hook handoff did not install"
        case .edited(let binary):
          return
            "\(location.hook) is handoff's hook (calling \(binary)), changed by hand since it "
            + "was installed; "
            + "install and uninstall leave it alone"
        case .installed(let binary, let chained):
          let exists = FileManager.default.isExecutableFile(atPath: binary)
          return "handoff pre-commit hook installed in \(location.directory)\n"
            + "calls \(binary)\(exists ? "" : " (missing: falls back to handoff on PATH)")\n"
            + (chained ? "runs the earlier hook \(location.chained) first\n" : "")
            + "skip it once with: git commit --no-verify"
        }
      }
    }
  }
}
