import Foundation
import HandoffTestSupport
import Testing

@testable import HandoffKit

@Suite struct RecordMergeTests {
  static let base = """
    # Promises made to Acme
    commitments:
      # The big one
      - id: sso
        promise: SSO by go-live
        kind: integration
        due: 2026-09-01   # agreed on the call
        status: open
      - id: training
        promise: Two sessions
        kind: training
        status: open
    not_promised: [pricing]

    """

  func merge(_ base: String, _ ours: String, _ theirs: String) -> (
    text: String, result: RecordMerge.Result
  ) {
    let result = RecordMerge.merge(
      base: Array(base.utf8), ours: Array(ours.utf8), theirs: Array(theirs.utf8))
    return (String(decoding: result.bytes, as: UTF8.self), result)
  }

  @Test func differentFieldsOfOneCommitmentMerge() {
    let ours = Self.base.replacingOccurrences(of: "kind: integration", with: "kind: custom")
    let theirs = Self.base.replacingOccurrences(of: "due: 2026-09-01", with: "due: 2026-10-01")
    let (text, result) = merge(Self.base, ours, theirs)
    #expect(result.conflicts == 0 && result.byKey)
    #expect(
      text
        == Self.base.replacingOccurrences(of: "kind: integration", with: "kind: custom")
        .replacingOccurrences(of: "due: 2026-09-01", with: "due: 2026-10-01"))
    // git's own line merge conflicts here: the two lines are next to each other.
    let lines = LineMerge.merge(
      base: Array(Self.base.utf8), ours: Array(ours.utf8), theirs: Array(theirs.utf8))
    #expect(lines.contains { if case .conflict = $0 { true } else { false } })
  }

  @Test func theSameFieldChangedTwiceIsOneSmallConflict() {
    let ours = Self.base.replacingOccurrences(of: "due: 2026-09-01", with: "due: 2026-11-01")
    let theirs = Self.base.replacingOccurrences(of: "due: 2026-09-01", with: "due: 2026-10-01")
    let (text, result) = merge(Self.base, ours, theirs)
    #expect(result.conflicts == 1)
    #expect(
      text.contains(
        """
            kind: integration
        <<<<<<< ours
            due: 2026-11-01   # agreed on the call
        =======
            due: 2026-10-01   # agreed on the call
        >>>>>>> theirs
            status: open

        """))
  }

  @Test func itemsAddedOnBothSidesAndDeletionsMerge() {
    let rostering = "  - id: rostering   # new\n    promise: Nightly sync\n    status: open\n"
    let ours = Self.base.replacingOccurrences(of: "not_promised", with: rostering + "not_promised")
    let theirs = Self.base.replacingOccurrences(
      of: "  - id: training\n    promise: Two sessions\n    kind: training\n    status: open\n",
      with: ""
    )
    .replacingOccurrences(of: "[pricing]", with: "[pricing, custom]")
    let (text, result) = merge(Self.base, ours, theirs)
    #expect(result.conflicts == 0)
    #expect(!text.contains("training"))
    #expect(text.contains(rostering + "not_promised: [pricing, custom]\n"))
    #expect(text.hasPrefix("# Promises made to Acme\ncommitments:\n  # The big one\n  - id: sso\n"))
  }

  @Test func deletedOnOneSideChangedOnTheOtherConflicts() {
    let ours = Self.base.replacingOccurrences(of: "Two sessions", with: "Three sessions")
    let theirs = Self.base.replacingOccurrences(
      of: "  - id: training\n    promise: Two sessions\n    kind: training\n    status: open\n",
      with: "")
    let (text, result) = merge(Self.base, ours, theirs)
    #expect(result.conflicts == 1)
    #expect(text.contains("<<<<<<< ours\n  - id: training\n    promise: Three sessions\n"))
  }

  @Test func theSameKeyAddedWithDifferentValuesConflicts() {
    let ours = Self.base + "x-note: from sales\n"
    let theirs = Self.base + "x-note: from success\n"
    let (text, result) = merge(Self.base, ours, theirs)
    #expect(result.conflicts == 1)
    #expect(
      text.hasSuffix(
        "<<<<<<< ours\nx-note: from sales\n=======\nx-note: from success\n>>>>>>> theirs\n"))
    // Added the same way on both sides: no conflict.
    #expect(merge(Self.base, ours, ours).result.conflicts == 0)
  }

  @Test func aConflictInAnItemsFirstFieldKeepsTheDashInBothSides() {
    let base = "commitments:\n  - promise: SSO by go-live\n    id: sso\n    status: open\n"
    let (text, result) = merge(
      base, base.replacingOccurrences(of: "go-live", with: "August"),
      base.replacingOccurrences(of: "go-live", with: "May"))
    #expect(result.conflicts == 1)
    #expect(
      text
        == "commitments:\n<<<<<<< ours\n  - promise: SSO by August\n=======\n  - promise: SSO "
        + "by May\n>>>>>>> theirs\n    id: sso\n    status: open\n"
    )
  }

  @Test func aReformattedSideDoesNotConflictWithAChange() {
    let reformatted = Self.base.replacingOccurrences(of: ": [pricing]", with: ":\n  - pricing")
    let theirs = Self.base.replacingOccurrences(of: "Two sessions", with: "Three sessions")
    let (text, result) = merge(Self.base, reformatted, theirs)
    #expect(result.conflicts == 0)
    #expect(text.contains("Three sessions") && text.contains("not_promised:\n  - pricing\n"))
  }

  @Test func aVersionThatDoesNotParseIsMergedByLines() {
    let broken = Self.base.replacingOccurrences(
      of: "not_promised: [pricing]", with: "not_promised: [pricing")
    let ours = Self.base.replacingOccurrences(of: "Two sessions", with: "Three sessions")
    let (text, result) = merge(Self.base, ours, broken)
    #expect(!result.byKey)
    #expect(result.conflicts == 0)
    #expect(text.contains("Three sessions") && text.contains("[pricing\n"))
  }

  @Test func aMissingLastLineBreakStaysMissing() {
    let base = String(Self.base.dropLast())
    let ours = base.replacingOccurrences(of: "Two sessions", with: "Three sessions")
    let theirs = base.replacingOccurrences(of: "kind: training", with: "kind: onboarding")
    let (text, result) = merge(base, ours, theirs)
    #expect(result.conflicts == 0)
    #expect(text.hasSuffix("not_promised: [pricing]"))
    #expect(text.contains("Three sessions") && text.contains("kind: onboarding"))
  }

  @Test func linesMergeLikeDiff3() {
    func merged(_ o: String, _ a: String, _ b: String) -> String {
      String(
        decoding: ConflictMarkers().join(
          LineMerge.merge(base: Array(o.utf8), ours: Array(a.utf8), theirs: Array(b.utf8))
        ).bytes, as: UTF8.self)
    }
    #expect(merged("1\n2\n3\n4\n5\n", "1\nA\n3\n4\n5\n", "1\n2\n3\n4\nB\n") == "1\nA\n3\n4\nB\n")
    #expect(
      merged("1\n2\n3\n", "1\nA\n3\n", "1\nB\n3\n")
        == "1\n<<<<<<< ours\nA\n=======\nB\n>>>>>>> theirs\n3\n")
    #expect(merged("1\n2\n", "1\n2\n", "0\n1\n2\n3\n") == "0\n1\n2\n3\n")
    #expect(merged("", "x\n", "x\n") == "x\n")
  }
}

@Suite struct RecordMergeRegressionTests {
  /// Found by the `merge` fuzz target: three versions split at NUL bytes.
  @Test func fuzzFindingsStayFixed() throws {
    for name in ["merge-clean-result-does-not-load"] {
      let url = ProjectPaths.root.appendingPathComponent("Tests/Fixtures/Fuzz/\(name)")
      let bytes = try [UInt8](Data(contentsOf: url))
      var parts = bytes.split(separator: 0, maxSplits: 2, omittingEmptySubsequences: false).map(
        Array.init)
      while parts.count < 3 { parts.append([]) }
      let result = RecordMerge.merge(base: parts[0], ours: parts[1], theirs: parts[2])
      if result.byKey, result.conflicts == 0 {
        #expect(
          YAMLLoader.load(result.bytes).problems.isEmpty,
          "\(name): \(String(decoding: result.bytes, as: UTF8.self))")
      }
    }
  }
}
