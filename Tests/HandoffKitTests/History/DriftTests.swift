import Foundation
import HandoffTestSupport
import Testing

@testable import HandoffKit

@Suite struct DriftTests {
  @Test func countsWhatHappenedSinceClose() throws {
    let repo = try TestRepository()
    try repo.writeAccount(
      "acme", replacing: ["commitments.yaml": Fixtures.commitments(["sso", "training", "onsite"])])
    try repo.writeAccount(
      "open-deal", replacing: ["account.yaml": Fixtures.account(at: "negotiation")])
    try repo.commit("closed")
    let later =
      Fixtures.commitments(["sso", "training", "onsite", "extra"], withdrawn: ["onsite"])
      .replacingOccurrences(
        of: "status: open\n  - id: training", with: "status: delivered\n  - id: training")
      + "    due: 2026-10-01\n"
    try repo.write("accounts/acme/commitments.yaml", later)
    try repo.commit("changes after close")

    let drifts = try Drift.compute(in: Workspace.open(at: repo.path))
    #expect(drifts.map(\.account) == ["acme"])
    let acme = try #require(drifts.first)
    #expect(acme.added == ["extra"])
    #expect(acme.withdrawn == ["onsite"])
    #expect(acme.delivered == ["sso"])
    #expect(acme.missed.isEmpty)
    let json = try JSONReader.parse(DriftRenderer(format: .json).render(drifts))
    #expect(json["totals"]?["added_after_close"]?.number == 1)
  }

  @Test func redatedPromisesSayByHowManyDays() {
    let before = YAMLLoader.load("- {id: a, due: 2026-08-25, status: open}\n").root?.items ?? []
    let after = YAMLLoader.load("- {id: a, due: 2026-09-10, status: missed}\n").root?.items ?? []
    let drift = Drift.drift("x", before: before, after: after)
    #expect(drift.redated.first?.days == 16)
    #expect(drift.missed == ["a"])
  }

  @Test func matchesTheGeneratorsAddedAfterClose() throws {
    try #require(FileManager.default.fileExists(atPath: GeneratedRepositoryTests.generator.path))
    let generated = try GeneratedRepositoryTests.generate(accounts: 150, seed: 5)
    defer { try? FileManager.default.removeItem(at: generated.folder) }
    let drifts = Dictionary(
      uniqueKeysWithValues: try Drift.compute(in: Workspace.open(at: generated.folder.path)).map {
        ($0.account, $0)
      })
    for entry in try #require(generated.truth["by_account"]?.entries) {
      #expect(
        Double(drifts[entry.key]?.added.count ?? 0) == entry.value["added_after_close"]?.number,
        "\(entry.key)")
    }
  }
}
