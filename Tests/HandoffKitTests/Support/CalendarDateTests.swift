import Foundation
import Testing

@testable import HandoffKit

@Suite struct CalendarDateTests {
  @Test(arguments: [
    "1970-01-01", "2024-02-29", "2000-03-01", "1969-12-31", "2026-08-14", "2100-02-28",
  ])
  func dayNumbersRoundTrip(text: String) throws {
    let date = try #require(CalendarDate(text))
    #expect(CalendarDate(dayNumber: date.dayNumber) == date)
  }

  @Test func commitTimesPrintAsUTC() {
    #expect(Timestamp.iso8601(0) == "1970-01-01T00:00:00Z")
    #expect(Timestamp.iso8601(1_786_701_600) == "2026-08-14T10:00:00Z")
    #expect(Timestamp.iso8601(-1) == "1969-12-31T23:59:59Z")
  }

  @Test(arguments: [
    "2025-02-30", "2023-02-29", "2026-13-01", "2026-8-14", "२०२६-०८-१४", "2026-08-14 ",
  ])
  func rejectsWhatIsNotADay(text: String) {
    #expect(CalendarDate(text) == nil)
  }
}
