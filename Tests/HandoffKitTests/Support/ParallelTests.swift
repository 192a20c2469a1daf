import Foundation
import Testing

@testable import HandoffKit

@Suite struct ParallelTests {
  /// Results keep the input order, however the workers share the inputs out, and each result is
  /// released with the map (the buffer leak of an earlier version would keep them alive).
  @Test(arguments: [0, 1, 15, 16, 33, 1_000])
  func mapKeepsOrder(count: Int) {
    let inputs = Array(0..<count)
    let outputs = Parallel.map(inputs, makeContext: { _ in 0 }) { calls, input -> String in
      calls += 1
      return "item \(input)"
    }
    #expect(outputs == inputs.map { "item \($0)" })
  }

  @Test func mapReleasesItsResults() {
    final class Tracked: Sendable {
      static let alive = Counter()
      init() { Self.alive.add(1) }
      deinit { Self.alive.add(-1) }
    }
    do {
      let outputs = Parallel.map(Array(0..<200), makeContext: { _ in () }) { _, _ in Tracked() }
      #expect(outputs.count == 200)
      #expect(Tracked.alive.value == 200)
    }
    #expect(Tracked.alive.value == 0)
  }
}

/// A thread-safe count for the tests above.
final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  private var count = 0

  func add(_ delta: Int) {
    lock.lock()
    count += delta
    lock.unlock()
  }

  var value: Int {
    lock.lock()
    defer { lock.unlock() }
    return count
  }
}
