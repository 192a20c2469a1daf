import ArgumentParser
import Foundation
import HandoffKit

extension Handoff {
  /// `handoff schema`: write the published schemas, or their draft-07 editor editions.
  struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "schema",
      abstract:
        "Write the record schemas (JSON Schema 2020-12, or draft-07 for editors) to a folder.")

    /// Write the draft-07 editions that yaml-language-server understands.
    @Flag(name: .customLong("draft7"), help: "Write draft-07 editions for editors (VS Code YAML).")
    var draft7 = false

    /// Where to write.
    @Argument(help: "The folder to write the schema files into.")
    var directory: String

    func run() throws {
      let files = draft7 ? Draft7Edition.allFiles() : SchemaLibrary.publishedFiles
      for file in files {
        let path = URL(fileURLWithPath: directory).appendingPathComponent(file.name).path
        do {
          if let backup = try SafeFile.write(file.text, to: path) {
            FileHandle.standardError.write(Data("kept the previous \(path) as \(backup)\n".utf8))
          }
        } catch {
          throw HandoffError.couldNotWrite(path: error.path, reason: error.reason)
        }
        print(path)
      }
    }
  }
}
