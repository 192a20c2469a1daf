/// The three-way merge of one record file, as `handoff merge-driver` runs it for git.
///
/// Entries merge key by key and the lists the format keys (commitments and red flags by `id`,
/// stakeholders by `name`, …) item by item, so two people editing different promises, or
/// different fields of one promise, never conflict. A conflict is only two different changes
/// to one field of one item, or one key added twice with different values, and its markers
/// surround just that field. A region neither side changed keeps its bytes. When a version does
/// not parse, or the merged text would not, the files are merged by lines instead.
public enum RecordMerge {
  public struct Result: Sendable {
    public var bytes: [UInt8]
    public var conflicts: Int
    /// Whether the files were merged by key, or by lines (a version did not parse).
    public var byKey: Bool
  }

  public static func merge(
    base: [UInt8], ours: [UInt8], theirs: [UInt8], markerSize: Int = 7,
    labels: (String, String) = ("ours", "theirs")
  ) -> Result {
    // One side unchanged: the other side as it is, whatever either holds.
    if base == ours { return Result(bytes: theirs, conflicts: 0, byKey: false) }
    if base == theirs || ours == theirs { return Result(bytes: ours, conflicts: 0, byKey: false) }
    let markers = ConflictMarkers(size: markerSize, ours: labels.0, theirs: labels.1)
    let missingBreak = !ours.isEmpty && ours.last != 0x0A
    func terminated(_ bytes: [UInt8]) -> [UInt8] {
      bytes.isEmpty || bytes.last == 0x0A ? bytes : bytes + [0x0A]
    }
    func finish(_ joined: (bytes: [UInt8], conflicts: Int)) -> [UInt8] {
      var bytes = joined.bytes
      // Our file's missing last line break stays missing.
      if missingBreak, joined.conflicts == 0, bytes.last == 0x0A { bytes.removeLast() }
      return bytes
    }
    let (o, a, b) = (terminated(base), terminated(ours), terminated(theirs))
    if let oursBody = YAMLChunks.read(a), let theirsBody = YAMLChunks.read(b) {
      // An empty base is a file both sides added.
      let baseBody =
        o.isEmpty
        ? YAMLChunkBody(kind: .mapping, header: [], children: [], trailer: []) : YAMLChunks.read(o)
      if let baseBody {
        let joined = markers.join(mergeBodies(baseBody, oursBody, theirsBody))
        let bytes = finish(joined)
        // A result that does not read back the way it was merged is not trusted.
        if joined.conflicts > 0 || bytes.isEmpty || YAMLChunks.read(bytes) != nil {
          return Result(bytes: bytes, conflicts: joined.conflicts, byKey: true)
        }
      }
    }
    let joined = markers.join(LineMerge.merge(base: o, ours: a, theirs: b))
    return Result(bytes: finish(joined), conflicts: joined.conflicts, byKey: false)
  }

  /// Two regions hold the same thing when their bytes or their values are equal.
  private static func same(_ one: YAMLChunk, _ two: YAMLChunk) -> Bool {
    one.text == two.text || one.value == two.value
  }

  private static func mergeChunk(_ base: YAMLChunk?, _ ours: YAMLChunk?, _ theirs: YAMLChunk?)
    -> [MergePiece]
  {
    switch (base, ours, theirs) {
    case (_, nil, nil):
      return []
    case (nil, let ours?, nil):
      return [.text(ours.text)]
    case (nil, nil, let theirs?):
      return [.text(theirs.text)]
    case (let base?, let ours?, nil):
      // Deleted on their side: gone, unless ours changed it meanwhile.
      return same(base, ours) ? [] : [.conflict(ours: ours.text, theirs: [])]
    case (let base?, nil, let theirs?):
      return same(base, theirs) ? [] : [.conflict(ours: [], theirs: theirs.text)]
    case (let base, let ours?, let theirs?):
      if same(ours, theirs) { return [.text(ours.text)] }
      if let base, same(base, ours) { return [.text(theirs.text)] }
      if let base, same(base, theirs) { return [.text(ours.text)] }
      // Both changed it: merge inside when all of them are cut the same way.
      if let oursBody = ours.body, let theirsBody = theirs.body, oursBody.kind == theirsBody.kind {
        if let base {
          if let baseBody = base.body, baseBody.kind == oursBody.kind {
            return mergeBodies(baseBody, oursBody, theirsBody)
          }
        } else {
          return mergeBodies(
            YAMLChunkBody(kind: oursBody.kind, header: [], children: [], trailer: []), oursBody,
            theirsBody)
        }
      }
      return [.conflict(ours: ours.text, theirs: theirs.text)]
    }
  }

  private static func mergeBodies(
    _ base: YAMLChunkBody, _ ours: YAMLChunkBody, _ theirs: YAMLChunkBody
  ) -> [MergePiece] {
    var pieces = text(base.header, ours.header, theirs.header)
    let baseChildren = Dictionary(
      base.children.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
    let oursChildren = Dictionary(
      ours.children.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
    let theirsChildren = Dictionary(
      theirs.children.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
    for key in order(ours.children.map(\.key), theirs.children.map(\.key)) {
      pieces += mergeChunk(baseChildren[key], oursChildren[key], theirsChildren[key])
    }
    pieces += text(base.trailer, ours.trailer, theirs.trailer)
    return pieces
  }

  /// Our order, with each key only theirs has placed after the key it follows on their side
  /// (and after what they do not have there: our additions come before theirs).
  private static func order(_ ours: [String], _ theirs: [String]) -> [String] {
    var result = ours
    let inOurs = Set(ours)
    let inTheirs = Set(theirs)
    var previous: String?
    for key in theirs {
      defer { previous = key }
      guard !inOurs.contains(key), !result.contains(key) else { continue }
      var position = previous.flatMap { result.firstIndex(of: $0) }.map { $0 + 1 } ?? 0
      // Past what they do not have: our additions, and what they deleted.
      while position < result.count, !inTheirs.contains(result[position]) { position += 1 }
      result.insert(key, at: position)
    }
    return result
  }

  private static func text(_ base: [UInt8], _ ours: [UInt8], _ theirs: [UInt8]) -> [MergePiece] {
    LineMerge.merge(base: base, ours: ours, theirs: theirs)
  }
}
