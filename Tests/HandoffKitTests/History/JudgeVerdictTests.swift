import Foundation
import HandoffTestSupport
import Testing

@testable import HandoffKit

/// Whether an account state has errors is remembered by the state's key (its files' ids and the
/// settings): the judge of completeness takes what `validate` or an earlier walk recorded.
@Suite struct JudgeVerdictTests {
  /// beta closes without `risks.yaml` (an error) and gets it three days later.
  func portfolio() throws -> TestRepository {
    let repo = try PortfolioReportTests.portfolio(upTo: 2)
    try repo.write("accounts/beta/risks.yaml", Fixtures.risks)
    try repo.commit("beta: risks", after: 3 * 86_400)
    return repo
  }

  func report(_ repo: TestRepository, useIndex: Bool) throws -> String {
    PortfolioJSONRenderer().render(
      PortfolioReport(
        try PortfolioScanner.scan(in: Workspace.open(at: repo.path), useIndex: useIndex)))
  }

  func completeWithinADay(_ json: String) throws -> Double? {
    try JSONReader.parse(json)["closed"]?["complete_within_24h"]?.number
  }

  /// The key of `account`'s folder at `revision`, as history computes it.
  func stateKey(of account: String, at revision: String, in repo: TestRepository) throws -> OID? {
    let workspace = try Workspace.open(at: repo.path)
    let repository = workspace.repository
    let settingsID = try workspace.committedSettings().id
    let store = RecordHistoryStore(repository: repository, accountsDirectory: "accounts")
    let commit = try repository.commit(for: revision)
    let accounts = try #require(
      try store.accountsTree(ofCommitTree: repository.commitInfo(commit).tree))
    let folder = try #require(try repository.entryID(in: accounts, at: account))
    return AccountChecker.key(
      ofHistoryFiles: try store.recordEntries(ofFolder: folder), settingsID: settingsID)
  }

  @Test func aReportWithoutItsHistoryIndexTakesTheVerdictsAndAgreesWithAWalkOfNothing() throws {
    let repo = try portfolio()
    let walked = try report(repo, useIndex: false)
    _ = try report(repo, useIndex: true)
    let repository = try Repository.discover(from: repo.path)
    try FileManager.default.removeItem(at: CloseWalk.file(for: repository))
    #expect(try report(repo, useIndex: true) == walked)
  }

  /// A verdict planted for beta's state at close (it had an error) is what the walk believes:
  /// the store is consulted, by the same key the judge computes.
  @Test func aRecordedVerdictIsTakenInsteadOfAJudgement() throws {
    let repo = try portfolio()
    let walked = try completeWithinADay(report(repo, useIndex: false))
    let key = try #require(try stateKey(of: "beta", at: "HEAD~1", in: repo))
    let store = VerdictStore.open(repository: try Repository.discover(from: repo.path))
    store.record(key, errors: 0)
    store.save()
    let trusted = try completeWithinADay(report(repo, useIndex: true))
    #expect(trusted == walked.map { $0 + 1 })
    // Without caches nothing recorded is read.
    #expect(try completeWithinADay(report(repo, useIndex: false)) == walked)
  }

  /// `--no-cache` is the reference: the report it runs leaves no verdict behind, and a report
  /// with caches records the states it judged.
  @Test func onlyAReportWithCachesRecordsVerdicts() throws {
    let repo = try portfolio()
    let verdicts = repo.path + "/.git/handoff/verdicts-v1.bin"
    _ = try report(repo, useIndex: false)
    #expect(!FileManager.default.fileExists(atPath: verdicts))
    _ = try report(repo, useIndex: true)
    let key = try #require(try stateKey(of: "beta", at: "HEAD~1", in: repo))
    let store = VerdictStore.open(repository: try Repository.discover(from: repo.path))
    #expect(store.errors(for: key).map { $0 > 0 } == true)
  }

  /// History's key of a folder is the key `validate` records under for the same state, so a
  /// report after a validate run does not judge HEAD's states again.
  @Test func historyKeysAStateAsValidateDoes() throws {
    let repo = try portfolio()
    let workspace = try Workspace.open(at: repo.path)
    let snapshot = try Snapshot.open("HEAD", in: workspace.repository)
    let layout = AccountLayout.scan(
      try snapshot.accountItems(under: "accounts", useCache: false), accountsDirectory: "accounts")
    let settingsID = try workspace.committedSettings().id
    #expect(layout.accounts.count == 3)
    for folder in layout.accounts {
      let validateKey = try #require(AccountChecker.key(of: folder, settingsID: settingsID))
      #expect(try stateKey(of: folder.id, at: "HEAD", in: repo) == validateKey)
    }
  }

  /// A record file that is a link makes history's check differ from a snapshot's (history skips
  /// it, a snapshot counts it present): such a state has no key and is always judged.
  @Test func aFolderWithALinkedRecordFileHasNoKey() throws {
    let repo = try portfolio()
    try repo.remove("accounts/beta/risks.yaml")
    let link = repo.path + "/accounts/beta/risks.yaml"
    try FileManager.default.createSymbolicLink(
      atPath: link, withDestinationPath: "../acme/risks.yaml")
    try repo.commit("beta: risks as a link")
    #expect(try stateKey(of: "beta", at: "HEAD", in: repo) == nil)
    #expect(try stateKey(of: "acme", at: "HEAD", in: repo) != nil)
  }
}
