import Foundation
import HandoffTestSupport
import Testing

@testable import HandoffKit

/// The audit of the README's sample accounts against hand-worked expectations.
@Suite struct AuditorTests {
  static func sampleRecord(_ account: String) throws -> AccountRecord {
    let folder = ProjectPaths.root.appendingPathComponent("examples/sample/accounts/\(account)")
    var roots: [RecordFile: YAMLNode] = [:]
    for kind in RecordFile.allCases {
      guard
        let data = FileManager.default.contents(
          atPath: folder.appendingPathComponent(kind.fileName).path)
      else { continue }
      roots[kind] = YAMLLoader.load(Array(data)).root
    }
    return AccountRecord(id: account, present: Set(roots.keys), roots: roots)
  }

  @Test func lincolnUSDItemByItem() throws {
    let audit = Auditor.audit(try Self.sampleRecord("lincoln-usd"), settings: Settings())
    let expected: [String: Coverage] = [
      "A1": .fully, "A2": .fully, "A3": .fully, "A4": .fully, "A5": .fully,
      "B1": .fully,  // Dr. Maria Lopez: supportive, with a contact
      "B2": .partially,  // the champion leaves on 2027-06-30
      "B3": .fully, "B4": .fully, "B5": .fully,
      "C1": .not, "C2": .not, "C4": .not,  // no feature, timeline or support promise, none declined
      "C3": .fully,  // teacher-training has an owner and a due date
      "C5": .fully,  // clever-sso (integration) has an owner and a due date
    ]
    #expect(Dictionary(uniqueKeysWithValues: audit.items.map { ($0.id, $0.coverage) }) == expected)
    #expect(abs(audit.completeness - 11.5 / 15 * 100) < 0.001)
    #expect(audit.items.first { $0.id == "B2" }?.location?.line == 9)
    #expect(audit.exitQuestions.allSatisfy { $0.answered })
    #expect(
      Dictionary(uniqueKeysWithValues: audit.scorecard.map { ($0.name, $0.rating) }) == [
        "customer intent": "clear", "stakeholder map": "partial",
        "scope and expectations": "partial",
        "implementation risk": "clear", "transition quality": "unclear",
      ])
    #expect(
      audit.redFlags.map(\.id) == [
        "champion-retiring", "verbal-commitment-not-in-contract", "deep-discount",
        "champion-at-risk",
        "commitment-due-before-start",
      ])
    #expect(audit.mitigationNeeded && audit.mitigationPresent)
  }

  @Test func summitCharterIsWeak() throws {
    let audit = Auditor.audit(try Self.sampleRecord("summit-charter"), settings: Settings())
    let expected: [String: Coverage] = [
      "A1": .fully,  // eight words about the pain
      "A2": .fully,  // its one criterion: "8 of 8" by 2026-10-01
      "A3": .partially,  // a timeline expectation, no milestones
      "A4": .partially,  // renewal dated, no budget source
      "A5": .not,
      "B1": .partially,  // skeptical buyer without a contact
      "B2": .partially,  // neutral champion
      "B3": .not, "B4": .not,
      "B5": .fully,  // both stakeholders have a stance
      "C1": .not, "C3": .not, "C4": .not,
      // campus-rollout has an owner and a due date (withdrawn later: still documented)
      "C2": .fully,
      "C5": .fully,  // the custom report has an owner and a due date
    ]
    #expect(Dictionary(uniqueKeysWithValues: audit.items.map { ($0.id, $0.coverage) }) == expected)
    #expect(abs(audit.completeness - 7.0 / 15 * 100) < 0.001)
    #expect(audit.scorecard.first { $0.name == "implementation risk" }?.rating == "unclear")
    #expect(audit.scorecard.first { $0.name == "transition quality" }?.rating == "clear")
    #expect(audit.mitigationNeeded && !audit.mitigationPresent)
    #expect(audit.redFlags.count == 8)
  }

  @Test func riversideCollegeItemByItem() throws {
    let audit = Auditor.audit(try Self.sampleRecord("riverside-college"), settings: Settings())
    let expected: [String: Coverage] = [
      "A1": .fully,
      "A2": .partially,  // retention has a number and a date; weekly logins have no `by`
      "A3": .partially,  // no milestones
      "A4": .fully,  // grant named, renewal dated
      "A5": .fully,  // spreadsheet exports, and why they failed
      "B1": .partially,  // Dean Harper: supportive, no contact
      "B2": .fully, "B3": .fully, "B4": .fully, "B5": .fully,
      // not promised, and not declined either (only custom, pricing)
      "C1": .not, "C2": .not, "C4": .not,
      "C3": .fully,  // advisor-training has an owner and a due date
      "C5": .fully,  // sis-nightly-sync has an owner and a due date
    ]
    #expect(Dictionary(uniqueKeysWithValues: audit.items.map { ($0.id, $0.coverage) }) == expected)
    #expect(abs(audit.completeness - 10.5 / 15 * 100) < 0.001)
    #expect(audit.exitQuestions.allSatisfy { $0.answered })
    #expect(audit.redFlags.isEmpty && !audit.mitigationNeeded)
    // not reconciled yet
    #expect(audit.scorecard.first { $0.name == "transition quality" }?.rating == "partial")
  }

  @Test func harborAcademyHasOnlyAProblem() throws {
    let audit = Auditor.audit(try Self.sampleRecord("harbor-academy"), settings: Settings())
    let documented = audit.items.filter { $0.coverage != .not }.map {
      "\($0.id) \($0.coverage.rawValue)"
    }
    // five words of problem; an empty criteria list is none
    #expect(documented == ["A1 fully", "A3 partially"])
    #expect(abs(audit.completeness - 1.5 / 15 * 100) < 0.001)
    #expect(audit.redFlags.map(\.id) == ["deep-discount"])
  }

  /// maple-county-schools and Pine_Valley (whose folder name is not a valid id) are prospects
  /// with only account.yaml: nothing on the checklist is documented.
  @Test(arguments: ["maple-county-schools", "Pine_Valley"])
  func aProspectHasLittleDocumented(_ account: String) throws {
    let audit = Auditor.audit(try Self.sampleRecord(account), settings: Settings())
    #expect(audit.items.allSatisfy { $0.coverage == .not })
    #expect(audit.completeness == 0)
    #expect(!audit.exitQuestions.contains { $0.answered })
  }
}
