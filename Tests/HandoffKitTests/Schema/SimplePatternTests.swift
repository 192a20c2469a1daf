import Foundation
import Testing

@testable import HandoffKit

@Suite struct SimplePatternTests {
  static let patterns = [
    "^[a-z0-9][a-z0-9-]{0,62}$", "^[A-Z]{3}$", "^x-", "^[a-z][a-z0-9-]*$", "a+", "^a?b*c{2,}$",
    "[^0-9]", "^$", "x-y", "^[-a]$",
  ]

  /// The simple matcher agrees with ICU's engine on every pattern it accepts.
  @Test(arguments: patterns)
  func agreesWithTheRegexEngine(pattern: String) throws {
    let simple = try #require(SimplePattern(pattern))
    let regex = try NSRegularExpression(pattern: pattern)
    let alphabet = Array("abcxyzAZ09-_ Ü")
    var state: UInt64 = 12345
    for length in 0..<12 {
      for _ in 0..<60 {
        var text = ""
        for _ in 0..<length {
          state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
          text.append(alphabet[Int(state >> 33) % alphabet.count])
        }
        let expected =
          regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        #expect(simple.matches(text) == expected, "\(pattern) on \(text.debugDescription)")
      }
    }
    #expect(
      simple.matches("clever-sso")
        == (regex.firstMatch(in: "clever-sso", range: NSRange(location: 0, length: 10)) != nil))
  }

  @Test(arguments: ["(a|b)", "\\d+", "a.b", "[a-z]{2}?", "[abc", "a{3,1}"])
  func leavesEverythingElseToTheEngine(pattern: String) {
    #expect(SimplePattern(pattern) == nil)
  }
}
