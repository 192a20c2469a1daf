import ArgumentParser
import Foundation
import HandoffKit

extension Handoff {
  /// `handoff textconv FILE`: the normalised rendering git diff shows through `diff=handoff`.
  struct Textconv: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Print a record normalised (keys sorted, comments dropped) for `git diff` textconv.",
      discussion: """
        Set up with: echo 'accounts/**/*.yaml diff=handoff' >> .gitattributes
                     git config diff.handoff.textconv 'handoff textconv'
        A file that cannot be read as YAML is printed unchanged, so git diff never fails.
        """)

    /// The file git hands over.
    @Argument(help: "The file to render.")
    var file: String

    func run() throws {
      guard let data = FileManager.default.contents(atPath: file) else {
        throw HandoffError.unreadable(path: file, reason: String(cString: strerror(errno)))
      }
      let document = YAMLLoader.load(Array(data))
      if document.problems.isEmpty, let root = document.root {
        print(CanonicalYAML.render(root), terminator: "")
      } else {
        FileHandle.standardOutput.write(data)
      }
    }
  }
}
