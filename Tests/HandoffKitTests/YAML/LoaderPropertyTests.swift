import HandoffTestSupport
import Testing

@testable import HandoffKit

/// Property-based tests of the loader, the part of the tool that reads untrusted input.
@Suite struct LoaderPropertyTests {
  typealias Generator = SeededGenerator

  /// Random JSON-compatible values written as block YAML must load back to the same values.
  @Test(arguments: 0..<200)
  func writtenValuesLoadBack(seed: Int) throws {
    var random = Generator(state: UInt64(seed))
    let value = randomMapping(&random, depth: 0)
    let text = render(value, indent: 0)
    let document = YAMLLoader.load(text)
    #expect(document.problems.isEmpty, "seed \(seed):\n\(text)")
    let root = try #require(document.root)
    #expect(root == value, "seed \(seed):\n\(text)")
  }

  /// Any mutation of a valid record is loaded without crashing, and loading is deterministic.
  @Test(arguments: 0..<300)
  func mutatedRecordsNeverCrash(seed: Int) {
    var random = Generator(state: UInt64(seed) &+ 1000)
    var bytes = Array(Fixtures.commitments.utf8)
    for _ in 0..<(1 + random.below(8)) {
      let position = random.below(bytes.count)
      switch random.below(4) {
      case 0: bytes[position] = UInt8(random.below(256))
      case 1: bytes.insert(UInt8(random.below(256)), at: position)
      case 2: bytes.remove(at: position)
      default:
        let interesting: [UInt8] = Array(":-[]{}&*!|>#'\"\t\n ?%@`,".utf8)
        bytes[position] = interesting[random.below(interesting.count)]
      }
      if bytes.isEmpty { break }
    }
    let first = YAMLLoader.load(bytes)
    let second = YAMLLoader.load(bytes)
    #expect(first.problems == second.problems)
    #expect(first.root == second.root)
    _ = RecordChecker.check(bytes, as: .commitments)
  }

  private func randomScalar(_ random: inout Generator) -> YAMLNode {
    switch random.below(5) {
    case 0: return YAMLNode(.bool(random.below(2) == 0))
    case 1: return YAMLNode(.number(Double(random.below(100_000)) - 500))
    case 2: return YAMLNode(.null)
    default:
      let words = [
        "no", "yes", "2026-08-14", "a: b", "#hash", "12", "x-y", "Ünïcode ✓", "", " lead", "-", "~",
      ]
      return YAMLNode(.string(words[random.below(words.count)]))
    }
  }

  private func randomMapping(_ random: inout Generator, depth: Int) -> YAMLNode {
    var entries: [YAMLEntry] = []
    for index in 0..<(1 + random.below(4)) {
      entries.append(YAMLEntry(key: "key\(index)", value: randomValue(&random, depth: depth + 1)))
    }
    return YAMLNode(.mapping(entries))
  }

  private func randomValue(_ random: inout Generator, depth: Int) -> YAMLNode {
    guard depth < 4 else { return randomScalar(&random) }
    switch random.below(4) {
    case 0: return randomMapping(&random, depth: depth)
    case 1:
      return YAMLNode(
        .sequence((0..<(1 + random.below(3))).map { _ in randomValue(&random, depth: depth + 1) }))
    default: return randomScalar(&random)
    }
  }

  /// Block-style YAML with every string double-quoted, as a careful writer would emit it.
  private func render(_ node: YAMLNode, indent: Int) -> String {
    let pad = String(repeating: " ", count: indent)
    switch node.value {
    case .mapping(let entries):
      return entries.map { entry in
        switch entry.value.value {
        case .mapping, .sequence: "\(pad)\(entry.key):\n" + render(entry.value, indent: indent + 2)
        default: "\(pad)\(entry.key): \(scalar(entry.value))\n"
        }
      }.joined()
    case .sequence(let items):
      return items.map { item in
        switch item.value {
        case .mapping, .sequence: "\(pad)-\n" + render(item, indent: indent + 2)
        default: "\(pad)- \(scalar(item))\n"
        }
      }.joined()
    default:
      return pad + scalar(node) + "\n"
    }
  }

  private func scalar(_ node: YAMLNode) -> String {
    switch node.value {
    case .null: "null"
    case .bool(let flag): flag ? "true" : "false"
    case .number(let number): String(Int(number))
    case .string(let text): JSONValue.string(text).serialized()
    default: ""
    }
  }
}
