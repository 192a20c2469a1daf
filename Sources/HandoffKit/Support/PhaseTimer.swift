import Foundation

/// Prints how long each phase of a run took to stderr when `HANDOFF_TRACE` is set, so the
/// benchmark and a curious user can see where the time goes.
struct PhaseTimer {
  private static let enabled = ProcessInfo.processInfo.environment["HANDOFF_TRACE"] != nil
  private var last = DispatchTime.now().uptimeNanoseconds

  mutating func mark(_ phase: String) {
    guard Self.enabled else { return }
    let now = DispatchTime.now().uptimeNanoseconds
    let milliseconds = Double(now - last) / 1_000_000
    FileHandle.standardError.write(
      Data("trace: \(phase): \(String(format: "%.1f", milliseconds)) ms\n".utf8))
    last = now
  }

  /// A remark on the run (which way something was read), traced like the phases.
  static func note(_ text: String) {
    guard enabled else { return }
    FileHandle.standardError.write(Data("trace: \(text)\n".utf8))
  }
}
