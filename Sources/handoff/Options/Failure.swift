import ArgumentParser
import Foundation
import HandoffKit

extension Handoff {
  /// Prints a could-not-run failure as one line on stderr and returns exit code 2 to throw.
  static func couldNotRun(_ error: any CustomStringConvertible) -> ExitCode {
    FileHandle.standardError.write(Data((error.description + "\n").utf8))
    return ExitCode(ExitStatus.couldNotRun.rawValue)
  }

  /// Runs a long piece of library work with progress on stderr when it is a terminal, cleared
  /// before anything else is printed; a failure is reported as could-not-run.
  static func withProgress<T>(_ work: (HandoffKit.Progress?) throws(ValidationFailure) -> T) throws
    -> T
  {
    let progress = HandoffKit.Progress.onTerminal()
    do {
      defer { progress?.finish() }
      return try work(progress)
    } catch {
      throw couldNotRun(error)
    }
  }

  /// Writes a document to `--out` atomically, saying on stderr where and which backup was kept.
  static func write(_ document: String, to out: String) throws {
    do {
      let backup = try SafeFile.write(document, to: out)
      FileHandle.standardError.write(
        Data(
          "wrote \(out)\(backup.map { " (the previous version is kept as \($0))" } ?? "")\n".utf8))
    } catch {
      throw Handoff.couldNotRun("error: \(error)")
    }
  }
}
