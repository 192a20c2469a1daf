internal import CFYAML

/// Reads one record file strictly: YAML 1.2 events from libfyaml, turned into a `YAMLNode` tree
/// in which every node and key keeps its position.
///
/// Everything the record format rules out (anchors, aliases, tags, merge keys, complex keys,
/// a second document) is reported as a problem and loading goes on, so that one file shows all
/// its problems at once. A syntax error ends the file: nothing after it can be trusted.
public enum YAMLLoader {
  /// Loads the bytes of one file.
  public static func load(_ bytes: [UInt8]) -> YAMLDocument {
    bytes.withUnsafeBytes { load($0) }
  }

  /// Loads the bytes of one file without copying them. Plain block YAML is read directly;
  /// anything else through libfyaml (the same document either way).
  public static func load(_ raw: UnsafeRawBufferPointer) -> YAMLDocument {
    load(raw, plainBlockFirst: true)
  }

  /// Loads through libfyaml alone: the reference the plain block reader is tested against.
  static func loadThroughLibFYAML(_ bytes: [UInt8]) -> YAMLDocument {
    bytes.withUnsafeBytes { load($0, plainBlockFirst: false) }
  }

  private static func load(_ raw: UnsafeRawBufferPointer, plainBlockFirst: Bool) -> YAMLDocument {
    switch InputText.check(raw) {
    case .failure(let problem):
      return YAMLDocument(root: nil, problems: [problem])
    case .success(let body):
      if body.isEmpty { return YAMLDocument(root: nil, problems: []) }
      if plainBlockFirst, let document = PlainBlockReader.read(body) { return document }
      return EventReader.read(body)
    }
  }

  /// Loads a string (tests, settings written in code).
  public static func load(_ text: String) -> YAMLDocument {
    load(Array(text.utf8))
  }
}

/// Owns one libfyaml parser for the length of a file and builds the tree from its events.
private struct EventReader {
  /// A mapping or sequence being read. Mutated in place on the stack, so appending is O(1).
  private struct Frame {
    var isMapping: Bool
    var location: SourceLocation?
    var items: [YAMLNode] = []
    var entries: [YAMLEntry] = []
    /// Keys seen so far, for duplicate detection without a linear scan per key.
    var keys: [String: SourceLocation?] = [:]
    var pendingKey: (text: String, location: SourceLocation)?
    /// Set when the pending key was not usable, so its value is read but dropped.
    var dropNextValue = false

    init(isMapping: Bool, location: SourceLocation?) {
      self.isMapping = isMapping
      self.location = location
    }
  }

  private var stack: [Frame] = []
  private var root: YAMLNode?
  private var problems: [YAMLProblem] = []
  private var documents = 0
  private var lastLocation = SourceLocation.start
  private var tooDeep = false

  /// No record nests deeper than a handful of levels; a limit keeps hostile input from
  /// exhausting the stack (libfyaml does not bound block nesting such as `- - - - …`).
  static let depthLimit = 64

  static func read(_ body: UnsafeRawBufferPointer) -> YAMLDocument {
    var reader = EventReader()
    reader.run(body)
    return YAMLDocument(root: reader.root, problems: reader.problems)
  }

  private mutating func run(_ body: UnsafeRawBufferPointer) {
    guard let diag = LibFYAMLParser.silentDiagnostics() else {
      problems.append(YAMLProblem(.syntax, "the YAML parser could not start", at: .start))
      return
    }
    defer { fy_diag_destroy(diag) }

    let flags =
      FYPCF_QUIET.rawValue | FYPCF_COLLECT_DIAG.rawValue | FYPCF_DEFAULT_VERSION_1_2.rawValue
      | FYPCF_JSON_NONE.rawValue
    let outcome = LibFYAMLParser.parse(body, flags: flags, diag: diag) { event in
      handle(event.pointee)
      return !tooDeep
    }
    switch outcome {
    case .couldNotStart:
      problems.append(YAMLProblem(.syntax, "the YAML parser could not start", at: .start))
    case .couldNotRead:
      problems.append(YAMLProblem(.syntax, "the YAML parser could not read the file", at: .start))
    case .finished where tooDeep:
      root = nil
    case .finished(let streamError):
      if streamError { reportSyntaxError(diag) }
    }
  }

  // MARK: - Events

  private mutating func handle(_ event: fy_event) {
    switch event.type {
    case FYET_DOCUMENT_START:
      documents += 1
      if documents == 2 {
        let location = position(event.document_start.document_start) ?? lastLocation
        problems.append(
          YAMLProblem(
            .forbidden, "a record file holds exactly one document; remove the second one",
            at: location))
      }
    case FYET_SCALAR where documents == 1:
      let data = event.scalar
      let style = fy_token_scalar_style(data.value)
      var location = position(data.value) ?? lastLocation
      if style == FYSS_SINGLE_QUOTED || style == FYSS_DOUBLE_QUOTED {
        // The token starts after the opening quote; point at the quote, where the value starts.
        location.column = max(1, location.column - 1)
      }
      checkProperties(anchor: data.anchor, tag: data.tag)
      var length = 0
      let text: String
      if let pointer = fy_token_get_text(data.value, &length) {
        text = String(
          decoding: UnsafeRawBufferPointer(start: pointer, count: length), as: UTF8.self)
      } else {
        text = ""
      }
      let plain = style == FYSS_PLAIN
      let value = plain ? CoreSchemaResolver.resolve(plain: text) : .string(text)
      attach(YAMLNode(value, at: location), keyText: text, plainKey: plain)
    case FYET_MAPPING_START where documents == 1 && stack.count >= Self.depthLimit,
      FYET_SEQUENCE_START where documents == 1 && stack.count >= Self.depthLimit:
      tooDeep = true
      problems.append(
        YAMLProblem(
          .syntax, "the file nests lists and mappings more than \(Self.depthLimit) levels deep",
          at: position(
            event.type == FYET_MAPPING_START
              ? event.mapping_start.mapping_start : event.sequence_start.sequence_start)
            ?? lastLocation))
    case FYET_MAPPING_START where documents == 1:
      let data = event.mapping_start
      checkProperties(anchor: data.anchor, tag: data.tag)
      stack.append(Frame(isMapping: true, location: position(data.mapping_start)))
    case FYET_SEQUENCE_START where documents == 1:
      let data = event.sequence_start
      checkProperties(anchor: data.anchor, tag: data.tag)
      stack.append(Frame(isMapping: false, location: position(data.sequence_start)))
    case FYET_MAPPING_END where documents == 1, FYET_SEQUENCE_END where documents == 1:
      guard let frame = stack.popLast() else { return }
      if frame.isMapping {
        attach(YAMLNode(.mapping(frame.entries), at: frame.location ?? lastLocation))
      } else {
        attach(
          YAMLNode(
            .sequence(frame.items),
            at: frame.location ?? frame.items.first?.location ?? lastLocation))
      }
    case FYET_ALIAS where documents == 1:
      let location = sigilPosition(event.alias.anchor) ?? lastLocation
      problems.append(
        YAMLProblem(
          .forbidden, "aliases (`*name`) are not allowed; write the value out in full",
          at: location))
      attach(YAMLNode(.null, at: location), dropped: true)
    default:
      break
    }
  }

  private mutating func checkProperties(anchor: OpaquePointer?, tag: OpaquePointer?) {
    if let anchor {
      problems.append(
        YAMLProblem(
          .forbidden, "anchors (`&name`) are not allowed; write each value out in full",
          at: sigilPosition(anchor) ?? lastLocation))
    }
    if let tag {
      problems.append(
        YAMLProblem(
          .forbidden, "explicit tags (`!tag`) are not allowed; values are typed by the schema",
          at: position(tag) ?? lastLocation))
    }
  }

  // MARK: - Tree building

  /// Hangs a finished node on its parent: as an item, a key, or the value of the pending key.
  private mutating func attach(
    _ node: YAMLNode, keyText: String? = nil, plainKey: Bool = false, dropped: Bool = false
  ) {
    guard !stack.isEmpty else {
      if root == nil { root = node }
      return
    }
    let top = stack.count - 1
    guard stack[top].isMapping else {
      stack[top].items.append(node)
      return
    }
    if stack[top].location == nil { stack[top].location = node.location }
    if let key = stack[top].pendingKey {
      stack[top].pendingKey = nil
      if stack[top].dropNextValue {
        stack[top].dropNextValue = false
      } else if let first = stack[top].keys[key.text] {
        let firstLine = first.map { " (first at line \($0.line))" } ?? ""
        problems.append(
          YAMLProblem(.duplicateKey, "duplicate key `\(key.text)`\(firstLine)", at: key.location))
      } else {
        stack[top].keys[key.text] = key.location
        stack[top].entries.append(YAMLEntry(key: key.text, keyLocation: key.location, value: node))
      }
      return
    }
    let location = node.location ?? lastLocation
    stack[top].pendingKey = (keyText ?? "", location)
    if dropped {
      stack[top].dropNextValue = true
    } else if keyText == nil {
      problems.append(
        YAMLProblem(.forbidden, "keys must be plain text, not lists or mappings", at: location))
      stack[top].dropNextValue = true
    } else if plainKey, keyText == "<<" {
      problems.append(
        YAMLProblem(
          .forbidden, "merge keys (`<<`) are not allowed; write the keys out in full", at: location)
      )
      stack[top].dropNextValue = true
    }
  }

  // MARK: - Positions and errors

  private mutating func position(_ token: OpaquePointer?) -> SourceLocation? {
    guard let token, let mark = fy_token_start_mark(token) else { return nil }
    let location = SourceLocation(
      line: Int(mark.pointee.line) + 1, column: Int(mark.pointee.column) + 1)
    lastLocation = location
    return location
  }

  /// Anchor and alias tokens start at the name; point at the `&` or `*` before it instead.
  private mutating func sigilPosition(_ token: OpaquePointer?) -> SourceLocation? {
    guard var location = position(token) else { return nil }
    location.column = max(1, location.column - 1)
    return location
  }

  private mutating func reportSyntaxError(_ diag: OpaquePointer) {
    var iterator: UnsafeMutableRawPointer?
    // Collected errors carry 1-based positions, unlike marks.
    while let error = fy_diag_errors_iterate(diag, &iterator) {
      let message = error.pointee.msg.map { String(cString: $0) } ?? "not valid YAML"
      let location = SourceLocation(
        line: max(Int(error.pointee.line), 1), column: max(Int(error.pointee.column), 1))
      problems.append(YAMLProblem(.syntax, SyntaxMessage.friendly(message), at: location))
      return
    }
    problems.append(YAMLProblem(.syntax, "not valid YAML", at: lastLocation))
  }
}
