@testable import HandoffKit
import Testing

@Suite struct DueCalendarTests {
  @Test func linesAreFoldedAt75OctetsWithoutSplittingCharacters() {
    let line = "SUMMARY:" + String(repeating: "é", count: 60)
    let folded = DueCalendarRenderer.fold(line)
    #expect(folded.hasSuffix("\r\n"))
    let physical = folded.split(separator: "\r\n", omittingEmptySubsequences: true)
    #expect(physical.count == 2)
    #expect(physical.allSatisfy { $0.utf8.count <= 75 })
    #expect(physical[1].hasPrefix(" "))
    // Unfolding (drop CRLF + space) gives the line back.
    #expect(folded.replacingOccurrences(of: "\r\n ", with: "").dropLast(1) == line[...])  // "\r\n" is one Character
  }

  @Test func textValuesAreEscaped() {
    #expect(DueCalendarRenderer.text("a,b;c\\d\ne\u{7}") == "a\\,b\\;c\\\\d\\ne")
  }

  @Test func uidsAreStableAndUnique() {
    let day = CalendarDate("2026-03-01")!
    let item = DueItem(
      account: "acme", owner: nil, kind: .commitment, due: day, subject: "sso", title: "t", file: .commitments, location: nil)
    var moved = item
    moved.due = CalendarDate("2026-04-01")!
    #expect(DueCalendarRenderer.uid(item) == DueCalendarRenderer.uid(moved))
    let calendar = DueCalendarRenderer().render(DueQueue(asOf: day, withinDays: 0, owner: nil, items: [item, item]))
    let uids = calendar.components(separatedBy: "\r\n").filter { $0.hasPrefix("UID:") }
    #expect(uids.count == 2 && Set(uids).count == 2)
  }
}
