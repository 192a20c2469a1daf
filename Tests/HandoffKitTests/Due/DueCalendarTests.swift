import Testing

@testable import HandoffKit

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
    // "\r\n" is one Character
    #expect(folded.replacingOccurrences(of: "\r\n ", with: "").dropLast(1) == line[...])
  }

  @Test func textValuesAreEscaped() {
    #expect(DueCalendarRenderer.text("a,b;c\\d\ne\u{7}") == "a\\,b\\;c\\\\d\\ne")
  }

  @Test func uidsAreStableAcrossDatesAndNumberedInRecordOrder() {
    let day = CalendarDate("2026-03-01")!
    let item = DueItem(
      account: "acme", owner: nil, kind: .commitment, due: day, subject: "sso", title: "t",
      file: .commitments, location: nil)
    var moved = item
    moved.due = CalendarDate("2026-04-01")!
    #expect(item.uid == moved.uid)
    #expect(item.uid.hasPrefix("commitment-acme-") && item.uid.hasSuffix("@handoff"))
    // A commitment id used twice: the second is numbered by its place in the file, so the
    // first keeps its UID whatever happens to the second's date.
    let commitments = """
      commitments:
        - id: sso
          promise: First
          due: 2026-09-01
          status: open
        - id: sso
          promise: Second
          due: 2026-03-05
          status: open

      """
    let record = DueQueueTests.record(handoff: DueQueueTests.held, commitments: commitments)
    let items = DueQueue.items(
      of: record, levels: ServiceLevels(), asOf: CalendarDate("2026-12-01")!, withinDays: 0)
    let first = items.first { $0.title.hasSuffix("First") }
    let second = items.first { $0.title.hasSuffix("Second") }
    #expect(first?.occurrence == 1 && second?.occurrence == 2)
    #expect(first?.uid != second?.uid)
    let calendar = DueCalendarRenderer().render(
      DueQueue(asOf: day, withinDays: 0, owner: nil, items: items))
    let uids = calendar.components(separatedBy: "\r\n").filter { $0.hasPrefix("UID:") }
    #expect(Set(uids).count == 2)
  }
}
