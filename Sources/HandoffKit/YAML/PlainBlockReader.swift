/// Reads the plain block YAML that record files are nearly always written in, without libfyaml:
/// nested block mappings and sequences, one-line plain and quoted scalars, one-line flow lists
/// of plain words, and comments.
///
/// It gives exactly the document libfyaml's reading gives (nodes, positions, duplicate-key
/// problems), or nil at the first thing outside that subset (tabs, anchors, tags, block
/// scalars, escapes, multi-line scalars, empty values, flow mappings, document markers, odd
/// indentation, anything that could be an error): `YAMLLoader` then reads the file with
/// libfyaml, so the subset decides only how fast a file is read, never what it says. A
/// differential test and fuzz target hold the two readers to the same answers.
enum PlainBlockReader {
  static func read(_ body: UnsafeRawBufferPointer) -> YAMLDocument? {
    guard let lines = SignificantLines(body) else { return nil }
    var reader = Reader(text: body, lines: lines.lines)
    return reader.document()
  }
}

/// The lines that carry content (not blank, not only a comment), with their indentation. Nil
/// when a byte outside the subset appears anywhere: tabs, carriage returns, other control
/// characters, and the few Unicode characters YAML readers treat specially.
private struct SignificantLines {
  struct Line {
    var number: Int
    /// Offsets in the text: where the line starts, where its content starts, where it ends.
    var start: Int
    var content: Int
    var end: Int
    var indent: Int { content - start }
  }

  var lines: [Line] = []

  init?(_ text: UnsafeRawBufferPointer) {
    var number = 1
    var start = 0
    var index = 0
    let count = text.count
    lines.reserveCapacity(count / 24)
    while start <= count {
      var content = start
      while content < count, text[content] == UInt8(ascii: " ") { content += 1 }
      index = content
      while index < count {
        let byte = text[index]
        if byte == 0x0A { break }
        if byte < 0x20 || byte == 0x7F { return nil }
        if byte >= 0x80, Self.isSpecial(text, at: index) { return nil }
        index += 1
      }
      if content < index, text[content] != UInt8(ascii: "#") {
        lines.append(Line(number: number, start: start, content: content, end: index))
      }
      if index >= count { break }
      number += 1
      start = index + 1
    }
  }

  /// C1 controls (NEL among them), the Unicode line and paragraph separators, a byte order
  /// mark and the two non-characters: YAML treats these apart from ordinary text.
  private static func isSpecial(_ text: UnsafeRawBufferPointer, at index: Int) -> Bool {
    let byte = text[index]
    let next = index + 1 < text.count ? text[index + 1] : 0
    let third = index + 2 < text.count ? text[index + 2] : 0
    switch byte {
    case 0xC2: return next < 0xA1
    case 0xE2: return next == 0x80 && (third == 0xA8 || third == 0xA9)
    case 0xEF: return (next == 0xBB && third == 0xBF) || (next == 0xBF && third >= 0xBE)
    default: return false
    }
  }
}

/// Recursive descent over the significant lines; every function returns nil to give up.
private struct Reader {
  typealias Line = SignificantLines.Line

  let text: UnsafeRawBufferPointer
  var lines: [Line]
  var next = 0
  var problems: [YAMLProblem] = []
  var depth = 0

  /// Far below the loader's own nesting limit, so a deep file is left to the loader to report.
  static let depthLimit = 32

  init(text: UnsafeRawBufferPointer, lines: [Line]) {
    self.text = text
    self.lines = lines
  }

  mutating func document() -> YAMLDocument? {
    guard let first = lines.first, let root = mapping(at: first.indent), next == lines.count
    else { return nil }
    return YAMLDocument(root: root, problems: problems)
  }

  // MARK: - Collections

  /// A block mapping whose keys stand at `indent`, starting at the next line.
  private mutating func mapping(at indent: Int) -> YAMLNode? {
    depth += 1
    defer { depth -= 1 }
    guard depth <= Self.depthLimit, let first = keyLine(lines[next]) else { return nil }
    var entries: [YAMLEntry] = []
    var seen: Set<String>?
    let location = self.location(of: lines[next], at: first.keyStart)
    while next < lines.count, lines[next].indent == indent {
      let line = lines[next]
      guard let key = keyLine(line) else { return nil }
      let keyText = string(key.keyStart..<key.keyEnd)
      let keyLocation = self.location(of: line, at: key.keyStart)
      let value: YAMLNode
      if let start = key.valueStart {
        guard let inline = inlineValue(line, from: start, under: indent) else { return nil }
        value = inline
      } else {
        next += 1
        guard let nested = nestedValue(under: indent, sequenceMayAlign: true) else { return nil }
        value = nested
      }
      if let earlier = firstEntry(keyText, in: entries, seen: &seen) {
        let line = earlier.keyLocation.map { " (first at line \($0.line))" } ?? ""
        problems.append(
          YAMLProblem(.duplicateKey, "duplicate key `\(keyText)`\(line)", at: keyLocation))
      } else {
        entries.append(YAMLEntry(key: keyText, keyLocation: keyLocation, value: value))
      }
    }
    // A line indented deeper than the keys but not inside any value is an error in YAML.
    if next < lines.count, lines[next].indent > indent { return nil }
    return YAMLNode(.mapping(entries), at: location)
  }

  /// A block sequence whose dashes stand at `indent`, starting at the next line.
  private mutating func sequence(at indent: Int) -> YAMLNode? {
    depth += 1
    defer { depth -= 1 }
    guard depth <= Self.depthLimit else { return nil }
    var items: [YAMLNode] = []
    let location = self.location(of: lines[next], at: lines[next].content)
    // A key at the dashes' indentation ends a sequence written under its key without indent.
    while next < lines.count, lines[next].indent == indent,
      isDash(lines[next], at: lines[next].content)
    {
      let line = lines[next]
      var start = line.content + 1
      while start < line.end, text[start] == UInt8(ascii: " ") { start += 1 }
      if start == line.end || text[start] == UInt8(ascii: "#") {
        next += 1
        guard let nested = nestedValue(under: indent, sequenceMayAlign: false) else { return nil }
        items.append(nested)
      } else if isDash(line, at: start) {
        return nil
      } else if keyLine(line, from: start) != nil {
        // `- key: value`: a mapping whose keys stand where this first key does.
        lines[next].content = start
        guard let nested = mapping(at: start - line.start) else { return nil }
        items.append(nested)
      } else {
        guard let inline = inlineValue(line, from: start, under: indent) else { return nil }
        items.append(inline)
      }
    }
    if next < lines.count, lines[next].indent > indent { return nil }
    return YAMLNode(.sequence(items), at: location)
  }

  /// The value of a key or dash with nothing after it on its line: the block on the next
  /// lines, deeper than `indent` (or a sequence at the same indentation, under a key).
  private mutating func nestedValue(under indent: Int, sequenceMayAlign: Bool) -> YAMLNode? {
    guard next < lines.count else { return nil }
    let line = lines[next]
    if line.indent > indent {
      return isDash(line, at: line.content) ? sequence(at: line.indent) : mapping(at: line.indent)
    }
    if sequenceMayAlign, line.indent == indent, isDash(line, at: line.content) {
      return sequence(at: indent)
    }
    return nil  // an empty value: left to libfyaml, which places the null
  }

  // MARK: - Lines

  private struct KeyLine {
    var keyStart: Int
    var keyEnd: Int
    /// Where the value starts on this line, or nil when only a comment or nothing follows.
    var valueStart: Int?
  }

  /// A line (from `start`) that begins `key:` followed by a space or the end: keys are
  /// letters, digits and `_`, then also `-` and `.`.
  private func keyLine(_ line: Line, from start: Int? = nil) -> KeyLine? {
    let keyStart = start ?? line.content
    var index = keyStart
    guard index < line.end, isKeyHead(text[index]) else { return nil }
    while index < line.end, isKeyByte(text[index]) { index += 1 }
    guard index < line.end, text[index] == UInt8(ascii: ":") else { return nil }
    let keyEnd = index
    index += 1
    if index == line.end { return KeyLine(keyStart: keyStart, keyEnd: keyEnd, valueStart: nil) }
    guard text[index] == UInt8(ascii: " ") else { return nil }
    while index < line.end, text[index] == UInt8(ascii: " ") { index += 1 }
    if index == line.end || text[index] == UInt8(ascii: "#") {
      return KeyLine(keyStart: keyStart, keyEnd: keyEnd, valueStart: nil)
    }
    return KeyLine(keyStart: keyStart, keyEnd: keyEnd, valueStart: index)
  }

  private func isDash(_ line: Line, at index: Int) -> Bool {
    index < line.end && text[index] == UInt8(ascii: "-")
      && (index + 1 == line.end || text[index + 1] == UInt8(ascii: " "))
  }

  // MARK: - Scalars

  /// The scalar or flow list after a key or dash at `indent`, which must end its line (a
  /// comment aside), or a block scalar on the lines after. Moves past the lines it used.
  private mutating func inlineValue(_ line: Line, from start: Int, under indent: Int) -> YAMLNode? {
    let location = self.location(of: line, at: start)
    next += 1
    switch text[start] {
    case UInt8(ascii: "\""), UInt8(ascii: "'"):
      guard let (value, end) = quoted(from: start, to: line.end), onlyCommentFollows(end, line)
      else { return nil }
      return YAMLNode(.string(value), at: location)
    case UInt8(ascii: "["):
      return flowList(line, from: start)
    case UInt8(ascii: ">"), UInt8(ascii: "|"):
      // libfyaml places a block scalar at the start of the line after its indicator.
      return blockScalar(line, from: start, under: indent).map {
        YAMLNode(.string($0), at: SourceLocation(line: line.number + 1, column: 1))
      }
    default:
      guard let end = plainEnd(from: start, to: line.end, flow: false) else { return nil }
      return YAMLNode(CoreSchemaResolver.resolve(plain: string(start..<end)), at: location)
    }
  }

  /// `>`, `>-`, `|` or `|-` ending the line, then lines all at one indentation deeper than
  /// `indent`, with no blank, comment or more-indented line among them, and nothing but empty
  /// lines after them before a shallower line.
  private mutating func blockScalar(_ line: Line, from start: Int, under indent: Int) -> String? {
    let folded = text[start] == UInt8(ascii: ">")
    var index = start + 1
    let strip = index < line.end && text[index] == UInt8(ascii: "-")
    if strip { index += 1 }
    guard index == line.end, next < lines.count else { return nil }
    let depth = lines[next].indent
    guard depth > indent, lines[next].number == line.number + 1 else { return nil }
    var pieces: [String] = []
    var previous = line
    while next < lines.count, lines[next].indent >= depth {
      let content = lines[next]
      guard content.indent == depth, content.number == previous.number + 1,
        text[content.end - 1] != UInt8(ascii: " ")
      else { return nil }
      pieces.append(string(content.content..<content.end))
      previous = content
      next += 1
    }
    // What follows the last line may only be empty lines (dropped by either chomping).
    let gapEnd = next < lines.count ? lines[next].start : text.count
    guard (previous.end..<gapEnd).allSatisfy({ text[$0] == 0x0A }) else { return nil }
    return pieces.joined(separator: folded ? " " : "\n") + (strip ? "" : "\n")
  }

  /// A one-line quoted scalar without escapes (`"…"` without `\`, `'…'` without `''`): its
  /// text and the offset after the closing quote.
  private func quoted(from start: Int, to end: Int) -> (String, Int)? {
    let quote = text[start]
    var index = start + 1
    while index < end {
      let byte = text[index]
      if byte == UInt8(ascii: "\\"), quote == UInt8(ascii: "\"") { return nil }
      if byte == quote {
        // `''` (a quote inside '…') is left to libfyaml: 0.7.12 reads some runs of them
        // differently from the YAML spec (`'''''''''*'''''` without its `*`), and a file must
        // read the same whichever reader takes it.
        if quote == UInt8(ascii: "'"), index + 1 < end, text[index + 1] == quote { return nil }
        return (string(start + 1..<index), index + 1)
      }
      index += 1
    }
    return nil
  }

  /// `[a, b c, 'd']` on one line, ASCII only (flow positions count characters).
  private func flowList(_ line: Line, from start: Int) -> YAMLNode? {
    var items: [YAMLNode] = []
    var index = start + 1
    func skipSpaces() { while index < line.end, text[index] == UInt8(ascii: " ") { index += 1 } }
    skipSpaces()
    if index < line.end, text[index] == UInt8(ascii: "]") {
      return onlyCommentFollows(index + 1, line)
        ? YAMLNode(.sequence([]), at: location(of: line, at: start)) : nil
    }
    while index < line.end {
      let itemStart = index
      let location = self.location(of: line, at: itemStart)
      let byte = text[index]
      if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
        guard let (value, end) = quoted(from: index, to: line.end) else { return nil }
        guard (itemStart..<end).allSatisfy({ text[$0] < 0x80 }) else { return nil }
        items.append(YAMLNode(.string(value), at: location))
        index = end
      } else {
        guard let end = plainEnd(from: index, to: line.end, flow: true) else { return nil }
        items.append(
          YAMLNode(CoreSchemaResolver.resolve(plain: string(itemStart..<end)), at: location))
        index = end
      }
      skipSpaces()
      guard index < line.end else { return nil }
      if text[index] == UInt8(ascii: "]") {
        return onlyCommentFollows(index + 1, line)
          ? YAMLNode(.sequence(items), at: self.location(of: line, at: start)) : nil
      }
      guard text[index] == UInt8(ascii: ",") else { return nil }
      index += 1
      skipSpaces()
      // `[a, ]` and `[a,, b]` are left to libfyaml.
      guard index < line.end, text[index] != UInt8(ascii: "]"), text[index] != UInt8(ascii: ",")
      else { return nil }
    }
    return nil
  }

  /// The end of a plain scalar starting at `start` (trailing spaces and a comment dropped). Nil
  /// when it starts with an indicator or holds something that could make it more than a plain
  /// scalar: `: ` (a mapping), or in a flow list any flow indicator or non-ASCII byte.
  private func plainEnd(from start: Int, to end: Int, flow: Bool) -> Int? {
    let first = text[start]
    if Self.indicators.contains(first) {
      guard first == UInt8(ascii: "-"), start + 1 < end, text[start + 1] != UInt8(ascii: " "),
        !flow || !Self.flowIndicators.contains(text[start + 1])
      else { return nil }
    }
    var index = start
    var last = start
    while index < end {
      let byte = text[index]
      if byte == UInt8(ascii: " ") {
        if index + 1 < end, text[index + 1] == UInt8(ascii: "#") { break }
        index += 1
        continue
      }
      if byte == UInt8(ascii: ":") {
        if index + 1 == end || text[index + 1] == UInt8(ascii: " ") { return nil }
        if flow { return nil }
      }
      if flow, byte >= 0x80 || Self.flowIndicators.contains(byte) || byte == UInt8(ascii: "#") {
        if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]") { break }
        return nil
      }
      index += 1
      last = index
    }
    return last
  }

  /// After a scalar or list: nothing but spaces, then perhaps a comment after a space.
  private func onlyCommentFollows(_ start: Int, _ line: Line) -> Bool {
    var index = start
    while index < line.end, text[index] == UInt8(ascii: " ") { index += 1 }
    return index == line.end || (index > start && text[index] == UInt8(ascii: "#"))
  }

  private static let indicators = Set("-?:,[]{}#&*!|>'\"%@`".utf8)
  private static let flowIndicators = Set(",[]{}".utf8)

  private func isKeyHead(_ byte: UInt8) -> Bool {
    (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
      || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
      || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
  }

  private func isKeyByte(_ byte: UInt8) -> Bool {
    isKeyHead(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
  }

  // MARK: - Helpers

  private func location(of line: Line, at offset: Int) -> SourceLocation {
    SourceLocation(line: line.number, column: offset - line.start + 1)
  }

  private func string(_ range: Range<Int>) -> String {
    String(decoding: UnsafeRawBufferPointer(rebasing: text[range]), as: UTF8.self)
  }

  /// The entry already written for `key`; linear while the mapping is small, hashed after.
  private func firstEntry(_ key: String, in entries: [YAMLEntry], seen: inout Set<String>?)
    -> YAMLEntry?
  {
    // Keys here are ASCII, for which byte equality is string equality.
    if entries.count < 16 {
      let count = key.utf8.count
      return entries.first { $0.key.utf8.count == count && $0.key.utf8.elementsEqual(key.utf8) }
    }
    if seen == nil { seen = Set(entries.map(\.key)) }
    guard seen!.contains(key) else {
      seen!.insert(key)
      return nil
    }
    return entries.first { $0.key == key }
  }
}
