/// Two texts compared by lines: a unified diff as `diff -u` prints it, for showing an edit before
/// it is made (`import --dry-run`), and the matched lines a three-way merge starts from.
/// Longest common subsequence by dynamic programming: record files are small, and a quadratic
/// table of a few hundred lines is nothing.
enum LineDiff {
  static func unified(_ before: String?, _ after: String, path: String, context: Int = 3) -> String
  {
    let old = before.map(lines) ?? []
    let new = lines(after)
    let operations = diff(old, new)
    guard operations.contains(where: { $0.kind != .same }) else { return "" }
    var out = "--- \(before == nil ? "/dev/null" : "a/" + path)\n+++ b/\(path)\n"
    // Hunks: runs of changes with `context` unchanged lines around them.
    var index = 0
    while index < operations.count {
      guard operations[index].kind != .same else {
        index += 1
        continue
      }
      let start = max(0, index - context)
      var end = index
      var lastChange = index
      while end < operations.count {
        if operations[end].kind != .same {
          lastChange = end
        } else if end - lastChange > 2 * context {
          break
        }
        end += 1
      }
      end = min(operations.count, lastChange + context + 1)
      let hunk = operations[start..<end]
      let oldStart = hunk.first?.oldLine ?? 0
      let newStart = hunk.first?.newLine ?? 0
      let oldCount = hunk.count { $0.kind != .added }
      let newCount = hunk.count { $0.kind != .removed }
      out +=
        "@@ -\(oldCount == 0 ? oldStart : oldStart + 1),\(oldCount) "
        + "+\(newCount == 0 ? newStart : newStart + 1),\(newCount) @@\n"
      for operation in hunk {
        let mark = operation.kind == .same ? " " : operation.kind == .added ? "+" : "-"
        out += mark + operation.text + "\n"
      }
      index = end
    }
    return out
  }

  struct Operation {
    enum Kind { case same, added, removed }
    var kind: Kind
    var text: String
    /// Lines of the old and new text before this one (0-based positions).
    var oldLine: Int
    var newLine: Int
  }

  private static func lines(_ text: String) -> [String] {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    return lines
  }

  /// For each line of `old`, the line of `new` it is matched with in a longest common
  /// subsequence (nil when it is not kept).
  static func matches<Line: Equatable>(_ old: [Line], _ new: [Line]) -> [Int?] {
    let table = lengths(old, new)
    let columns = new.count + 1
    var result = [Int?](repeating: nil, count: old.count)
    var i = 0
    var j = 0
    while i < old.count, j < new.count {
      if old[i] == new[j] {
        result[i] = j
        i += 1
        j += 1
      } else if table[(i + 1) * columns + j] >= table[i * columns + j + 1] {
        i += 1
      } else {
        j += 1
      }
    }
    return result
  }

  /// The lengths of the longest common subsequences of every pair of suffixes.
  private static func lengths<Line: Equatable>(_ old: [Line], _ new: [Line]) -> [Int32] {
    let columns = new.count + 1
    var table = [Int32](repeating: 0, count: (old.count + 1) * columns)
    for i in stride(from: old.count - 1, through: 0, by: -1) {
      for j in stride(from: new.count - 1, through: 0, by: -1) {
        table[i * columns + j] =
          old[i] == new[j]
          ? table[(i + 1) * columns + j + 1] + 1
          : max(table[(i + 1) * columns + j], table[i * columns + j + 1])
      }
    }
    return table
  }

  private static func diff(_ old: [String], _ new: [String]) -> [Operation] {
    let columns = new.count + 1
    let table = lengths(old, new)
    var operations: [Operation] = []
    var i = 0
    var j = 0
    while i < old.count || j < new.count {
      if i < old.count, j < new.count, old[i] == new[j] {
        operations.append(Operation(kind: .same, text: old[i], oldLine: i, newLine: j))
        i += 1
        j += 1
      } else if j < new.count,
        i == old.count || table[i * columns + j + 1] >= table[(i + 1) * columns + j]
      {
        operations.append(Operation(kind: .added, text: new[j], oldLine: i, newLine: j))
        j += 1
      } else {
        operations.append(Operation(kind: .removed, text: old[i], oldLine: i, newLine: j))
        i += 1
      }
    }
    return operations
  }
}
