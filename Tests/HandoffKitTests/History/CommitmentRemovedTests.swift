import Foundation
import HandoffTestSupport
import Testing

@testable import HandoffKit

@Suite struct CommitmentRemovedTests {
  static func commitments(_ ids: [String], withdrawn: Set<String> = []) -> String {
    Fixtures.commitments(ids, withdrawn: withdrawn)
  }

  func validate(_ repo: TestRepository, _ source: SnapshotSource = .index, range: String? = nil)
    throws -> [Diagnostic]
  {
    try Validator.run(
      ValidationRequest(repositoryPath: repo.path, source: source, useCache: false, range: range)
    )
    .diagnostics.filter { $0.ruleID == .commitmentRemoved }
  }

  @Test func aStagedRemovalAfterCloseIsReportedAndAWithdrawalIsNot() throws {
    let repo = try TestRepository()
    try repo.writeAccount(
      "acme", replacing: ["commitments.yaml": Self.commitments(["sso", "training"])])
    try repo.commit("closed")
    try repo.write("accounts/acme/commitments.yaml", Self.commitments(["sso"]))
    try repo.add()
    let found = try validate(repo)
    #expect(found.map(\.message).first?.contains("`training`") == true)
    #expect(found.first?.path == "accounts/acme/commitments.yaml")
    #expect(found.first?.location == SourceLocation(line: 1, column: 1))
    #expect(found.first?.commit == nil)

    try repo.write(
      "accounts/acme/commitments.yaml",
      Self.commitments(["sso", "training"], withdrawn: ["training"]))
    try repo.add()
    #expect(try validate(repo).isEmpty)
  }

  @Test func renamingAnIdCountsAsRemoval() throws {
    let repo = try TestRepository()
    try repo.writeAccount("acme", replacing: ["commitments.yaml": Self.commitments(["sso"])])
    try repo.commit("closed")
    try repo.write("accounts/acme/commitments.yaml", Self.commitments(["single-sign-on"]))
    try repo.add()
    #expect(try validate(repo).map(\.message).first?.contains("`sso`") == true)
  }

  @Test func beforeCloseRemovingIsFine() throws {
    let repo = try TestRepository()
    try repo.writeAccount(
      "acme",
      replacing: [
        "account.yaml": Fixtures.account(at: "negotiation"),
        "commitments.yaml": Self.commitments(["sso", "training"]),
      ])
    try repo.commit("negotiating")
    try repo.write("accounts/acme/commitments.yaml", Self.commitments(["sso"]))
    try repo.add()
    #expect(try validate(repo).isEmpty)
  }

  @Test func aDeletedFileOrFolderHasNoLine() throws {
    let repo = try TestRepository()
    try repo.writeAccount("acme", replacing: ["commitments.yaml": Self.commitments(["sso"])])
    try repo.writeAccount("beta", replacing: ["commitments.yaml": Self.commitments(["onsite"])])
    try repo.commit("closed")
    try repo.remove("accounts/acme/commitments.yaml")
    try repo.remove("accounts/beta")
    try repo.add()
    let found = try validate(repo)
    #expect(Set(found.map(\.account)) == ["acme", "beta"])
    #expect(found.allSatisfy { $0.location == nil })
  }

  @Test func aRangeReportsEachRemovalOnceWithItsCommitEvenIfRestoredLater() throws {
    let (repo, base) = try Self.negotiatingWithADraft()
    try repo.write("accounts/acme/commitments.yaml", Self.commitments(["sso", "training"]))
    try repo.commit("drop a draft before close: fine")
    try repo.write("accounts/acme/account.yaml", Fixtures.account)
    try repo.commit("closed")
    try repo.write("accounts/acme/account.yaml", Fixtures.account(at: "negotiation"))
    try repo.commit("stage moved back: still closed")
    try repo.write("accounts/acme/commitments.yaml", Self.commitments(["sso"]))
    let removing = try repo.commit("drop training")
    try repo.write("accounts/acme/commitments.yaml", Self.commitments(["sso", "training"]))
    try repo.commit("restore")
    let found = try validate(repo, .worktree, range: "\(base)..HEAD")
    #expect(found.count == 1)
    #expect(found.first?.commit == removing)
    #expect(found.first?.message.contains("`training`") == true)
    #expect(try validate(repo, .worktree, range: "\(removing)..HEAD").isEmpty)
  }

  @Test func changesOnAMergedBranchAreSeen() throws {
    let repo = try TestRepository()
    try repo.writeAccount(
      "acme", replacing: ["commitments.yaml": Self.commitments(["sso", "training"])])
    let base = try repo.commit("closed")
    try repo.git(["checkout", "-q", "-b", "topic"])
    try repo.write("accounts/acme/commitments.yaml", Self.commitments(["sso"]))
    let removing = try repo.commit("drop training on a branch")
    try repo.git(["checkout", "-q", "main"])
    try repo.write(
      "accounts/other/account.yaml", "name: O\nstage: prospect\nsegment: smb\nowners: {sales: a}\n")
    try repo.commit("unrelated")
    try repo.git(["merge", "-q", "--no-ff", "-m", "merge topic", "topic"])
    let found = try validate(repo, .worktree, range: "\(base)..HEAD")
    #expect(found.map(\.commit).contains(removing))
  }
}

extension CommitmentRemovedTests {
  @Test func theClosingCommitItselfMayStillDropADraft() throws {
    let (repo, base) = try Self.negotiatingWithADraft()
    try repo.write("accounts/acme/account.yaml", Fixtures.account)
    try repo.write("accounts/acme/commitments.yaml", Self.commitments(["sso"]))
    try repo.commit("closed, without the draft")
    #expect(try validate(repo, .worktree, range: "\(base)..HEAD").isEmpty)
  }

  /// A repository where `acme` is in negotiation with promises `draft` and `sso`, and the id of
  /// the commit before it.
  static func negotiatingWithADraft() throws -> (TestRepository, String) {
    let repo = try TestRepository()
    try repo.write(".handoff.yaml", "accounts_dir: accounts\n")
    let base = try repo.commit("start")
    try repo.writeAccount(
      "acme",
      replacing: [
        "account.yaml": Fixtures.account(at: "negotiation"),
        "commitments.yaml": Self.commitments(["draft", "sso"]),
      ])
    try repo.commit("negotiating")
    return (repo, base)
  }
}

/// `--staged` decides "closed" by history, as `--range` does.
extension CommitmentRemovedTests {
  @Test func aStagedCommitThatClosesTheAccountMayDropADraft() throws {
    let (repo, _) = try Self.negotiatingWithADraft()
    try repo.write("accounts/acme/account.yaml", Fixtures.account)
    try repo.write("accounts/acme/commitments.yaml", Self.commitments(["sso"]))
    try repo.add()
    #expect(try validate(repo).isEmpty, "the closing commit itself is no removal")
  }

  @Test func anAccountMovedBackBeforeHeadKeepsItsPromises() throws {
    let repo = try TestRepository()
    try repo.writeAccount(
      "acme", replacing: ["commitments.yaml": Self.commitments(["sso", "training"])])
    try repo.commit("closed")
    try repo.write("accounts/acme/account.yaml", Fixtures.account(at: "negotiation"))
    try repo.commit("moved back by mistake")
    try repo.write("accounts/acme/commitments.yaml", Self.commitments(["sso"]))
    try repo.add()
    let found = try validate(repo)
    #expect(found.count == 1)
    #expect(found.first?.message.contains("`training`") == true)
  }
}
