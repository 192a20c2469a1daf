/// Edits a YAML file in place: a value replaced, a missing key added to a block mapping, an
/// item appended to a block sequence. Every byte outside the edit stays as it was (comments,
/// key order, quoting, blank lines), so a person's record survives a machine's change.
public struct YAMLEditor: Sendable {
  /// A value to write. Scalars are written plain when that reads back as the same value,
  /// double-quoted otherwise.
  public indirect enum Value: Sendable, Equatable {
    case string(String)
    /// A number or boolean, written as given (`84000`, `true`).
    case literal(String)
    /// A list of strings, written in flow style (`[core, analytics]`).
    case list([String])
    case mapping([(String, Value)])
    /// A list of mappings (stakeholders), written in block style.
    case items([[(String, Value)]])

    public static func == (lhs: Value, rhs: Value) -> Bool {
      YAMLEditor.inline(lhs) == YAMLEditor.inline(rhs)
    }
  }

  /// A step of a path: a mapping key or a sequence index.
  public enum Step: Sendable, Equatable {
    case key(String)
    case index(Int)
  }

  public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
  }

  public private(set) var bytes: [UInt8]
  /// The file as it was given, to tell in `finished()` a file that never loaded strictly from
  /// one an edit changed.
  private let original: [UInt8]

  public init(_ bytes: [UInt8]) {
    self.bytes = bytes
    original = bytes
  }

  /// The spans as libfyaml reads them. The strict loader's check is left to `finished()`, which
  /// every caller goes through before it writes: checking before each edit as well was the same
  /// work again.
  private func spans() -> YAMLSpan? { YAMLSpans.read(bytes) }

  public var text: String { String(decoding: bytes, as: UTF8.self) }

  /// The edited bytes, once they are checked to load as strictly as before. Edits write whole
  /// values at the right indent, but a file that leans on the parser's leniency (a plain value
  /// continued at column 0) can read differently around an insertion: such a file is refused,
  /// never written broken.
  public func finished() throws(Failure) -> [UInt8] { try finishedDocument().bytes }

  /// The edited bytes and their document as the check loaded it, for a caller that reads the
  /// result next.
  func finishedDocument() throws(Failure) -> (bytes: [UInt8], root: YAMLNode?) {
    let document = YAMLLoader.load(bytes)
    guard document.problems.isEmpty else {
      guard YAMLLoader.load(original).problems.isEmpty else {
        throw Failure(message: Self.notEditable)
      }
      throw Failure(
        message: "the file is laid out in a way this tool cannot edit safely; edit it by hand")
    }
    return (bytes, document.root)
  }

  static let notEditable = "the file is not YAML this tool can edit"

  /// Sets the value at `path` (creating the missing mappings on the way).
  public mutating func set(_ path: [Step], to value: Value) throws(Failure) {
    guard let root = spans() else {
      if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D }),
        case .key(let key)? = path.first
      {
        // An empty file: the first key starts the document.
        bytes = Array(
          (Self.block(key: key, value: Self.nested(Array(path.dropFirst()), value), indent: 0)).utf8
        )
        return
      }
      throw Failure(message: Self.notEditable)
    }
    var node = root
    var parents: [(span: YAMLSpan, keyInfo: (start: Int, end: Int, column: Int)?)] = []
    var keyInfo: (start: Int, end: Int, column: Int)?
    for (index, step) in path.enumerated() {
      switch step {
      case .key(let key):
        if node.kind == .scalar, node.isEmpty, let keyInfo {
          // `deal:` with nothing under it: the rest of the path goes below the key.
          let rest = Array(path[index...])
          return insertBelowKey(keyInfo, lines: Self.lines(rest, value, indent: keyInfo.column + 2))
        }
        guard node.kind == .mapping else {
          throw Failure(message: "`\(Self.describe(path[..<index]))` is not a mapping")
        }
        guard let entry = node.entries.first(where: { $0.key == key }) else {
          guard !node.isFlow else {
            throw Failure(
              message:
                "`\(Self.describe(path[..<index]))` is written in flow style ({…}); edit it by hand"
            )
          }
          let rest = Array(path[index...])
          let indent = node.entries.first?.keyColumn ?? node.column
          let text = Self.lines(rest, value, indent: indent)
          // A template's commented-out `# key:` at this indent shows where the key belongs.
          if let hint = commentedKeyLine(key, indent: indent, from: node.start) {
            return splice(hint..<hint, Array(text.utf8))
          }
          return insertAfterLine(of: node.contentEnd, text, skippingCommentsDeeperThan: indent)
        }
        parents.append((node, keyInfo))
        keyInfo = (entry.keyStart, entry.keyEnd, entry.keyColumn)
        node = entry.value
      case .index(let position):
        guard node.kind == .sequence, node.items.indices.contains(position) else {
          throw Failure(message: "`\(Self.describe(path[...index]))` does not exist")
        }
        parents.append((node, keyInfo))
        keyInfo = nil
        node = node.items[position]
      }
    }
    try replace(node, keyInfo: keyInfo, with: value, path: path)
  }

  /// Appends a mapping to the block sequence at `path` (which must exist).
  public mutating func append(to path: [Step], _ item: [(String, Value)]) throws(Failure) {
    guard let root = spans() else { throw Failure(message: Self.notEditable) }
    var node = root
    var keyInfo: (start: Int, end: Int, column: Int)?
    for step in path {
      switch step {
      case .key(let key):
        guard let entry = node.entries.first(where: { $0.key == key }) else {
          throw Failure(message: "`\(Self.describe(path[...]))` does not exist")
        }
        keyInfo = (entry.keyStart, entry.keyEnd, entry.keyColumn)
        node = entry.value
      case .index(let position):
        guard node.items.indices.contains(position) else {
          throw Failure(message: "no item \(position)")
        }
        keyInfo = nil
        node = node.items[position]
      }
    }
    let text = Self.itemLines(
      item,
      indent: node.kind == .sequence && !node.isFlow ? node.column : (keyInfo?.column ?? 0) + 2)
    switch node.kind {
    case .sequence where !node.isFlow:
      insertAfterLine(of: node.contentEnd, text, skippingCommentsDeeperThan: node.column)
    case .sequence where node.items.isEmpty, .scalar where node.isEmpty:
      // `stakeholders: []` or `stakeholders:`: the list moves below its key.
      guard let keyInfo else {
        throw Failure(message: "cannot add to a list that is not under a key")
      }
      if node.kind == .sequence { removeFlowValue(node) }
      insertBelowKey(keyInfo, lines: text)
    default:
      throw Failure(message: "`\(Self.describe(path[...]))` is not a block list; edit it by hand")
    }
  }

  // MARK: - Edits

  private mutating func replace(
    _ node: YAMLSpan, keyInfo: (start: Int, end: Int, column: Int)?, with value: Value, path: [Step]
  ) throws(Failure) {
    switch (node.kind, value) {
    case (.scalar, _) where node.isEmpty:
      guard let keyInfo else { throw Failure(message: "cannot set an empty list item") }
      switch value {
      case .mapping, .items:
        insertBelowKey(keyInfo, lines: Self.lines([], value, indent: keyInfo.column + 2))
      default:
        // `name:` becomes `name: value`, just after the colon.
        let colon = colonOffset(after: keyInfo.end)
        splice(colon..<colon, Array((" " + Self.inline(value)).utf8))
      }
    case (.scalar, .string), (.scalar, .literal), (.scalar, .list):
      splice(node.start..<node.end, Array(Self.inline(value).utf8))
    case (.sequence, .list) where node.isFlow:
      splice(node.start..<node.end, Array(Self.inline(value).utf8))
    case (.sequence, .list(let values)):
      // A block list keeps its style: its item lines are rewritten at the same indent.
      let start = lineStart(of: node.items.first?.start ?? node.start)
      let end = lineEndIncludingBreak(of: node.contentEnd)
      let indent = String(repeating: " ", count: node.column)
      let lines = values.map { "\(indent)- \(Self.scalar($0))\n" }.joined()
      splice(start..<end, Array(lines.utf8))
    case (.mapping, .mapping(let members)):
      for (key, member) in members.reversed() {
        try set(path + [.key(key)], to: member)
      }
    default:
      throw Failure(
        message: "`\(Self.describe(path[...]))` holds another kind of value; edit it by hand")
    }
  }

  /// Replaces bytes; the result stays valid YAML because every edit writes whole values. In a
  /// file with CRLF line ends the new lines get them too.
  private mutating func splice(_ range: Range<Int>, _ replacement: [UInt8]) {
    var text = replacement
    if usesCRLF, text.contains(0x0A) {
      text = []
      for (index, byte) in replacement.enumerated() {
        if byte == 0x0A, index == 0 || replacement[index - 1] != 0x0D { text.append(0x0D) }
        text.append(byte)
      }
    }
    bytes.replaceSubrange(range, with: text)
  }

  /// Whether the file's first line ends in CRLF.
  private var usesCRLF: Bool {
    guard let newline = bytes.firstIndex(of: 0x0A) else { return false }
    return newline > 0 && bytes[newline - 1] == 0x0D
  }

  /// Inserts whole lines after the line that holds `offset`, and after the comment lines that
  /// follow it indented deeper than `indent` (they belong to the block above).
  private mutating func insertAfterLine(
    of offset: Int, _ lines: String, skippingCommentsDeeperThan indent: Int? = nil
  ) {
    var position = lineEndIncludingBreak(of: offset)
    if let indent {
      while position < bytes.count {
        var column = 0
        while position + column < bytes.count, bytes[position + column] == 0x20 { column += 1 }
        guard column > indent, position + column < bytes.count,
          bytes[position + column] == UInt8(ascii: "#")
        else { break }
        position = nextLine(after: position)
      }
    }
    if position == bytes.count, bytes.last != 0x0A {
      splice(position..<position, [0x0A])
      position = bytes.count
    }
    splice(position..<position, Array(lines.utf8))
  }

  private mutating func insertBelowKey(_ key: (start: Int, end: Int, column: Int), lines: String) {
    insertAfterLine(of: key.end, lines)
  }

  /// Removes `[]` (and the spaces before it) after a key.
  private mutating func removeFlowValue(_ node: YAMLSpan) {
    var start = node.start
    while start > 0, bytes[start - 1] == 0x20 { start -= 1 }
    splice(start..<node.end, [])
  }

  /// The start of a line `<indent spaces># key:` after `start`, before the block at `indent`
  /// ends (a line indented less that is not a comment).
  private func commentedKeyLine(_ key: String, indent: Int, from start: Int) -> Int? {
    let wanted = Array((String(repeating: " ", count: indent) + "# " + key + ":").utf8)
    var line = lineStart(of: start)
    while line < bytes.count {
      let end = nextLine(after: line)
      let text = bytes[line..<end]
      if text.starts(with: wanted) { return line }
      var column = 0
      while line + column < end, bytes[line + column] == 0x20 { column += 1 }
      let blank =
        line + column >= end || bytes[line + column] == 0x0A || bytes[line + column] == 0x0D
      if !blank, column < indent, bytes[line + column] != UInt8(ascii: "#") { return nil }
      line = end
    }
    return nil
  }

  private func colonOffset(after offset: Int) -> Int {
    var index = offset
    while index < bytes.count, bytes[index] != UInt8(ascii: ":") { index += 1 }
    return min(index + 1, bytes.count)
  }

  /// The start of the line after the one starting at `line` (the end of the file at the last).
  private func nextLine(after line: Int) -> Int {
    var index = line
    while index < bytes.count, bytes[index] != 0x0A { index += 1 }
    return min(index + 1, bytes.count)
  }

  private func lineStart(of offset: Int) -> Int { ByteLines.start(of: offset, in: bytes) }

  private func lineEndIncludingBreak(of offset: Int) -> Int {
    ByteLines.endIncludingBreak(of: offset, in: bytes)
  }

  // MARK: - Writing values

  /// `path` below the value: `[a, b]` and `x` give `a: {b: x}` as nested mappings.
  private static func nested(_ path: [Step], _ value: Value) -> Value {
    var value = value
    for case .key(let key) in path.reversed() { value = .mapping([(key, value)]) }
    return value
  }

  private static func lines(_ path: [Step], _ value: Value, indent: Int) -> String {
    guard case .key(let key)? = path.first else { return block(value, indent: indent) }
    return block(key: key, value: nested(Array(path.dropFirst()), value), indent: indent)
  }

  static func block(key: String, value: Value, indent: Int) -> String {
    let pad = String(repeating: " ", count: indent)
    switch value {
    case .mapping, .items: return "\(pad)\(scalar(key)):\n" + block(value, indent: indent + 2)
    default: return "\(pad)\(scalar(key)): \(inline(value))\n"
    }
  }

  private static func block(_ value: Value, indent: Int) -> String {
    switch value {
    case .mapping(let members):
      return members.map { block(key: $0.0, value: $0.1, indent: indent) }.joined()
    case .items(let items): return items.map { itemLines($0, indent: indent) }.joined()
    default: return String(repeating: " ", count: indent) + inline(value) + "\n"
    }
  }

  /// `- first: value` and the other keys two columns further in.
  static func itemLines(_ members: [(String, Value)], indent: Int) -> String {
    var out = ""
    for (index, member) in members.enumerated() {
      let line = block(key: member.0, value: member.1, indent: indent + 2)
      out +=
        index == 0
        ? String(repeating: " ", count: indent) + "- " + line.dropFirst(indent + 2) : line
    }
    return out
  }

  static func inline(_ value: Value) -> String {
    switch value {
    case .string(let text): return scalar(text)
    case .literal(let text): return text
    case .list(let items):
      return "[" + items.map { scalar($0, inFlow: true) }.joined(separator: ", ") + "]"
    case .mapping(let members):
      return "{"
        + members.map { "\(scalar($0.0, inFlow: true)): \(inline($0.1))" }.joined(separator: ", ")
        + "}"
    case .items(let items):
      return "[" + items.map { inline(.mapping($0)) }.joined(separator: ", ") + "]"
    }
  }

  /// Plain when it reads back as this very string, double-quoted otherwise.
  static func scalar(_ text: String, inFlow: Bool = false) -> String {
    isSafePlain(text, inFlow: inFlow) ? text : quoted(text)
  }

  static func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      case _
      where scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value):
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }

  private static func isSafePlain(_ text: String, inFlow: Bool) -> Bool {
    guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else {
      return false
    }
    if first == " " || last == " " || "-?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains(first) {
      return false
    }
    if text.contains(": ") || text.contains(" #") || text.hasSuffix(":") { return false }
    if inFlow, text.contains(where: { ",[]{}".contains($0) }) { return false }
    if text.unicodeScalars.contains(where: {
      $0.value < 0x20 || $0.value == 0x7F || (0x80...0x9F).contains($0.value)
    }) {
      return false
    }
    guard case .string(let read) = CoreSchemaResolver.resolve(plain: text), read == text else {
      return false
    }
    return true
  }

  private static func describe(_ path: ArraySlice<Step>) -> String {
    path.map { step in
      switch step {
      case .key(let key): return key
      case .index(let index): return "[\(index)]"
      }
    }.joined(separator: ".")
  }
}
