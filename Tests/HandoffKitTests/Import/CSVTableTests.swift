import Testing

@testable import HandoffKit

@Suite struct CSVTableTests {
  static func table(_ text: String) throws -> CSVTable {
    try CSVTable.read(bytes: Array(text.utf8), path: "Opportunity.csv")
  }

  @Test func quotedCommasAndLineBreaksKeepTheLineWhereEachRecordStarts() throws {
    let table = try Self.table(
      "Id,Name,Description\r\n1,A,\"one, two\"\r\n2,B,\"first line\r\nsecond "
        + "line\nthird\"\r\n\r\n3,C,plain\r\n"
    )
    #expect(table.header == ["Id", "Name", "Description"])
    #expect(table.rows.map(\.line) == [2, 3, 7])
    #expect(table.rows[0].fields[2] == "one, two")
    #expect(table.rows[1].fields[2] == "first line\r\nsecond line\nthird")
  }

  @Test func aBOMIsSkippedAndOtherEncodingsAreRefusedWithTheirLine() throws {
    let bom = try CSVTable.read(
      bytes: [0xEF, 0xBB, 0xBF] + Array("Id,Name\n1,A\n".utf8), path: "x.csv")
    #expect(bom.header == ["Id", "Name"])
    #expect(bom.column(["Id"]) == 0)
    let latin1: [UInt8] =
      Array("Id,Name\n1,A\n2,".utf8) + [0x4D, 0xFC, 0x6C, 0x6C, 0x65, 0x72] + [0x0A]
    #expect(
      throws: ImportProblem(
        path: "x.csv", line: 3,
        "the file is not UTF-8 (Latin-1 or Windows-1252?); export it again as CSV UTF-8")
    ) {
      try CSVTable.read(bytes: latin1, path: "x.csv")
    }
    var utf16: [UInt8] = [0xFF, 0xFE]
    for unit in "Id,Name\n".utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    let problem = #expect(throws: ImportProblem.self) {
      try CSVTable.read(bytes: utf16, path: "x.csv")
    }
    #expect(problem?.description.hasPrefix("x.csv:1: error[import]: the file is UTF-16") == true)
    #expect(throws: ImportProblem.self) { try CSVTable.read(bytes: [], path: "x.csv") }
  }

  @Test func headersMatchWhateverTheirCaseAndSpacing() throws {
    let table = try Self.table("Close Date,STAGE_NAME\n2026-01-01,Closed Won\n")
    #expect(table.column(["CloseDate"]) == 0)
    #expect(table.column(["StageName"]) == 1)
  }

  /// Any fields written the RFC 4180 way (as `export` writes them) read back as they were, each
  /// record at the line where it starts.
  @Test func writtenFieldsReadBackAsTheyWere() throws {
    var generator = SystemRandomNumberGenerator()
    let alphabet = Array("ab ,\"\n\r;é𝄞x")
    for _ in 0..<200 {
      let columns = Int.random(in: 1...4, using: &generator)
      var table = ExportTable(name: "t", columns: (0..<columns).map { "c\($0)" })
      for _ in 0..<Int.random(in: 0...6, using: &generator) {
        table.rows.append(
          (0..<columns).map { _ in
            .string(
              String(
                (0..<Int.random(in: 1...8, using: &generator)).map { _ in
                  alphabet.randomElement(using: &generator)!
                }))
          })
      }
      let bytes = ExportTables.csv(table)
      let read = try CSVTable.read(bytes: bytes, path: "t.csv")
      #expect(read.header == table.columns)
      #expect(read.rows.map { $0.fields } == table.rows.map { $0.map(ExportTables.text) })
      var line = 2
      for (row, cells) in zip(read.rows, table.rows) {
        #expect(row.line == line)
        // Each CRLF, LF or CR inside a field is one more physical line.
        line +=
          1
          + cells.map(ExportTables.text).reduce(0) { count, text in
            count
              + text.replacingOccurrences(of: "\r\n", with: "\n").unicodeScalars.count {
                $0 == "\n" || $0 == "\r"
              }
          }
      }
    }
  }

  @Test func amountsAndDates() {
    #expect(CRMReader.amount("84000.00") == "84000")
    #expect(CRMReader.amount("84,000.50") == "84000.5")
    #expect(CRMReader.amount("$1,234") == "1234")
    #expect(CRMReader.amount("USD 12000") == "12000")
    for bad in ["12,00", "-5", "abc", "1.2.3", "1e5", ""] {
      #expect(CRMReader.amount(bad) == nil, "\(bad)")
    }
    #expect(CRMReader.date("2026-08-14") == CalendarDate("2026-08-14"))
    #expect(CRMReader.date("2026-08-14T10:00:00Z") == CalendarDate("2026-08-14"))
    #expect(CRMReader.date("8/14/2026") == CalendarDate("2026-08-14"))
    for bad in ["2026-13-01", "14/08/2026", "tomorrow", "2026-08-14x"] {
      #expect(CRMReader.date(bad) == nil, "\(bad)")
    }
  }

  @Test func slugs() {
    #expect(AccountID.slug("Lincoln Unified (CA)") == "lincoln-unified-ca")
    #expect(AccountID.slug("École Saint-Jean") == "ecole-saint-jean")
    #expect(AccountID.slug("!!!") == "")
    #expect(AccountID.isValid(AccountID.slug(String(repeating: "ab ", count: 40))))
  }
}
