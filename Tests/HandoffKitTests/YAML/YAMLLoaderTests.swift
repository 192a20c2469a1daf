import HandoffTestSupport
import Testing

@testable import HandoffKit

@Suite struct YAMLLoaderTests {
  @Test func keepsPositionsOfKeysAndValues() throws {
    let marked = MarkedText(
      """
      1️⃣name: 2️⃣Lincoln
      owners:
        3️⃣sales: 4️⃣jane.doe
      list:
        - 5️⃣a

      """)
    let document = YAMLLoader.load(marked.text)
    #expect(document.problems.isEmpty)
    let root = try #require(document.root)
    #expect(root.entry("name")?.keyLocation == marked["1️⃣"])
    #expect(root["name"]?.location == marked["2️⃣"])
    #expect(root["owners"]?.entry("sales")?.keyLocation == marked["3️⃣"])
    #expect(root["owners"]?["sales"]?.location == marked["4️⃣"])
    #expect(root["list"]?.items?.first?.location == marked["5️⃣"])
  }

  @Test func resolvesScalarsByCoreSchemaAndKeepsQuotedTextAsText() throws {
    let root = try #require(
      YAMLLoader.load("a: no\nb: \"12\"\nc: 12.0\nd: 2026-08-14\ne: true\n").root)
    #expect(root["a"]?.string == "no")
    #expect(root["b"]?.string == "12")
    #expect(root["c"]?.isInteger == true)
    #expect(root["d"]?.string == "2026-08-14")
    #expect(root["e"]?.bool == true)
  }

  @Test func reportsTheSecondOccurrenceOfADuplicateKey() {
    let marked = MarkedText("name: a\nstage: prospect\n1️⃣name: b\n")
    let document = YAMLLoader.load(marked.text)
    #expect(
      document.problems == [
        YAMLProblem(.duplicateKey, "duplicate key `name` (first at line 1)", at: marked["1️⃣"]!)
      ])
    #expect(document.root?["name"]?.string == "a")
  }

  @Test(arguments: [
    (marked: "a: 1️⃣&x 1\n", fragment: "anchors"),
    (marked: "a: 1\nb: 1️⃣*x\n", fragment: "aliases"),
    (marked: "1️⃣<<: {a: 1}\n", fragment: "merge keys"),
    (marked: "a: 1️⃣!foo bar\n", fragment: "explicit tags"),
    (marked: "a: 1️⃣!!str 12\n", fragment: "explicit tags"),
    (marked: "? 1️⃣[a, b]\n: c\n", fragment: "keys must be plain text"),
    (marked: "a: 1\n1️⃣---\nb: 2\n", fragment: "exactly one document"),
  ])
  func rejectsWhatTheFormatRulesOut(marked: String, fragment: String) throws {
    let text = MarkedText(marked)
    let document = YAMLLoader.load(text.text)
    let problem = try #require(document.problems.first { $0.kind == .forbidden })
    #expect(problem.message.contains(fragment))
    #expect(problem.location == text["1️⃣"])
  }

  @Test func acceptsDirectivesMarkersBOMAndCRLF() throws {
    for text in [
      "%YAML 1.2\n---\na: 1\n...\n", "---\na: 1\n", "\u{FEFF}a: 1\n", "a: 1\r\nb: 2\r\n",
    ] {
      let document = YAMLLoader.load(text)
      #expect(document.problems.isEmpty, "\(text.debugDescription)")
      #expect(document.root?["a"]?.number == 1)
    }
    let crlf = try #require(YAMLLoader.load("a: 1\r\nb: x\r\n").root)
    #expect(crlf["b"]?.location == SourceLocation(line: 2, column: 4))
    #expect(crlf["b"]?.string == "x")
  }

  @Test func reportsSyntaxErrorsWithAPosition() throws {
    let document = YAMLLoader.load("a: \"open\nb: 2\n")
    let problem = try #require(document.problems.first)
    #expect(problem.kind == .syntax)
    #expect(problem.location.line >= 1)
    #expect(document.root == nil)
  }

  @Test(arguments: [
    (bytes: [0xFF, 0xFE, 0x61, 0x00, 0x3A, 0x00] as [UInt8], fragment: "UTF-16"),
    ([0xFE, 0xFF, 0x00, 0x61], "UTF-16"),
    ([0xFF, 0xFE, 0x00, 0x00, 0x61, 0x00, 0x00, 0x00], "UTF-32"),
    ([0x61, 0x3A, 0x20, 0xC3, 0x28, 0x0A], "invalid UTF-8"),
    ([0x61, 0x3A, 0x20, 0x00, 0x0A], "NUL byte"),
    ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00], "invalid UTF-8"),
  ])
  func rejectsWhatIsNotUTF8Text(bytes: [UInt8], fragment: String) throws {
    let problem = try #require(YAMLLoader.load(bytes).problems.first)
    #expect(problem.kind == .syntax)
    #expect(problem.message.contains(fragment), "\(problem.message)")
  }

  @Test func pointsAtTheLineOfAnInvalidByte() throws {
    let problem = try #require(
      YAMLLoader.load([0x61, 0x3A, 0x20, 0x31, 0x0A, 0x62, 0x3A, 0x20, 0xFF]).problems.first)
    #expect(problem.location == SourceLocation(line: 2, column: 4))
  }

  @Test func anEmptyFileHasNoDocumentAndNoProblem() {
    for text in ["", "# only a comment\n", "\n\n"] {
      let document = YAMLLoader.load(text)
      #expect(document.root == nil)
      #expect(document.problems.isEmpty)
    }
  }

  @Test func survivesHostileInputs() {
    let deep = String(repeating: "[", count: 100_000)
    let deepMapping = (0..<5_000).map { String(repeating: " ", count: $0) + "k:" }.joined(
      separator: "\n")
    let huge = "a: " + String(repeating: "x", count: 5_000_000) + "\n"
    let longLine = "a: [" + Array(repeating: "1", count: 200_000).joined(separator: ", ") + "]\n"
    for text in [deep, deepMapping, huge, longLine, String(repeating: "- ", count: 50_000)] {
      _ = YAMLLoader.load(text)
    }
    let loaded = YAMLLoader.load(huge)
    #expect(loaded.root?["a"]?.string?.count == 5_000_000)
  }
}
