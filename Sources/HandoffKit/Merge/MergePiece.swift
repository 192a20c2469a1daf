/// A stretch of a merge's result: text both sides agree on, or a conflict between them.
enum MergePiece: Equatable {
  case text([UInt8])
  case conflict(ours: [UInt8], theirs: [UInt8])
}

/// How conflicts are written: git's standard markers, which `git mergetool` and editors read.
struct ConflictMarkers: Sendable {
  var size = 7
  var ours = "ours"
  var theirs = "theirs"

  /// The pieces as one file, and how many conflicts it holds.
  ///
  /// Markers stand at the start of a line. A conflict that falls inside a line (a list item's
  /// first field, after its `- `) takes that line's beginning into both of its sides.
  func join(_ pieces: [MergePiece]) -> (bytes: [UInt8], conflicts: Int) {
    var out: [UInt8] = []
    var conflicts = 0
    for piece in pieces {
      switch piece {
      case .text(let text):
        if !out.isEmpty, out.last != 0x0A, text.first == 0x20 {
          // After a `- `, an item's first field comes without its indentation.
          out += text.drop { $0 == 0x20 }
        } else {
          out += text
        }
      case .conflict(let oursText, let theirsText):
        conflicts += 1
        let lineStart = (out.lastIndex(of: 0x0A).map { $0 + 1 }) ?? 0
        let partial = Array(out[lineStart...])
        out.removeSubrange(lineStart...)
        func side(_ text: [UInt8]) -> [UInt8] {
          var side = partial + (partial.isEmpty ? text : Array(text.drop { $0 == 0x20 }))
          if let last = side.last, last != 0x0A { side.append(0x0A) }
          return side
        }
        out += Array((String(repeating: "<", count: size) + " " + ours + "\n").utf8)
        out += side(oursText)
        out += Array((String(repeating: "=", count: size) + "\n").utf8)
        out += side(theirsText)
        out += Array((String(repeating: ">", count: size) + " " + theirs + "\n").utf8)
      }
    }
    return (out, conflicts)
  }
}
