import HandoffTestSupport
import Testing

@testable import HandoffKit

/// The tables' CSV is RFC 4180 and their JSON lines keep the column order.
@Suite struct ExportTablesTests {
  static var table: ExportTable {
    var table = ExportTable(name: "t", columns: ["id", "note", "tags", "n"])
    table.rows = [
      [.string("a"), .string("plain"), .array([.string("x"), .string("y")]), .int(3)],
      [.string("b"), .string("says \"hi\", twice\nthen stops"), .array([]), .null],
    ]
    return table
  }

  @Test func csvQuotesOnlyWhatNeedsIt() {
    let text = String(decoding: ExportTables.csv(Self.table), as: UTF8.self)
    #expect(
      text == "id,note,tags,n\r\na,plain,x;y,3\r\nb,\"says \"\"hi\"\", twice\nthen stops\",,\r\n")
  }

  @Test func jsonLinesKeepTheColumnOrder() throws {
    let lines = String(decoding: ExportTables.jsonl(Self.table), as: UTF8.self).split(
      separator: "\n")
    #expect(lines.count == 2)
    #expect(lines[0].hasPrefix("{\"id\":\"a\",\"note\":\"plain\",\"tags\":[\"x\",\"y\"]"))
    #expect(try JSONReader.parse(String(lines[1]))["n"]?.value == .null)
  }
}
