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

@Suite struct CalendarDateTests {
  @Test(arguments: [
    "1970-01-01", "2024-02-29", "2000-03-01", "1969-12-31", "2026-08-14", "2100-02-28",
  ])
  func dayNumbersRoundTrip(text: String) throws {
    let date = try #require(CalendarDate(text))
    #expect(CalendarDate(dayNumber: date.dayNumber) == date)
  }

  @Test func commitTimesPrintAsUTC() {
    #expect(AtCloseReport.date(0) == "1970-01-01T00:00:00Z")
    #expect(AtCloseReport.date(1_786_701_600) == "2026-08-14T10:00:00Z")
    #expect(AtCloseReport.date(-1) == "1969-12-31T23:59:59Z")
  }

  @Test(arguments: [
    "2025-02-30", "2023-02-29", "2026-13-01", "2026-8-14", "२०२६-०८-१४", "2026-08-14 ",
  ])
  func rejectsWhatIsNotADay(text: String) {
    #expect(CalendarDate(text) == nil)
  }
}
