import Foundation
import Testing

@testable import HandoffKit

@Suite struct ProgressTests {
  final class Lines: @unchecked Sendable {
    var text = ""
    let lock = NSLock()
    func append(_ more: String) { lock.withLock { text += more } }
  }

  @Test func drawsInPlaceAndClearsAtTheEnd() {
    let lines = Lines()
    let progress = Progress { lines.append($0) }
    progress.begin("history: comparing versions", total: 200)
    for _ in 0..<200 { progress.advance() }
    progress.begin("auditing accounts")
    progress.finish()
    #expect(lines.text.hasPrefix("\r\u{1B}[Khistory: comparing versions 0% (0/200)"))
    #expect(lines.text.contains("\r\u{1B}[Kauditing accounts"))
    #expect(lines.text.hasSuffix("\r\u{1B}[K"))
  }

  @Test func stepsFromManyThreadsAllCount() {
    let lines = Lines()
    let progress = Progress { lines.append($0) }
    progress.begin("work", total: 1000)
    DispatchQueue.concurrentPerform(iterations: 1000) { _ in progress.advance() }
    #expect(progress.stepsDone == 1000)
  }
}
