import HandoffTestSupport
import Testing

@testable import HandoffKit

/// The plain block reader must give exactly libfyaml's document, or leave the file to it.
@Suite struct PlainBlockReaderTests {
  /// Reads `text` both ways: whether the plain block reader took it, and whether the two agree.
  private func compare(_ text: String) -> (taken: Bool, fast: String, reference: String) {
    let bytes = Array(text.utf8)
    let reference = YAMLLoader.loadThroughLibFYAML(bytes).outline
    let fast = bytes.withUnsafeBytes { PlainBlockReader.read($0) }
    return (fast != nil, fast?.outline ?? reference, reference)
  }

  static let taken: [String] = [
    "a: 1\n",
    "a: 1\nb: two words\nc: 'single'\nd: \"quoted\"\ne: ''\n",
    "a:\n  b: 1\n  c:\n    d: x\ne: y\n",
    "list:\n  - one\n  - two\n",
    "list:\n- one\n- two\nafter: 1\n",
    "items:\n  - id: a\n    promise: b\n  - id: c\n    nested:\n      - x\n",
    "items:\n  -   id: a\n      more: b\n",
    "products: [core, analytics]\nempty: []\nspaced: [ a b ,  'c' , \"d\" ]\n",
    "# heading\na: 1 # trailing\n\n   # indented comment\nb: x#y\n",
    "a: 1\na: 2\nb:\n  c: 1\n  c: 2\n",
    "name: Ünïcode ✓ text\nnote: \"naïve\"\n",
    "  indented: root\n  second: 2\n",
    "n: -5\nf: 1.5e3\nt: true\nz: ~\nnull_word: null\nh: 0x1F\ndate: 2026-08-14\n",
    "url: http://example.com/a?b=c\ndash: -x\ncolon: a:b\n",
    "seq:\n  -\n    a: 1\n  -\n    - nested\n",
    "last: no newline",
    "k-1.x_y: v\n",
    "problem: >-\n  Teachers spend five hours.\nwhy: x\n",
    "a: >\n   one # not a comment\n   two: three\n\n\nb: |-\n  x\n  y\n",
    "s:\n- |\n  literal\n  lines\n- >-\n    folded\n    'text'\n",
    "items:\n  - note: |\n      kept\n    next: 1\n",
    "end: >-\n  at the end\n",
    "end: |\n  at the end\n\n\n",
  ]

  @Test(arguments: taken)
  func readsTheSubsetAsLibFYAMLDoes(text: String) {
    let (taken, fast, reference) = compare(text)
    #expect(taken, "left to libfyaml:\n\(text)")
    #expect(fast == reference, "\(text)\n--- plain block:\n\(fast)\n--- libfyaml:\n\(reference)")
  }

  static let leftToLibFYAML: [String] = [
    "a:\tb\n", "a: &x 1\n", "a: *x\n", "a: !tag 1\n",
    "a: \"esc\\n\"\n", "a: two\n  lines\n", "a:\nb: 1\n", "{a: 1}\n", "a: {b: 1}\n", "---\na: 1\n",
    "a: 1\n...\n", "a: 1\r\n", "- a\n- b\n", "plain\n", "a: b: c\n", "a: [x, [y]]\n", "a: [x,]\n",
    "a: 1\n  b: 2\n", " a: 1\nb: 2\n", "? a\n: b\n", "\"a\": 1\n", "a: 'open\n", "<<: {}\n",
    "a:\n  - x\n  y: 1\n", "a: [é]\n", "a: 1\n- b\n", "- - a\n", "a: -\n", "a: x\u{85}y\n",
    "# only a comment\n", "a: @x\n", "a: %x\n", "a: `x\n", "a: 'x' y\n", "a: [x] y\n",
    // Quotes inside '…': libfyaml 0.7.12 reads this one as seven quotes, without the `*`
    // (found by the plain-yaml fuzz target).
    "c: 'it''s'\n", "name: '''''''''*'''''", "a: [x, 'y''z']\n",
  ]

  @Test(arguments: leftToLibFYAML)
  func leavesEverythingElseToLibFYAML(text: String) {
    let (taken, fast, reference) = compare(text)
    #expect(!taken, "read without libfyaml:\n\(text)\n\(fast)")
    #expect(YAMLLoader.load(text).outline == reference)
  }

  /// Every fixture record, and random mutations of them: whenever the plain block reader reads
  /// a text, it reads what libfyaml reads.
  @Test(arguments: 0..<400)
  func mutatedRecordsReadTheSame(seed: Int) {
    var random = SeededGenerator(state: UInt64(seed) &+ 77)
    let fixtures = Array(Fixtures.completeAccount.values).sorted()
    var bytes = Array(fixtures[seed % fixtures.count].utf8)
    let interesting = Array(":-[]{}&*!|>#'\"\t\n ?%@`,.\\~é".utf8)
    for _ in 0..<random.below(6) where !bytes.isEmpty {
      let position = random.below(bytes.count)
      switch random.below(5) {
      case 0: bytes[position] = interesting[random.below(interesting.count)]
      case 1: bytes.insert(interesting[random.below(interesting.count)], at: position)
      case 2: bytes.remove(at: position)
      case 3: bytes.insert(UInt8(ascii: " "), at: position)
      default:
        // Move a line's indentation by one or two spaces.
        let start = bytes[..<position].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        bytes.insert(
          contentsOf: Array(repeating: UInt8(ascii: " "), count: 1 + random.below(2)), at: start)
      }
    }
    let text = String(decoding: bytes, as: UTF8.self)
    let (_, fast, reference) = compare(text)
    #expect(fast == reference, "\(text)\n--- plain block:\n\(fast)\n--- libfyaml:\n\(reference)")
  }

  /// Random lines of keys, dashes, scalars, block scalars and comments at random indentation:
  /// most are not YAML at all, and the reader must leave those to libfyaml.
  @Test(arguments: 0..<40)
  func randomLinesReadTheSame(seed: Int) {
    var random = SeededGenerator(state: UInt64(seed) &* 7919 &+ 3)
    let keys = ["a", "b", "id", "x-y", "k.1", "a", "_z", "9"]
    let values = [
      "1", "-2", "x y", "'q''s'", "\"d\"", "[a, b]", "[]", "~", "true", "é ✓", "a#b", "a # c",
      ">-", "|", ">", "|-", "http://x", "-x", "2026-08-14", "0x1F", "'", "[a", "a:", "null", "''",
    ]
    for round in 0..<100 {
      var text = ""
      for _ in 0..<(1 + random.below(9)) {
        text += String(repeating: " ", count: [0, 0, 2, 2, 4, 1, 3, 6][random.below(8)])
        let key = keys[random.below(keys.count)]
        let value = values[random.below(values.count)]
        switch random.below(9) {
        case 0, 1: text += "\(key): \(value)"
        case 2: text += "\(key):"
        case 3: text += "- \(value)"
        case 4: text += "- \(key): \(value)"
        case 5: text += "-"
        case 6: text += random.below(2) == 0 ? "# note" : ""
        case 7: text += "\(value) text"
        default: text += "\(key): \(value) # c"
        }
        text += random.below(10) == 0 ? "  \n" : "\n"
      }
      let (_, fast, reference) = compare(text)
      #expect(
        fast == reference,
        "round \(round):\n\(text)\n--- plain block:\n\(fast)\n--- libfyaml:\n\(reference)")
    }
  }

  /// Random well-indented documents of every construct the reader takes, some with one line
  /// spoiled: nearly all are read without libfyaml, and all read the same.
  @Test(arguments: 0..<60)
  func randomDocumentsReadTheSame(seed: Int) {
    var random = SeededGenerator(state: UInt64(seed) &* 104_729 &+ 11)
    var taken = 0
    for round in 0..<50 {
      var lines: [String] = []
      writeMapping(&random, indent: random.below(3) == 0 ? 1 : 0, depth: 0, into: &lines)
      if random.below(4) == 0, !lines.isEmpty {
        let index = random.below(lines.count)
        let spoilers = ["  ", "\t", " &a", ":", " #", "'", "\\", "- "]
        lines[index] += spoilers[random.below(spoilers.count)]
      }
      let text = lines.joined(separator: "\n") + (random.below(5) == 0 ? "" : "\n")
      let (read, fast, reference) = compare(text)
      if read { taken += 1 }
      #expect(
        fast == reference,
        "round \(round):\n\(text)\n--- plain block:\n\(fast)\n--- libfyaml:\n\(reference)")
    }
    #expect(taken >= 25, "only \(taken) of 50 read without libfyaml")
  }

  private static let scalars = [
    "1", "-2.5", "x y", "'q s'", "\"d q\"", "~", "true", "é ✓ ü", "a#b", "http://x/y", "-x",
    "2026-08-14", "0x1F", "''", "null", "[a, b c]", "[]", "['a', \"b\"]", "a [b] {c}, d",
  ]

  private func writeMapping(
    _ random: inout SeededGenerator, indent: Int, depth: Int, into lines: inout [String],
    firstPrefix: String? = nil
  ) {
    let pad = String(repeating: " ", count: indent)
    let keys = ["id", "name", "a", "b", "x-y", "k.1", "_z", "9", "id"]
    for index in 0..<(1 + random.below(4)) {
      let lead = index == 0 && firstPrefix != nil ? firstPrefix! : pad
      let key = keys[random.below(keys.count)]
      if random.below(6) == 0 { lines.append(pad + "# comment " + key) }
      if random.below(8) == 0 { lines.append("") }
      switch depth < 3 ? random.below(7) : 0 {
      case 0, 1, 2:
        let comment = random.below(5) == 0 ? "  # note" : ""
        lines.append("\(lead)\(key): \(Self.scalars[random.below(Self.scalars.count)])\(comment)")
      case 3:
        let header = [">-", "|", ">", "|-"][random.below(4)]
        lines.append("\(lead)\(key): \(header)")
        let deeper = String(repeating: " ", count: indent + 1 + random.below(3))
        for line in 0..<(1 + random.below(3)) { lines.append("\(deeper)text \(line): # kept") }
      case 4:
        lines.append("\(lead)\(key):")
        writeMapping(&random, indent: indent + 1 + random.below(3), depth: depth + 1, into: &lines)
      default:
        lines.append("\(lead)\(key):")
        writeSequence(
          &random, indent: indent + random.below(3), depth: depth + 1, into: &lines)
      }
    }
  }

  private func writeSequence(
    _ random: inout SeededGenerator, indent: Int, depth: Int, into lines: inout [String]
  ) {
    let pad = String(repeating: " ", count: indent)
    for _ in 0..<(1 + random.below(3)) {
      switch depth < 3 ? random.below(4) : 0 {
      case 0, 1:
        lines.append("\(pad)- \(Self.scalars[random.below(Self.scalars.count)])")
      case 2:
        let gap = String(repeating: " ", count: 1 + random.below(2))
        writeMapping(
          &random, indent: indent + 1 + gap.count, depth: depth + 1, into: &lines,
          firstPrefix: "\(pad)-\(gap)")
      default:
        lines.append("\(pad)-")
        writeMapping(&random, indent: indent + 2, depth: depth + 1, into: &lines)
      }
    }
  }

  @Test func theFixturesAreInTheSubset() {
    for (name, text) in Fixtures.completeAccount {
      #expect(compare(text).taken, "\(name) left to libfyaml")
    }
  }
}
