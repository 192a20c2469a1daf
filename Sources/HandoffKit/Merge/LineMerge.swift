/// A three-way merge of texts by lines, as diff3 does it: the lines the base shares with both
/// sides stay, and between them each side's change is taken when only one side changed, or
/// both made the same change; anything else is a conflict. The fallback for a file that does
/// not parse as YAML, and the merge of the text between a record's entries.
enum LineMerge {
  static func merge(base: [UInt8], ours: [UInt8], theirs: [UInt8]) -> [MergePiece] {
    if ours == theirs || base == theirs { return [.text(ours)] }
    if base == ours { return [.text(theirs)] }
    let o = lines(base)
    let a = lines(ours)
    let b = lines(theirs)
    let toOurs = LineDiff.matches(o, a)
    let toTheirs = LineDiff.matches(o, b)
    var pieces: [MergePiece] = []
    var (i, j, k) = (0, 0, 0)
    func emit(_ piece: MergePiece) {
      if case .text(let text) = piece, case .text(let previous)? = pieces.last {
        pieces[pieces.count - 1] = .text(previous + text)
      } else if piece != .text([]) {
        pieces.append(piece)
      }
    }
    while i < o.count || j < a.count || k < b.count {
      if i < o.count, toOurs[i] == j, toTheirs[i] == k {
        emit(.text(o[i]))
        (i, j, k) = (i + 1, j + 1, k + 1)
        continue
      }
      // The next base line both sides kept ends this unstable stretch.
      var next = i
      while next < o.count, toOurs[next] == nil || toTheirs[next] == nil { next += 1 }
      let endOurs = next < o.count ? toOurs[next]! : a.count
      let endTheirs = next < o.count ? toTheirs[next]! : b.count
      let baseChunk = Array(o[i..<next].joined())
      let oursChunk = Array(a[j..<endOurs].joined())
      let theirsChunk = Array(b[k..<endTheirs].joined())
      if oursChunk == theirsChunk || baseChunk == theirsChunk {
        emit(.text(oursChunk))
      } else if baseChunk == oursChunk {
        emit(.text(theirsChunk))
      } else {
        emit(.conflict(ours: oursChunk, theirs: theirsChunk))
      }
      (i, j, k) = (next, endOurs, endTheirs)
    }
    return pieces
  }

  /// Lines with their breaks; the last one may have none.
  static func lines(_ bytes: [UInt8]) -> [[UInt8]] {
    var result: [[UInt8]] = []
    var start = 0
    for (index, byte) in bytes.enumerated() where byte == 0x0A {
      result.append(Array(bytes[start...index]))
      start = index + 1
    }
    if start < bytes.count { result.append(Array(bytes[start...])) }
    return result
  }
}
