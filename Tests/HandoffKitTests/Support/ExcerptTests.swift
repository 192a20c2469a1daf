import Testing

@testable import HandoffKit

@Suite struct ExcerptTests {
  @Test func longValuesAreCutShortInMessages() {
    let long = String(repeating: "root:x:0:0:root:/root:/bin/bash\n", count: 20)
    let (findings, _) = RecordChecker.check(
      Array(
        ("name: A\nstage: prospect\nsegment: smb\nowners: {sales: a}\ncontract: {start: "
          + "\"\(long.replacingOccurrences(of: "\n", with: " "))\"}\n").utf8), as: .account)
    let message = try! #require(findings.first { $0.message.contains("is not a date") }?.message)
    #expect(message.contains("…"))
    #expect(message.count < 160, "\(message)")
    #expect(Excerpt.of("short") == "short")
    #expect(
      Excerpt.of(String(repeating: "a", count: 41)) == String(repeating: "a", count: 40) + "…")
  }
}

@Suite struct TerminalTextTests {
  @Test func controlCharactersBecomeVisible() {
    #expect(TerminalText.escape("plain name") == "plain name")
    #expect(
      TerminalText.escape("a\nb\u{1B}[31mc\td\u{7F}\u{9B}") == "a\\nb\\u{1b}[31mc\\td\\u{7f}\\u{9b}"
    )
    #expect(TerminalText.escapeLines("one\ntwo\u{1B}\n") == "one\ntwo\\u{1b}\n")
  }

  /// Whatever the input, the escaped text holds no control character at all.
  @Test func noControlCharacterSurvives() {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<500 {
      let scalars = (0..<Int.random(in: 0...40, using: &generator)).map { _ in
        Unicode.Scalar(UInt32.random(in: 0...0x24F, using: &generator)) ?? "x"
      }
      var text = ""
      text.unicodeScalars.append(contentsOf: scalars)
      let escaped = TerminalText.escape(text)
      #expect(
        !escaped.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }
  }
}
