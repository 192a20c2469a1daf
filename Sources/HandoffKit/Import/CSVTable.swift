import CSV

/// One CSV export as read by CSV.swift: its header and rows, each row with the physical line
/// on which it starts (a quoted Description can span lines), so every problem can name it.
struct CSVTable: Sendable {
  struct Row: Sendable {
    var line: Int
    var fields: [String]
  }

  /// The path as given on the command line, for messages.
  var path: String
  var header: [String]
  var rows: [Row]
  /// Header names folded for lookup (case, spaces and underscores ignored).
  private var columns: [String: Int] = [:]

  init(path: String, header: [String], rows: [Row]) {
    self.path = path
    self.header = header
    self.rows = rows
    for (index, name) in header.enumerated() where columns[Self.fold(name)] == nil {
      columns[Self.fold(name)] = index
    }
  }

  /// The first of `names` the header has.
  func column(_ names: [String]) -> Int? {
    names.lazy.compactMap { columns[Self.fold($0)] }.first
  }

  func has(_ name: String) -> Bool { columns[Self.fold(name)] != nil }

  /// `Close Date`, `close_date` and `CloseDate` are one column; `Opportunity.Name` keeps its dot.
  static func fold(_ name: String) -> String {
    String(
      name.lowercased().unicodeScalars.filter { $0 != " " && $0 != "_" && $0 != "\u{FEFF}" }.map(
        Character.init))
  }

  /// Reads a file exported by a CRM or a spreadsheet. UTF-8 only (a BOM, as Excel writes it, is
  /// skipped); a UTF-16 or Latin-1 export is refused with the fix, at line 1 or the bad line.
  static func read(bytes: [UInt8], path: String) throws(ImportProblem) -> CSVTable {
    var body = bytes[...]
    if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
    if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
      || (bytes.count >= 4 && (bytes[1] == 0 || bytes[0] == 0)
        && bytes.prefix(64).filter({ $0 == 0 }).count > 8)
    {
      throw ImportProblem(
        path: path, line: 1,
        "the file is UTF-16; export it again as CSV UTF-8 (in Excel: Save As, CSV UTF-8)")
    }
    guard let text = String(validating: body, as: UTF8.self) else {
      let line = Self.lineOfFirstInvalidByte(body)
      throw ImportProblem(
        path: path, line: line,
        "the file is not UTF-8 (Latin-1 or Windows-1252?); export it again as CSV UTF-8")
    }
    if text.unicodeScalars.contains("\u{0}") {
      throw ImportProblem(
        path: path, line: 1, "the file holds NUL bytes; it is not a CSV text export")
    }
    if let problem = quotingProblem(text, path: path) { throw problem }
    let reader: CSVReader
    do {
      reader = try CSVReader(string: text, hasHeaderRow: false)
    } catch {
      throw ImportProblem(path: path, line: 1, "the file could not be read as CSV: \(error)")
    }
    var line = 1
    var header: [String]?
    var rows: [Row] = []
    while let fields = reader.next() {
      let start = line
      line += 1 + fields.reduce(0) { $0 + Self.lineBreaks(in: $1) }
      if header == nil {
        header = fields.map { $0.trimmingCharacters(in: .whitespaces) }
        continue
      }
      // A blank line between records is not a record.
      if fields.allSatisfy({ $0.isEmpty }) { continue }
      rows.append(Row(line: start, fields: fields))
    }
    if let error = reader.error {
      throw ImportProblem(path: path, line: line, "the file could not be read as CSV: \(error)")
    }
    guard let header, !header.allSatisfy({ $0.isEmpty }) else {
      throw ImportProblem(
        path: path, line: 1, "the file is empty; a CSV export starts with a header row")
    }
    return CSVTable(path: path, header: header, rows: rows)
  }

  /// RFC 4180 quoting checked before parsing, which would otherwise read on silently: a quote
  /// that is never closed swallows every record after it, and a stray quote in a field is a
  /// typo. Either is reported at the line where it is.
  static func quotingProblem(_ text: String, path: String) -> ImportProblem? {
    var line = 1
    var quoted = false
    var fieldStart = true
    var openedAt = 1
    var previousCR = false
    var bytes = text.utf8.makeIterator()
    var pending: UInt8? = nil
    func next() -> UInt8? {
      if let byte = pending {
        pending = nil
        return byte
      }
      return bytes.next()
    }
    while let byte = next() {
      let isBreak = byte == 0x0A || byte == 0x0D
      if isBreak {
        if !(byte == 0x0A && previousCR) { line += 1 }
        previousCR = byte == 0x0D
      } else {
        previousCR = false
      }
      if quoted {
        guard byte == 0x22 else { continue }
        let following = next()
        if following == 0x22 { continue }  // an escaped quote
        quoted = false
        fieldStart = false
        guard let following else { break }
        guard following == 0x2C || following == 0x0A || following == 0x0D else {
          return ImportProblem(
            path: path, line: line,
            "a quoted field goes on after its closing quote; write a quote inside a quoted "
              + "field as \"\""
          )
        }
        pending = following
        continue
      }
      switch byte {
      case 0x22 where fieldStart:
        quoted = true
        openedAt = line
      case 0x22:
        return ImportProblem(
          path: path, line: line,
          "a quote inside an unquoted field; quote the whole field and write the quote as \"\"")
      case 0x2C, 0x0A, 0x0D:
        fieldStart = true
      default:
        fieldStart = false
      }
    }
    if quoted {
      return ImportProblem(
        path: path, line: openedAt,
        "a quoted field is never closed; every record after it would be lost")
    }
    return nil
  }

  /// Line breaks inside a field: CRLF, LF or CR each count once.
  private static func lineBreaks(in field: String) -> Int {
    var count = 0
    var previousCR = false
    for scalar in field.unicodeScalars {
      if scalar == "\n" {
        if !previousCR { count += 1 }
        previousCR = false
      } else if scalar == "\r" {
        count += 1
        previousCR = true
      } else {
        previousCR = false
      }
    }
    return count
  }

  private static func lineOfFirstInvalidByte(_ bytes: ArraySlice<UInt8>) -> Int {
    var line = 1
    var index = bytes.startIndex
    while index < bytes.endIndex {
      let byte = bytes[index]
      if byte == 0x0A { line += 1 }
      if byte >= 0x80 {
        let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC2 ? 2 : 0
        let end = index + length
        if length == 0 || end > bytes.endIndex
          || String(validating: bytes[index..<end], as: UTF8.self) == nil
        {
          return line
        }
        index = end
        continue
      }
      index += 1
    }
    return line
  }
}

extension CSVTable.Row {
  func value(_ column: Int?) -> String? {
    guard let column, fields.indices.contains(column) else { return nil }
    let field = fields[column]
    // Most fields have no surrounding spaces: no copy for them.
    guard field.first == " " || field.last == " " || field.first == "\t" || field.last == "\t"
    else {
      return field.isEmpty ? nil : field
    }
    let value = field.trimmingCharacters(in: .whitespaces)
    return value.isEmpty ? nil : value
  }
}

/// A problem in an import's input: `FILE:LINE: error[import]: message`.
public struct ImportProblem: Error, Sendable, Equatable, CustomStringConvertible {
  public enum Level: String, Sendable { case error, warning }

  public var path: String
  public var line: Int
  public var message: String
  public var level: Level

  public init(path: String, line: Int, _ message: String, level: Level = .error) {
    self.path = path
    self.line = line
    self.message = message
    self.level = level
  }

  public var description: String { "\(path):\(line): \(level.rawValue)[import]: \(message)" }
}
