import Foundation

/// Tells a person at a terminal how far a long run has got: one line on stderr, rewritten in
/// place at most ten times a second, cleared when the run ends. Workers on any thread may
/// advance it; the command creates one only when stderr is a terminal.
public final class Progress: @unchecked Sendable {
  private let lock = NSLock()
  private let write: @Sendable (String) -> Void
  private var phase = ""
  private var total = 0
  private var done = 0
  private var lastDrawn: UInt64 = 0
  private var shown = false

  /// `write` receives the raw text to print (carriage returns and erase-line codes included).
  public init(write: @escaping @Sendable (String) -> Void) {
    self.write = write
  }

  /// A reporter on stderr when it is a terminal, otherwise nil (pipes and CI logs stay clean).
  public static func onTerminal() -> Progress? {
    guard isatty(STDERR_FILENO) == 1 else { return nil }
    return Progress { text in FileHandle.standardError.write(Data(text.utf8)) }
  }

  /// Starts a phase of `total` steps (0 when the amount is unknown).
  public func begin(_ phase: String, total: Int = 0) {
    lock.withLock {
      self.phase = phase
      self.total = total
      done = 0
      draw(force: true)
    }
  }

  public func advance(by steps: Int = 1) {
    lock.withLock {
      done += steps
      draw(force: false)
    }
  }

  /// Steps done in the current phase.
  var stepsDone: Int { lock.withLock { done } }

  /// Clears the line so the report that follows starts clean.
  public func finish() {
    lock.withLock {
      if shown { write("\r\u{1B}[K") }
      shown = false
    }
  }

  private func draw(force: Bool) {
    let now = DispatchTime.now().uptimeNanoseconds
    guard force || now - lastDrawn > 100_000_000 else { return }
    lastDrawn = now
    shown = true
    let amount = total > 0 ? " \(min(100, done * 100 / total))% (\(done)/\(total))" : ""
    write("\r\u{1B}[K\(phase)\(amount)")
  }
}
