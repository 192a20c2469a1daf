import Foundation
import HandoffTestSupport
import Testing

@testable import HandoffKit

@Suite struct VerdictStoreTests {
  /// Property: after any sequence of runs that each record a few keys (new ones and old ones
  /// judged again), every key reads back its latest count.
  @Test func mergedSavesKeepEveryLatestCount() throws {
    let repo = try TestRepository()
    let repository = try Repository.discover(from: repo.path)
    var generator = SystemRandomNumberGenerator()
    var expected: [OID: Int] = [:]
    for _ in 0..<12 {
      let store = VerdictStore.open(repository: repository)
      for key in expected.keys.shuffled(using: &generator).prefix(3) {
        let errors = Int.random(in: 0...4, using: &generator)
        store.record(key, errors: errors)
        expected[key] = errors
      }
      for _ in 0..<Int.random(in: 1...40, using: &generator) {
        let key = OID(bytes: (0..<20).map { _ in UInt8.random(in: 0...255, using: &generator) })
        let errors = Int.random(in: 0...4, using: &generator)
        store.record(key, errors: errors)
        expected[key] = errors
      }
      store.save()
      let reopened = VerdictStore.open(repository: repository)
      for (key, errors) in expected { #expect(reopened.errors(for: key) == errors) }
      #expect(reopened.errors(for: OID(bytes: [UInt8](repeating: 7, count: 20))) == nil)
    }
  }
}
