import HandoffTestSupport
import Testing

@testable import HandoffKit

/// Who reviews a change to an account: its owners' handles, and the escalation handles once its
/// red flags pass the threshold; an owner without a handle is named as missing.
@Suite struct AccountReviewersTests {
  static let settings = """
    red_flag_threshold: 1
    reviewers:
      people:
        jane.doe: "@jdoe"
      escalation: ["@cs-leadership"]

    """

  static func record(risks: String?) -> AccountRecord {
    var files = Fixtures.completeAccount
    files["account.yaml"] = Fixtures.account.replacingOccurrences(
      of: "  sales: jane.doe\n", with: "  sales: jane.doe\n  success: raj.patel\n")
    if let risks { files["risks.yaml"] = risks }
    var roots: [RecordFile: YAMLNode] = [:]
    for (name, text) in files {
      if let kind = RecordFile(fileName: name) {
        roots[kind] = YAMLLoader.load(Array(text.utf8)).root
      }
    }
    return AccountRecord(id: "acme", present: Set(roots.keys), roots: roots)
  }

  @Test func ownersThenEscalationPastTheThreshold() throws {
    let settings = try Settings.load(Array(Self.settings.utf8))
    let calm = AccountReviewers(Self.record(risks: nil), settings: settings)
    #expect(calm.handles == ["@jdoe"])
    #expect(calm.missing.map(\.name) == ["raj.patel"])
    #expect(!calm.escalated)
    let flags =
      "red_flags:\n  - {id: a, category: timeline, flag: f}\n  - {id: b, category: promise, "
      + "flag: g}\n"
    let stormy = AccountReviewers(Self.record(risks: flags), settings: settings)
    #expect(stormy.escalated)
    #expect(stormy.handles == ["@jdoe", "@cs-leadership"])
  }
}
