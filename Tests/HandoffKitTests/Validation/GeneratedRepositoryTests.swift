import Foundation
import HandoffTestSupport
import Testing

@testable import HandoffKit

/// Checks the validator against repositories written by the project's `scripts/gen-repo.py`,
/// whose truth file says which accounts carry which defect.
@Suite(.serialized) struct GeneratedRepositoryTests {
  static let generator = ProjectPaths.generator

  /// Every defect the generator plants in a tree, with the rule and file that must report it.
  static let schemaVisible: [String: (rule: RuleID, file: String)] = [
    "unknown-key": (.schema, "account.yaml"),
    "bad-date": (.schema, "account.yaml"),
    "bad-enum": (.schema, "account.yaml"),
    "wrong-type": (.schema, "account.yaml"),
    "duplicate-key": (.yamlDuplicateKey, "account.yaml"),
    "missing-champion": (.stageRequirement, "stakeholders.yaml"),
    "missing-file": (.missingFile, "goals.yaml"),
    "duplicate-commitment-id": (.duplicateID, "commitments.yaml"),
    "mitigation-missing": (.mitigationPlanRequired, "risks.yaml"),
  ]

  struct Generated {
    var folder: URL
    var truth: YAMLNode
  }

  /// `deltaDepth`: the pack's longest delta chain (the generator's default, Git's 50, for nil).
  static func generate(accounts: Int, seed: Int, deltaDepth: Int? = nil) throws -> Generated {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "generated-\(UUID().uuidString)")
    let truth = folder.appendingPathExtension("json")
    _ = try Shell.run(
      "/usr/bin/env",
      [
        "python3", generator.path, "--accounts", "\(accounts)", "--seed", "\(seed)", "--out",
        folder.path,
        "--truth", truth.path, "--defect-share", "0.1",
      ] + (deltaDepth.map { ["--delta-depth", "\($0)"] } ?? [])
    ).checked()
    defer { try? FileManager.default.removeItem(at: truth) }
    return Generated(
      folder: folder, truth: try JSONReader.parse(Array(try Data(contentsOf: truth))))
  }

  @Test(arguments: [(accounts: 300, seed: 7), (accounts: 250, seed: 42)])
  func everyTreeDefectIsFoundAtItsFileAndNoCleanAccountGetsAnError(accounts: Int, seed: Int) throws
  {
    try #require(
      FileManager.default.fileExists(atPath: Self.generator.path), "the generator is missing")
    let generated = try Self.generate(accounts: accounts, seed: seed)
    defer { try? FileManager.default.removeItem(at: generated.folder) }
    let byAccount = try #require(generated.truth["by_account"]?.entries)

    for source in [SnapshotSource.worktree, .index, .revision("HEAD")] {
      let report = try Validator.run(
        ValidationRequest(repositoryPath: generated.folder.path, source: source, useCache: false))
      #expect(report.accounts == accounts)
      let errors = Dictionary(grouping: report.diagnostics.filter { $0.severity == .error }) {
        $0.account ?? ""
      }
      var checkedDefects = 0
      for entry in byAccount {
        let defect = entry.value["defect"]?.string
        let found = errors[entry.key] ?? []
        if let defect, let expected = Self.schemaVisible[defect] {
          checkedDefects += 1
          #expect(
            found.contains {
              $0.ruleID == expected.rule && $0.path == "accounts/\(entry.key)/\(expected.file)"
                && ($0.location != nil) == (expected.rule != .missingFile)
            },
            "\(entry.key) (\(defect)) not reported at \(expected.file) in \(source)")
        } else {
          #expect(defect == nil, "unknown defect \(defect ?? "")")
          #expect(
            found.isEmpty, "clean account \(entry.key) got \(found.map(\.message)) in \(source)")
        }
      }
      #expect(checkedDefects > 20)
    }
  }

  @Test func rangeFindsEveryPromiseDeletedAfterClose() throws {
    try #require(
      FileManager.default.fileExists(atPath: Self.generator.path), "the generator is missing")
    let generated = try Self.generate(accounts: 200, seed: 3)
    defer { try? FileManager.default.removeItem(at: generated.folder) }
    let root = try Shell.run(
      "/usr/bin/env", ["git", "-C", generated.folder.path, "rev-list", "--max-parents=0", "HEAD"]
    )
    .checked().trimmingCharacters(in: .whitespacesAndNewlines)
    let report = try Validator.run(
      ValidationRequest(
        repositoryPath: generated.folder.path, source: .worktree, useCache: false,
        range: "\(root)..HEAD"))
    let removed = report.diagnostics.filter { $0.ruleID == .commitmentRemoved }
    let expected = Set((generated.truth["deleted_after_close"]?.items ?? []).compactMap(\.string))
    #expect(expected.count > 3)
    #expect(expected.isSubset(of: Set(removed.compactMap(\.account))))
    #expect(removed.allSatisfy { $0.commit?.count == 40 && $0.path.hasSuffix("/commitments.yaml") })
    let byAccount = try #require(generated.truth["by_account"]?.entries)
    for entry in byAccount
    where entry.value["defect"]?.string == nil && !expected.contains(entry.key) {
      #expect(
        !report.diagnostics.contains { $0.account == entry.key && $0.severity == .error },
        "\(entry.key)")
    }
    // Each removal is the id the truth file says was deleted.
    for entry in byAccount {
      guard let deleted = entry.value["deleted_after_close"]?.string else { continue }
      #expect(removed.contains { $0.account == entry.key && $0.message.contains("`\(deleted)`") })
    }
  }
}
