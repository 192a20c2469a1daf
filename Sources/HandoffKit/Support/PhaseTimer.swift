import Foundation

/// Prints how long each phase of a run took to stderr when `HANDOFF_TRACE` is set, so the
/// benchmark and a curious user can see where the time goes.
struct PhaseTimer {
  private static let enabled = ProcessInfo.processInfo.environment["HANDOFF_TRACE"] != nil
  private var last = DispatchTime.now().uptimeNanoseconds
  private var lastCPU = Self.processorTime

  /// Whole milliseconds since the timer was made or last marked.
  var elapsedMilliseconds: UInt64 { (DispatchTime.now().uptimeNanoseconds - last) / 1_000_000 }

  mutating func mark(_ phase: String) {
    guard Self.enabled else { return }
    let now = DispatchTime.now().uptimeNanoseconds
    let cpu = Self.processorTime
    let milliseconds = Double(now - last) / 1_000_000
    let busy = (cpu - lastCPU) * 1000
    FileHandle.standardError.write(
      Data(
        ("trace: \(phase): \(String(format: "%.1f", milliseconds)) ms, "
          + "cpu \(String(format: "%.0f", busy)) ms\(Self.residentMemory)\n").utf8))
    last = now
    lastCPU = cpu
  }

  /// The processor time the process has used so far on all its threads, in seconds: beside the
  /// wall time, it tells a phase that waits from one that works.
  private static var processorTime: Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1_000_000_000
  }

  /// The resident set now and at its peak (Linux's `/proc/self/status`), for the trace.
  private static var residentMemory: String {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else {
      return ""
    }
    let fields = status.split(separator: "\n").filter {
      $0.hasPrefix("VmRSS:") || $0.hasPrefix("VmHWM:")
    }.map { $0.split(separator: " ", omittingEmptySubsequences: true) }
    guard fields.count == 2, fields.allSatisfy({ $0.count >= 2 }),
      let peak = Int(fields[0][1]), let now = Int(fields[1][1])
    else { return "" }
    return " (resident \(now / 1024) MB, peak \(peak / 1024) MB)"
  }

  /// A remark on the run (which way something was read), traced like the phases.
  static func note(_ text: String) {
    guard enabled else { return }
    FileHandle.standardError.write(Data("trace: \(text)\n".utf8))
  }
}
