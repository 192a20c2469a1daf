import ArgumentParser
import Foundation
import HandoffKit

extension OutputFormat: ExpressibleByArgument {}

/// When to colour text output.
enum ColorMode: String, CaseIterable, ExpressibleByArgument {
  case auto, always, never
}

/// How to print findings.
struct OutputOptions: ParsableArguments {
  /// The output format.
  @Option(help: "Output format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
  var format: OutputFormat = .text

  /// Colour for text output; `auto` colours only a terminal, and never when NO_COLOR is set.
  @Option(help: "Colour text output: auto, always, never.")
  var color: ColorMode = .auto

  var useColor: Bool { color.resolved }
}

extension ColorMode {
  /// Whether to colour: `auto` colours only a terminal, and never when NO_COLOR is set.
  var resolved: Bool {
    switch self {
    case .always: return true
    case .never: return false
    case .auto:
      let environment = ProcessInfo.processInfo.environment
      if environment["NO_COLOR"].map({ !$0.isEmpty }) ?? false { return false }
      if environment["TERM"] == "dumb" { return false }
      return isatty(STDOUT_FILENO) == 1
    }
  }
}
