internal import CFYAML

/// Where each node of a YAML file starts and ends in its bytes, so that an edit can replace
/// one value or add one key and leave every other byte (comments, key order, quoting) alone.
/// Offsets count from the start of the file, a UTF-8 BOM included.
struct YAMLSpan: Sendable {
  enum Kind: Sendable { case scalar, mapping, sequence }

  var kind: Kind
  /// Flow style (`[a, b]`, `{a: 1}`) or, for a scalar, quoted.
  var isFlow = false
  /// A plain scalar with no text: `key:` with nothing after it.
  var isEmpty = false
  var start: Int
  var end: Int
  /// Zero-based column of the node's first character.
  var column: Int
  var entries: [(key: String, keyStart: Int, keyEnd: Int, keyColumn: Int, value: YAMLSpan)] = []
  var items: [YAMLSpan] = []

  /// Where the node's text really ends: a block collection's end mark lies at the next token,
  /// possibly lines later, so the end of its last child counts instead (of its key, when that
  /// child is an empty value).
  var contentEnd: Int {
    switch kind {
    case .mapping where !isFlow:
      guard let last = entries.last else { return end }
      return last.value.isEmpty ? last.keyEnd : last.value.contentEnd
    case .sequence where !isFlow:
      guard let last = items.last else { return end }
      return last.isEmpty ? last.start : last.contentEnd
    default:
      return end
    }
  }

  func entry(_ key: String) -> YAMLSpan? { entries.first { $0.key == key }?.value }
}

/// Line arithmetic over a file's bytes, for the edits and merges that work by spans.
enum ByteLines {
  /// The start of the line holding `offset`.
  static func start(of offset: Int, in bytes: [UInt8]) -> Int {
    var index = min(offset, bytes.count)
    while index > 0, bytes[index - 1] != 0x0A { index -= 1 }
    return index
  }

  /// The offset just past the line break that ends the line holding `offset` (the end of the
  /// file when there is none). An offset just past a break is already at a line's start.
  static func endIncludingBreak(of offset: Int, in bytes: [UInt8]) -> Int {
    if offset > 0, offset <= bytes.count, bytes[offset - 1] == 0x0A { return offset }
    var index = offset
    while index < bytes.count, bytes[index] != 0x0A { index += 1 }
    return min(index + 1, bytes.count)
  }
}

enum YAMLSpans {
  /// The spans of the first document as libfyaml reads it, or nil when it cannot (a syntax
  /// error). Whether the strict loader accepts the bytes is for the caller to check.
  static func read(_ bytes: [UInt8]) -> YAMLSpan? {
    let offset = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    return bytes.withUnsafeBytes { raw -> YAMLSpan? in
      let body = UnsafeRawBufferPointer(rebasing: raw[offset...])
      guard !body.isEmpty else { return nil }
      var builder = Builder(offset: offset, bytes: bytes)
      let flags =
        FYPCF_QUIET.rawValue | FYPCF_DEFAULT_VERSION_1_2.rawValue | FYPCF_JSON_NONE.rawValue
      let diag = LibFYAMLParser.silentDiagnostics()
      defer { if let diag { fy_diag_destroy(diag) } }
      let outcome = LibFYAMLParser.parse(body, flags: flags, diag: diag) { event in
        builder.handle(event)
        return !builder.done
      }
      guard case .finished(streamError: false) = outcome else { return nil }
      return builder.root
    }
  }

  private struct Builder {
    let offset: Int
    let bytes: [UInt8]
    var stack: [YAMLSpan] = []
    var pendingKeys: [(text: String, start: Int, end: Int, column: Int)?] = []
    var root: YAMLSpan?
    var done = false

    mutating func handle(_ event: UnsafeMutablePointer<fy_event>) {
      let start = fy_event_start_mark(event).map { $0.pointee } ?? fy_mark()
      let end = fy_event_end_mark(event).map { $0.pointee } ?? start
      let startOffset = Int(start.input_pos) + offset
      let endOffset = Int(end.input_pos) + offset
      switch event.pointee.type {
      case FYET_SCALAR:
        let data = event.pointee.scalar
        let style = fy_token_scalar_style(data.value)
        var length = 0
        let text =
          fy_token_get_text(data.value, &length).map {
            String(decoding: UnsafeRawBufferPointer(start: $0, count: length), as: UTF8.self)
          } ?? ""
        var span = YAMLSpan(
          kind: .scalar, start: startOffset, end: endOffset, column: Int(start.column))
        span.isFlow = style != FYSS_PLAIN
        span.isEmpty = style == FYSS_PLAIN && length == 0
        if span.isEmpty { span.end = span.start }
        if style == FYSS_SINGLE_QUOTED || style == FYSS_DOUBLE_QUOTED {
          // The marks may leave the quotes out; the span holds them, so a replacement drops them.
          let quote = UInt8(ascii: style == FYSS_SINGLE_QUOTED ? "'" : "\"")
          if span.start > 0, bytes[span.start - 1] == quote { span.start -= 1 }
          if span.end < bytes.count, bytes[span.end] == quote { span.end += 1 }
        }
        attach(span, keyText: text)
      case FYET_MAPPING_START, FYET_SEQUENCE_START:
        let isMapping = event.pointee.type == FYET_MAPPING_START
        let style =
          isMapping
          ? event.pointee.mapping_start.mapping_start : event.pointee.sequence_start.sequence_start
        var span = YAMLSpan(
          kind: isMapping ? .mapping : .sequence, start: startOffset, end: endOffset,
          column: Int(start.column))
        span.isFlow =
          style.map {
            fy_token_get_type($0) == FYTT_FLOW_MAPPING_START
              || fy_token_get_type($0) == FYTT_FLOW_SEQUENCE_START
          } ?? false
        stack.append(span)
        pendingKeys.append(nil)
      case FYET_MAPPING_END, FYET_SEQUENCE_END:
        guard var span = stack.popLast() else { return }
        pendingKeys.removeLast()
        span.end = endOffset
        attach(span, keyText: nil)
      case FYET_DOCUMENT_END:
        done = true
      default:
        break
      }
    }

    private mutating func attach(_ span: YAMLSpan, keyText: String?) {
      guard let top = stack.indices.last else {
        if root == nil { root = span }
        return
      }
      if stack[top].kind == .sequence {
        stack[top].items.append(span)
      } else if let key = pendingKeys[top] {
        stack[top].entries.append((key.text, key.start, key.end, key.column, span))
        pendingKeys[top] = nil
      } else {
        pendingKeys[top] = (keyText ?? "", span.start, span.end, span.column)
      }
    }
  }
}
