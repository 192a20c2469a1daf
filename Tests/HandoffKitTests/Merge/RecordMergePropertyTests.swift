import HandoffTestSupport
import Testing

@testable import HandoffKit

/// Random three-way edits of a commitments file: the merge by key must equal the model's merge,
/// parse, validate, and keep every comment.
@Suite struct RecordMergePropertyTests {
  typealias Generator = SeededGenerator

  /// A commitment as the model holds it: field order and values, and a comment above it.
  struct Item: Equatable {
    var id: String
    var fields: [(String, String)]
    var comment: String?
    static func == (lhs: Item, rhs: Item) -> Bool {
      lhs.id == rhs.id && lhs.fields.map(\.0) == rhs.fields.map(\.0)
        && lhs.fields.map(\.1) == rhs.fields.map(\.1)
    }
  }

  static let statuses = ["open", "confirmed", "in-progress", "delivered", "at-risk", "missed"]

  /// Values each field may take that keep the file valid.
  static let values: [String: [String]] = [
    "kind": ["feature", "integration", "timeline", "training", "support"],
    "source": ["contract", "order-form", "proposal", "email"], "in_contract": ["true", "false"],
    "made_by": ["jane.doe", "ken.ito", "\"Ana Silva\""],
    "owner": ["sales", "success", "implementation"],
    "due": (1...9).map { "2026-10-0\($0)" }, "status": statuses,
  ]

  static func text(_ items: [Item]) -> String {
    var out = "# commitments, generated\ncommitments:\n"
    for item in items {
      if let comment = item.comment { out += "  # \(comment)\n" }
      out += "  - id: \(item.id)\n"
      for (key, value) in item.fields {
        out += "    \(key): \(value)" + (hasComment(item.id, key) ? "   # keep \(key)\n" : "\n")
      }
    }
    return out + "not_promised: [pricing]\n"
  }

  /// Some fields carry a trailing comment, the same in every version.
  static func hasComment(_ id: String, _ key: String) -> Bool {
    (id.utf8.count * 7 + key.utf8.count) % 3 == 0
  }

  static func randomItem(_ index: Int, _ rng: inout Generator) -> Item {
    Item(
      id: "c\(index)",
      fields: [
        ("promise", "Promise number \(index)"), ("kind", "integration"), ("source", "call"),
        ("in_contract", "false"),
        ("made_by", "jane.doe"), ("owner", "success"),
        ("due", "2026-09-\(10 + Int.random(in: 0...18, using: &rng))"),
        ("status", statuses.randomElement(using: &rng)!),
      ],
      comment: Bool.random(using: &rng) ? "note \(index)" : nil)
  }

  /// One side's edits: changed fields of some items, some items deleted, some added.
  struct Edits {
    var changes: [String: [String: String]] = [:]
    var deleted: Set<String> = []
    var added: [Item] = []
  }

  static func apply(_ edits: Edits, to items: [Item]) -> [Item] {
    var result = items.filter { !edits.deleted.contains($0.id) }.map { item in
      var item = item
      for (index, field) in item.fields.enumerated() {
        if let value = edits.changes[item.id]?[field.0] { item.fields[index].1 = value }
      }
      return item
    }
    result += edits.added
    return result
  }

  @Test(arguments: 0..<60)
  func randomDisjointEditsMergeByKey(seed: Int) throws {
    var rng = Generator(state: UInt64(seed) &* 7919 &+ 1)
    let count = Int.random(in: 1...12, using: &rng)
    let base = (0..<count).map { Self.randomItem($0, &rng) }
    // Each (item, field) pair and each deleted item goes to at most one side.
    var ours = Edits()
    var theirs = Edits()
    for item in base {
      let roll = Int.random(in: 0..<10, using: &rng)
      if roll == 0 {
        ours.deleted.insert(item.id)
        continue
      }
      if roll == 1 {
        theirs.deleted.insert(item.id)
        continue
      }
      for (field, _) in item.fields
      where field != "promise" && Int.random(in: 0..<4, using: &rng) == 0 {
        let value = Self.values[field]!.randomElement(using: &rng)!
        if Bool.random(using: &rng) {
          ours.changes[item.id, default: [:]][field] = value
        } else {
          theirs.changes[item.id, default: [:]][field] = value
        }
      }
    }
    ours.added = (0..<Int.random(in: 0...2, using: &rng)).map { Self.randomItem(100 + $0, &rng) }
    theirs.added = (0..<Int.random(in: 0...2, using: &rng)).map { Self.randomItem(200 + $0, &rng) }
    for index in ours.added.indices { ours.added[index].id = "ours-\(index)" }
    for index in theirs.added.indices { theirs.added[index].id = "theirs-\(index)" }

    let oursItems = Self.apply(ours, to: base)
    let theirsItems = Self.apply(theirs, to: base)
    let (baseText, oursText, theirsText) = (
      Self.text(base), Self.text(oursItems), Self.text(theirsItems)
    )
    let result = RecordMerge.merge(
      base: Array(baseText.utf8), ours: Array(oursText.utf8), theirs: Array(theirsText.utf8))
    #expect(result.conflicts == 0, "seed \(seed)")
    // A side with no edit is taken as it is; otherwise the merge is by key.
    #expect(result.byKey || oursText == baseText || theirsText == baseText)
    // The model: both sides' edits on the base, our new items, then theirs.
    var expected = Edits()
    expected.changes = ours.changes.merging(theirs.changes) { one, two in
      one.merging(two) { first, _ in first }
    }
    expected.deleted = ours.deleted.union(theirs.deleted)
    expected.added = ours.added + theirs.added
    let merged = Self.apply(expected, to: base)
    let document = YAMLLoader.load(result.bytes)
    #expect(document.problems.isEmpty)
    let loaded = document.root?["commitments"]?.items ?? []
    #expect(loaded.compactMap { $0["id"]?.string } == merged.map(\.id), "seed \(seed)")
    for (node, item) in zip(loaded, merged) {
      for (key, value) in item.fields {
        #expect(
          node[key].map { JSONValue($0) } == YAMLLoader.load(value).root.map { JSONValue($0) },
          "seed \(seed) \(item.id).\(key)")
      }
    }
    // It validates as a commitments file, and no comment is lost.
    let checked = RecordChecker.check(result.bytes, as: .commitments)
    #expect(
      checked.findings.filter { $0.ruleID == .schema || $0.ruleID == .yamlSyntax }.isEmpty,
      "seed \(seed)")
    let text = String(decoding: result.bytes, as: UTF8.self)
    for item in merged {
      if let comment = item.comment {
        #expect(text.contains("  # \(comment)\n  - id: \(item.id)\n"))
      }
    }
    let trailing = merged.reduce(0) { count, item in
      count + item.fields.count { Self.hasComment(item.id, $0.0) }
    }
    #expect(text.components(separatedBy: "   # keep ").count - 1 == trailing, "seed \(seed)")
  }

  @Test(arguments: 0..<30)
  func theSameFieldOnBothSidesIsAConflictAndNothingElse(seed: Int) {
    var rng = Generator(state: UInt64(seed) &+ 99)
    let base = (0..<Int.random(in: 1...8, using: &rng)).map { Self.randomItem($0, &rng) }
    let target = base.randomElement(using: &rng)!.id
    var ours = base
    var theirs = base
    let index = base.firstIndex { $0.id == target }!
    ours[index].fields[0].1 = "Ours"
    theirs[index].fields[0].1 = "Theirs"
    let result = RecordMerge.merge(
      base: Array(Self.text(base).utf8), ours: Array(Self.text(ours).utf8),
      theirs: Array(Self.text(theirs).utf8))
    #expect(result.conflicts == 1)
    let text = String(decoding: result.bytes, as: UTF8.self)
    let comment = Self.hasComment(target, "promise") ? "   # keep promise" : ""
    #expect(
      text.contains(
        "<<<<<<< ours\n    promise: Ours\(comment)\n=======\n    promise: "
          + "Theirs\(comment)\n>>>>>>> theirs\n"
      ))
  }
}
