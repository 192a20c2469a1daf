import Testing

@testable import HandoffKit

@Suite struct YAMLEditorTests {
  static let record = """
    # The account.
    name: "Lincoln USD"   # quoted on purpose
    stage: negotiation    # moves on
    owners:
      sales: jane.doe
    # deal:
    #   closed_on:
    products: [core]
    x-team: kept

    """

  func edited(_ text: String, _ edit: (inout YAMLEditor) throws(YAMLEditor.Failure) -> Void) throws
    -> String
  {
    var editor = YAMLEditor(Array(text.utf8))
    try edit(&editor)
    return String(decoding: try editor.finished(), as: UTF8.self)
  }

  @Test func aScalarIsReplacedAndItsCommentKept() throws {
    let text = try edited(Self.record) { (editor) throws(YAMLEditor.Failure) in
      try editor.set([.key("stage")], to: .string("closed-won"))
      try editor.set([.key("name")], to: .string("Lincoln Unified"))
    }
    #expect(
      text
        == Self.record.replacingOccurrences(of: "stage: negotiation", with: "stage: closed-won")
        .replacingOccurrences(of: "\"Lincoln USD\"", with: "Lincoln Unified"))
  }

  @Test func missingKeysAreAddedAtTheEndOfTheirMapping() throws {
    let text = try edited(Self.record) { (editor) throws(YAMLEditor.Failure) in
      try editor.set([.key("deal"), .key("closed_on")], to: .string("2026-08-14"))
      try editor.set([.key("deal"), .key("arr")], to: .literal("84000"))
      try editor.set([.key("owners"), .key("success")], to: .string("raj.patel"))
    }
    // The template's commented-out `# deal:` shows where `deal` goes.
    #expect(
      text.contains(
        "owners:\n  sales: jane.doe\n  success: raj.patel\ndeal:\n  closed_on: 2026-08-14\n  "
          + "arr: 84000\n# deal:\n"
      ))
    #expect(text.hasSuffix("x-team: kept\n"))
    let root = try #require(YAMLLoader.load(Array(text.utf8)).root)
    #expect(root["deal"]?["arr"]?.number == 84000)
  }

  @Test func aKeyWithoutAHintGoesAfterTheLastEntryAndItsComments() throws {
    let text = try edited("owners:\n  sales: a\n  # success: later\nnext: 1\n") {
      (editor) throws(YAMLEditor.Failure) in
      try editor.set([.key("region")], to: .string("CA"))
    }
    #expect(text == "owners:\n  sales: a\n  # success: later\nnext: 1\nregion: CA\n")
  }

  @Test func anEmptyValueIsFilledAfterItsColon() throws {
    let text = try edited("name:\nsegment:          # smb | enterprise\nowners:\n  sales:\n") {
      (editor) throws(YAMLEditor.Failure) in
      try editor.set([.key("segment")], to: .string("smb"))
      try editor.set([.key("owners"), .key("sales")], to: .string("jane.doe"))
      try editor.set([.key("name")], to: .string("A: B"))
    }
    #expect(
      text
        == "name: \"A: B\"\nsegment: smb          # smb | enterprise\nowners:\n  sales: jane.doe\n")
  }

  @Test func listsKeepTheirStyle() throws {
    let flow = try edited(Self.record) { (editor) throws(YAMLEditor.Failure) in
      try editor.set([.key("products")], to: .list(["core", "analytics"]))
    }
    #expect(flow.contains("products: [core, analytics]\n"))
    let block = try edited("products:\n  - core   # first\nnext: 1\n") {
      (editor) throws(YAMLEditor.Failure) in
      try editor.set([.key("products")], to: .list(["core", "sso, extra"]))
    }
    // commas are plain outside flow
    #expect(block == "products:\n  - core\n  - sso, extra\nnext: 1\n")
  }

  @Test func itemsAreAppendedToABlockListAndAnEmptyFlowList() throws {
    let people = "stakeholders:\n  - name: Ann   # the champion\n    roles: [champion]\n"
    let appended = try edited(people) { (editor) throws(YAMLEditor.Failure) in
      try editor.append(
        to: [.key("stakeholders")], [("name", .string("Bo")), ("roles", .list(["end-user"]))])
      try editor.set([.key("stakeholders"), .index(0), .key("title")], to: .string("CTO"))
    }
    #expect(appended == people + "    title: CTO\n  - name: Bo\n    roles: [end-user]\n")
    let empty = try edited("stakeholders: []   # none yet\n") {
      (editor) throws(YAMLEditor.Failure) in
      try editor.append(to: [.key("stakeholders")], [("name", .string("Bo"))])
    }
    #expect(empty == "stakeholders:   # none yet\n  - name: Bo\n")
  }

  @Test func scalarsAreQuotedWhenPlainWouldReadOtherwise() {
    for (text, written) in [
      ("plain text", "plain text"), ("true", "\"true\""), ("123", "\"123\""), ("", "\"\""),
      ("a #b", "\"a #b\""),
      ("-lead", "\"-lead\""), ("null", "\"null\""), ("line\nbreak", "\"line\\nbreak\""),
      ("2026-08-14", "2026-08-14"),
      ("say \"hi\"", "say \"hi\""), (" pad", "\" pad\""),
    ] {
      #expect(YAMLEditor.scalar(text) == written, "\(text)")
    }
  }

  @Test func quotedScalarsAreReplacedWhole() throws {
    let text = try edited("a: 'x y'\nb: \"z\" # c\nc: ''\n") {
      (editor) throws(YAMLEditor.Failure) in
      try editor.set([.key("a")], to: .string("1 2"))
      try editor.set([.key("b")], to: .string("w"))
      try editor.set([.key("c")], to: .string("v"))
    }
    #expect(text == "a: 1 2\nb: w # c\nc: v\n")
  }

  @Test func aFlowMappingIsRefusedNotMangled() {
    var editor = YAMLEditor(Array("deal: {arr: 1}\n".utf8))
    #expect(throws: YAMLEditor.Failure.self) {
      try editor.set([.key("deal"), .key("currency")], to: .string("USD"))
    }
    #expect(editor.text == "deal: {arr: 1}\n")
  }
}

extension YAMLEditorTests {
  /// Found by the `editor` fuzz target: a plain value continued on the next line at column 0.
  @Test func anEditNeverBreaksAFileThatLoaded() throws {
    for text in ["\nownArs:\n=   - a\n", "a: b\n  c\n", "a:\n  b\nc: d\n", "k: 'x\n  y'\n"] {
      guard YAMLLoader.load(text).problems.isEmpty else { continue }
      for path in [
        [YAMLEditor.Step.key("deal"), .key("arr")], [.key("a")], [.key("k")], [.key("ownArs")],
      ] {
        var editor = YAMLEditor(Array(text.utf8))
        let edited: [UInt8]
        do {
          try editor.set(path, to: .literal("84000"))
          edited = try editor.finished()
        } catch {
          continue
        }
        #expect(
          YAMLLoader.load(edited).problems.isEmpty,
          "\(text.debugDescription) \(path) -> \(editor.text.debugDescription)")
      }
    }
  }
}

extension YAMLEditorTests {
  @Test func aCRLFFileKeepsItsLineEnds() throws {
    let text = try edited("name: a\r\nowners:\r\n  sales: b\r\n") {
      (editor) throws(YAMLEditor.Failure) in
      try editor.set([.key("owners"), .key("success")], to: .string("c"))
      try editor.set([.key("deal"), .key("arr")], to: .literal("1"))
    }
    #expect(text == "name: a\r\nowners:\r\n  sales: b\r\n  success: c\r\ndeal:\r\n  arr: 1\r\n")
  }

  /// libfyaml 0.7.12 crashed freeing its parser after this error (found by the editor fuzz
  /// target); the loader now reports it like any syntax error.
  @Test func aParserErrorThatCrashedLibfyamlIsAFinding() throws {
    for text in ["? s:\t:", "x:\n  ? s:\t:\n"] {
      let document = YAMLLoader.load(text)
      #expect(document.problems.first?.kind == .syntax, "\(text.debugDescription)")
    }
  }
}

extension YAMLEditorTests {
  /// A file the strict loader refuses is refused whatever the edit, with the same message, and
  /// the span reader survives the input that crashed libfyaml's cleanup.
  @Test func aFileThatDoesNotLoadIsNotEdited() {
    for text in ["a: 1\na: 2\n", "a: &x 1\nb: *x\n", "? s:\t:\n", "a: [1\n"] {
      var editor = YAMLEditor(Array(text.utf8))
      let failure = #expect(throws: YAMLEditor.Failure.self, "\(text.debugDescription)") {
        try editor.set([.key("b")], to: .string("c"))
        _ = try editor.finished()
      }
      #expect(
        failure?.message == "the file is not YAML this tool can edit", "\(text.debugDescription)")
    }
  }
}
