import Dispatch
import Foundation

/// Runs independent work on every core: the machine has two, and checking records is CPU-bound.
enum Parallel {
  /// How many workers to use.
  static var workerCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

  /// Where a worker runs: on the calling thread (when one worker is enough, so the caller's
  /// own repository handle can serve it) or on a thread of its own.
  enum Worker {
    case callingThread, ownThread
  }

  /// Maps `inputs` on `workerCount` threads; `makeContext` runs once per worker, on the
  /// calling thread (to open a per-thread repository handle, for example). Each worker takes the
  /// next input when it is done with one, so inputs of very different cost (small and large
  /// trees, small and large accounts) still keep every core busy to the end. Results keep the
  /// input order. Inputs are spread only when each worker gets at least `minimumPerWorker` of
  /// them.
  static func map<Input, Context, Output>(
    _ inputs: [Input], minimumPerWorker: Int = 16, makeContext: (Worker) -> Context,
    _ transform: (inout Context, Input) -> Output
  ) -> [Output] {
    let workers = min(workerCount, max(1, inputs.count / max(1, minimumPerWorker)))
    if workers <= 1 {
      var context = makeContext(.callingThread)
      return inputs.map { transform(&context, $0) }
    }
    let results = UnsafeMutableBufferPointer<Output?>.allocate(capacity: inputs.count)
    results.initialize(repeating: nil)
    // The results are copied out below; deinitialising releases what the buffer still holds
    // (freeing it alone would leak every result).
    defer {
      _ = results.deinitialize()
      results.deallocate()
    }
    // Each worker's context is made here, one after another, and used only by its worker.
    let contexts = UnsafeMutableBufferPointer<Context>.allocate(capacity: workers)
    for worker in 0..<workers {
      (contexts.baseAddress! + worker).initialize(to: makeContext(.ownThread))
    }
    defer {
      _ = contexts.deinitialize()
      contexts.deallocate()
    }
    let shared = SharedBuffer(results)
    let perWorker = SharedBuffer(contexts)
    let next = NextIndex()
    withoutActuallyEscaping(transform) { transform in
      let box = UncheckedBox((transform, inputs))
      DispatchQueue.concurrentPerform(iterations: workers) { worker in
        let (transform, inputs) = box.value
        while let index = next.take(below: inputs.count) {
          shared.buffer[index] = transform(&perWorker.buffer[worker], inputs[index])
        }
      }
    }
    return results.map { $0! }
  }
}

/// The next input index to hand out, shared by the workers.
private final class NextIndex: @unchecked Sendable {
  private let lock = NSLock()
  private var value = 0

  func take(below limit: Int) -> Int? {
    lock.withLock {
      guard value < limit else { return nil }
      defer { value += 1 }
      return value
    }
  }
}

/// Hands a value to worker threads that only read it, or write disjoint parts of it.
private struct UncheckedBox<Value>: @unchecked Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}

private struct SharedBuffer<Element>: @unchecked Sendable {
  let buffer: UnsafeMutableBufferPointer<Element>
  init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }
}
