import ArgumentParser
import Foundation
import HandoffKit

extension Handoff {
  /// Prints a could-not-run failure as one line on stderr and returns exit code 2 to throw.
  static func couldNotRun(_ error: any CustomStringConvertible) -> ExitCode {
    FileHandle.standardError.write(Data((error.description + "\n").utf8))
    return ExitCode(ExitStatus.couldNotRun.rawValue)
  }
}
