import ArgumentParser
import Foundation
import HandoffKit

extension Handoff {
  /// `handoff merge-driver %O %A %B %P`: git's merge driver for record files.
  struct MergeDriverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "merge-driver",
      abstract: "Merge a record file by key, as a git merge driver (`handoff init` registers it).",
      discussion: """
        git runs it as `handoff merge-driver %O %A %B %P` (gitattributes(5)); the result replaces \
        %A. Exit codes: 0 merged, 1 merged with conflicts (marked in the file), 2 could not run.
        """)

    @Argument(help: "The common ancestor's version (%O).")
    var base: String

    @Argument(help: "Our version (%A); the result is written here.")
    var ours: String

    @Argument(help: "Their version (%B).")
    var theirs: String

    @Argument(help: "The path of the file in the repository (%P), for messages.")
    var path: String = ""

    @Option(name: .customLong("marker-size"), help: "Length of the conflict markers (%L).")
    var markerSize = 7

    func run() throws {
      let name = path.isEmpty ? ours : path
      func read(_ file: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: file) else {
          throw HandoffError.notDone("merge-driver could not read \(TerminalText.escape(file))")
        }
        return [UInt8](data)
      }
      guard (1...64).contains(markerSize) else {
        throw HandoffError.usage(
          "--marker-size takes 1 to 64")
      }
      let result = RecordMerge.merge(
        base: try read(base), ours: try read(ours), theirs: try read(theirs), markerSize: markerSize
      )
      do {
        // %A is git's own temporary copy: replaced atomically, with no backup to leave behind.
        _ = try SafeFile.write(result.bytes, to: ours, keepBackup: false, durable: false)
      } catch {
        throw HandoffError.couldNotWrite(path: TerminalText.escape(ours), reason: error.reason)
      }
      guard result.conflicts > 0 else { return }
      let how = result.byKey ? "" : " (merged by lines: a version does not parse as YAML)"
      FileHandle.standardError.write(
        Data(
          ("handoff: \(result.conflicts) conflict\(result.conflicts == 1 ? "" : "s") in "
            + "\(TerminalText.escape(name))\(how)\n").utf8))
      throw ExitCode(1)
    }
  }
}
