import Foundation
import HandoffTestSupport
import Testing

@testable import HandoffKit

@Suite struct CanonicalYAMLTests {
  @Test func rendersTheSameRecordTheSameWayAndReadsBack() throws {
    let a = "b: 1\na: [x, {d: \"no\", c: 2026-08-14}]\n# comment\n"
    let b = "a:\n  - 'x'\n  - c: 2026-08-14   # a date\n    d: \"no\"\nb: 1.0\n"
    let first = CanonicalYAML.render(try #require(YAMLLoader.load(a).root))
    let second = CanonicalYAML.render(try #require(YAMLLoader.load(b).root))
    #expect(first == second)
    #expect(first == "a:\n  - x\n  - c: 2026-08-14\n    d: no\nb: 1\n")
  }

  @Test func everySampleFileRoundTrips() throws {
    let folder = ProjectPaths.root.appendingPathComponent("examples/sample/accounts")
    let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
    for case let url as URL in enumerator?.allObjects ?? [] where url.pathExtension == "yaml" {
      guard let root = YAMLLoader.load(Array(try Data(contentsOf: url))).root else { continue }
      let rendered = CanonicalYAML.render(root)
      let reloaded = YAMLLoader.load(rendered)
      #expect(reloaded.problems.isEmpty, "\(url.lastPathComponent)")
      #expect(reloaded.root == root, "\(url.lastPathComponent)")
    }
  }

  @Test(arguments: [
    "no", "12", "2026-08-14", "true", "a: b", "#x", "-x", "&a", "%x", " lead", "", "null", "x #y",
    "Ünïcode", "it's",
  ])
  func scalarsReadBackAsTheSameText(text: String) throws {
    let rendered = "k: " + CanonicalYAML.scalar(.string(text)) + "\n"
    #expect(YAMLLoader.load(rendered).root?["k"]?.string == text, "\(rendered)")
  }
}
