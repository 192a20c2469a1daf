import ArgumentParser
import Foundation
import HandoffKit

extension Handoff {
  /// The one place a could-not-run failure is printed: one line on stderr, exit status 2.
  static func couldNotRun(_ failure: HandoffError) -> Int32 {
    FileHandle.standardError.write(Data((failure.description + "\n").utf8))
    return ExitStatus.couldNotRun.rawValue
  }

  /// Runs a long piece of library work with progress on stderr when it is a terminal, cleared
  /// before anything else is printed; a failure is reported as could-not-run.
  static func withProgress<T>(_ work: (HandoffKit.Progress?) throws(HandoffError) -> T) throws
    -> T
  {
    let progress = HandoffKit.Progress.onTerminal()
    defer { progress?.finish() }
    return try work(progress)
  }

  /// Writes a document to `--out` atomically, saying on stderr where and which backup was kept.
  static func write(_ document: String, to out: String) throws {
    do {
      let backup = try SafeFile.write(document, to: out)
      FileHandle.standardError.write(
        Data(
          "wrote \(out)\(backup.map { " (the previous version is kept as \($0))" } ?? "")\n".utf8))
    } catch {
      throw HandoffError.couldNotWrite(path: error.path, reason: error.reason)
    }
  }
}
