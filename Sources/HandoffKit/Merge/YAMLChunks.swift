/// A record file cut into regions a merge can take whole from one side: each entry of a block
/// mapping, each item of a keyed list, and inside those their own entries, down to single
/// fields. Everything between two entries (comments, blank lines) belongs to the entry after
/// it, so an untouched entry keeps its text and comments byte for byte.
struct YAMLChunk {
  /// The entry's key, or a list item's key field value.
  var key: String
  /// The whole region. The first field of a list item (on the `- ` line) is given the
  /// indentation of the fields below it, so that any field can come first in a merge.
  var text: [UInt8]
  /// The parsed value, for telling a reformatted region from a changed one.
  var value: YAMLNode
  /// The region cut further; nil for a value merged whole (a scalar, a flow collection, a list
  /// whose items have no key).
  var body: YAMLChunkBody?
}

struct YAMLChunkBody {
  enum Kind: Equatable { case mapping, list }

  var kind: Kind
  /// The text before the first child (the key line of a nested mapping, a list item's `- `).
  var header: [UInt8]
  var children: [YAMLChunk]
  /// The text after the last child (the end of the file, for the document).
  var trailer: [UInt8]
}

enum YAMLChunks {
  /// The key field of each list that merges item by item, by the list's key.
  static let listKeys = [
    "commitments": "id", "red_flags": "id", "stakeholders": "name", "open_threads": "question",
    "success_criteria": "measure", "milestones": "day", "previous_solutions": "tried",
  ]

  /// The document cut into chunks, or nil when it cannot be (it does not parse, its top level
  /// is not a block mapping, or it uses what the regions cannot follow: anchors, complex keys).
  static func read(_ bytes: [UInt8]) -> YAMLChunkBody? {
    let document = YAMLLoader.load(bytes)
    guard document.problems.isEmpty, let root = document.root, root.entries != nil,
      let spans = YAMLSpans.read(bytes), spans.kind == .mapping, !spans.isFlow,
      !spans.entries.isEmpty,
      !bytes.contains(UInt8(ascii: "&")) || !containsAnchor(bytes)
    else { return nil }
    let cutter = Cutter(bytes: bytes)
    let start = cutter.lineStart(spans.entries[0].keyStart)
    guard let children = cutter.entries(spans, root, from: start) else { return nil }
    let end = cutter.regionEnd(of: spans)
    return YAMLChunkBody(
      kind: .mapping, header: Array(bytes[0..<start]), children: children,
      trailer: Array(bytes[end...]))
  }

  /// Whether an `&anchor` may be in the bytes outside quotes and comments (a cheap, cautious test:
  /// a false alarm only costs the line merge).
  private static func containsAnchor(_ bytes: [UInt8]) -> Bool {
    for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "&") {
      let before = index == 0 ? 0x20 : bytes[index - 1]
      if before == 0x20 || before == UInt8(ascii: "[") || before == UInt8(ascii: ",")
        || before == 0x0A
      {
        return true
      }
    }
    return false
  }

  private struct Cutter {
    let bytes: [UInt8]

    func lineStart(_ offset: Int) -> Int { ByteLines.start(of: offset, in: bytes) }

    /// Just past the break that ends the line holding `offset`.
    func lineEnd(_ offset: Int) -> Int { ByteLines.endIncludingBreak(of: offset, in: bytes) }

    func regionEnd(of span: YAMLSpan) -> Int { lineEnd(span.contentEnd) }

    /// A block mapping's entries as chunks, the first starting at `start`.
    func entries(_ span: YAMLSpan, _ node: YAMLNode, from start: Int) -> [YAMLChunk]? {
      guard let nodes = node.entries, nodes.count == span.entries.count else { return nil }
      var chunks: [YAMLChunk] = []
      var regionStart = start
      var seen = Set<String>()
      for (index, entry) in span.entries.enumerated() {
        guard nodes[index].key == entry.key, !entry.key.isEmpty, seen.insert(entry.key).inserted
        else { return nil }
        let value = entry.value
        let end = lineEnd(value.isEmpty ? entry.keyEnd : value.contentEnd)
        guard end >= regionStart, index == 0 || lineStart(entry.keyStart) >= regionStart else {
          return nil
        }
        // The first field of a list item sits after its `- `: it is given its column of spaces.
        let onDashLine = index == 0 && regionStart > lineStart(regionStart)
        let indent = onDashLine ? [UInt8](repeating: 0x20, count: entry.keyColumn) : []
        var chunk = YAMLChunk(
          key: entry.key, text: indent + Array(bytes[regionStart..<end]), value: nodes[index].value,
          body: nil)
        if !value.isFlow, !value.isEmpty {
          switch value.kind {
          case .mapping where !value.entries.isEmpty:
            let first = lineStart(value.entries[0].keyStart)
            guard first >= regionStart,
              let children = entries(value, nodes[index].value, from: first)
            else { return nil }
            chunk.body = YAMLChunkBody(
              kind: .mapping, header: indent + Array(bytes[regionStart..<first]),
              children: children, trailer: [])
          case .sequence where !value.items.isEmpty:
            if let field = YAMLChunks.listKeys[entry.key],
              let (header, children) = items(
                value, nodes[index].value, key: field, from: regionStart)
            {
              chunk.body = YAMLChunkBody(
                kind: .list, header: indent + header, children: children, trailer: [])
            }
          default:
            break
          }
        }
        chunks.append(chunk)
        regionStart = end
      }
      return chunks
    }

    /// A block list's items as chunks keyed by `field`, or nil when an item has no such key
    /// (the list is then merged whole).
    func items(_ span: YAMLSpan, _ node: YAMLNode, key field: String, from start: Int)
      -> (header: [UInt8], children: [YAMLChunk])?
    {
      guard let nodes = node.items, nodes.count == span.items.count else { return nil }
      var chunks: [YAMLChunk] = []
      var seen = Set<String>()
      var header: [UInt8] = []
      var regionStart = start
      for (index, item) in span.items.enumerated() {
        guard item.kind == .mapping, !item.isFlow, !item.entries.isEmpty,
          let keyNode = nodes[index][field],
          keyNode.entries == nil, keyNode.items == nil
        else { return nil }
        let key = JSONValue(keyNode).serialized()
        guard seen.insert(key).inserted else { return nil }
        var dash = item.start - 1
        while dash >= 0, bytes[dash] == 0x20 || bytes[dash] == 0x0A || bytes[dash] == 0x0D {
          dash -= 1
        }
        guard dash >= 0, bytes[dash] == UInt8(ascii: "-") else { return nil }
        let itemStart = lineStart(dash)
        if index == 0 {
          header = Array(bytes[start..<itemStart])
          regionStart = itemStart
        }
        guard itemStart >= regionStart else { return nil }
        let end = lineEnd(item.contentEnd)
        // The item's own text up to its first field: comments above it and the `- `.
        let firstKey = item.entries[0].keyStart
        let fieldsStart = lineStart(firstKey) == lineStart(dash) ? firstKey : lineStart(firstKey)
        guard let children = entries(item, nodes[index], from: fieldsStart) else { return nil }
        chunks.append(
          YAMLChunk(
            key: key, text: Array(bytes[regionStart..<end]), value: nodes[index],
            body: YAMLChunkBody(
              kind: .mapping, header: Array(bytes[regionStart..<fieldsStart]), children: children,
              trailer: [])))
        regionStart = end
      }
      return (header, chunks)
    }
  }
}
