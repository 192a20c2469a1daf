import Foundation
import HandoffTestSupport
import Testing

@testable import HandoffKit

@Suite struct ValidatorTests {
  func validate(
    _ repo: TestRepository, _ source: SnapshotSource = .worktree, accounts: [String] = [],
    cache: Bool = false
  )
    throws -> Report
  {
    try Validator.run(
      ValidationRequest(
        repositoryPath: repo.path, source: source, accounts: accounts, useCache: cache))
  }

  @Test func aCompleteAccountIsClean() throws {
    let repo = try TestRepository()
    try repo.writeAccount("lincoln-usd")
    let report = try validate(repo)
    #expect(report.diagnostics.isEmpty)
    #expect(report.accounts == 1)
    #expect(report.files == 5)
    #expect(report.exitStatus == .clean)
  }

  @Test func aBrokenFileDoesNotHideTheOthers() throws {
    let repo = try TestRepository()
    try repo.writeAccount(
      "acme",
      replacing: ["goals.yaml": "problem: \"open\n", "account.yaml": "name: A\nstage: won\n"])
    try repo.writeAccount("beta", replacing: ["risks.yaml": "\u{0}\u{1}binary"])
    let report = try validate(repo)
    let byFile = Dictionary(grouping: report.diagnostics, by: \.path)
    #expect(byFile["accounts/acme/goals.yaml"]?.map(\.ruleID) == [.yamlSyntax])
    #expect(byFile["accounts/acme/account.yaml"]?.contains { $0.ruleID == .schema } == true)
    #expect(byFile["accounts/beta/risks.yaml"]?.map(\.ruleID) == [.yamlSyntax])
    #expect(report.exitStatus == .findings)
  }

  @Test func strayFilesAreWarnings() throws {
    let repo = try TestRepository()
    try repo.writeAccount("acme")
    try repo.write("accounts/acme/comitments.yaml", "x: 1\n")
    try repo.write("accounts/acme/drafts/old.yaml", "x: 1\n")
    try repo.write("accounts/readme.txt", "hello")
    try repo.write("accounts/acme/notes.md", "# free text: never validated: [\n")
    try repo.write("accounts/.gitkeep", "")
    try repo.write("accounts/.archive/old/account.yaml", "not: valid")
    let report = try validate(repo)
    #expect(
      report.diagnostics.map(\.path) == [
        "accounts/acme/comitments.yaml", "accounts/acme/drafts", "accounts/readme.txt",
      ])
    #expect(
      report.diagnostics.allSatisfy {
        $0.ruleID == .strayFile && $0.severity == .warning && $0.location == nil
      })
    #expect(report.diagnostics[0].message.contains("did you mean `commitments.yaml`?"))
    #expect(report.exitStatus == .clean)
  }

  @Test func badAccountIDsPointAtTheFolder() throws {
    let repo = try TestRepository()
    try repo.writeAccount("Acme_Corp")
    try repo.writeAccount("-leading-dash")
    try repo.writeAccount("good-id-2")
    let report = try validate(repo)
    #expect(report.diagnostics.map(\.path) == ["accounts/-leading-dash", "accounts/Acme_Corp"])
    #expect(report.diagnostics.allSatisfy { $0.ruleID == .badAccountID && $0.location == nil })
  }

  @Test func honoursAccountsDirAndRuleSeverities() throws {
    let repo = try TestRepository()
    try repo.write(
      ".handoff.yaml",
      "accounts_dir: ./customers/\nrules:\n  stray-file: error\n  bad-account-id: off\n")
    try repo.writeAccount("acme", in: "customers")
    try repo.writeAccount("Bad_Id", in: "customers")
    try repo.write("customers/acme/extra.yaml", "x: 1\n")
    try repo.writeAccount("ignored", in: "accounts", replacing: ["account.yaml": "broken: ["])
    let report = try validate(repo)
    #expect(report.diagnostics.map(\.ruleID) == [.strayFile])
    #expect(report.diagnostics.first?.severity == .error)
    #expect(report.accounts == 2)
  }

  @Test(arguments: [
    (settings: "accounts_dir: [a]\n", fragment: "`accounts_dir` must be text", line: 1),
    ("red_flag_threshold: 3\nunknown_setting: 1\n", "unknown key `unknown_setting`", 2),
    ("rules:\n  verbal-promise: warning\n", "unknown rule `verbal-promise`", 2),
    ("rules:\n  stray-file: loud\n", "must be one of error, warning, off", 2),
    ("require_complete_from: won\n", "must be one of", 1),
    ("a: [\n", "closing bracket", 2),
  ])
  func settingsProblemsStopTheRun(settings: String, fragment: String, line: Int) throws {
    let repo = try TestRepository()
    try repo.write(".handoff.yaml", settings)
    try repo.writeAccount("acme")
    let failure = try #require(throws: HandoffError.self) { try validate(repo) }
    guard case .settings(let error) = failure else {
      Issue.record("expected a settings failure, got \(failure)")
      return
    }
    #expect(error.message.contains(fragment), "\(error.message)")
    #expect(error.location?.line == line)
    #expect(failure.description.hasPrefix(".handoff.yaml:\(line):"))
    #expect(failure.description.contains("error[config]"))
  }

  @Test func settingsComeFromTheSnapshotRead() throws {
    let repo = try TestRepository()
    try repo.write(".handoff.yaml", "accounts_dir: customers\n")
    try repo.writeAccount("acme", in: "customers")
    try repo.commit("one")
    try repo.write(".handoff.yaml", "accounts_dir: [broken\n")
    #expect(throws: HandoffError.self) { try validate(repo) }
    #expect(try validate(repo, .revision("HEAD")).accounts == 1)
    #expect(try validate(repo, .index).accounts == 1)
  }

  @Test func namedAccountsOnly() throws {
    let repo = try TestRepository()
    try repo.writeAccount("acme", replacing: ["account.yaml": "name: A\n"])
    try repo.writeAccount("beta")
    #expect(try validate(repo, accounts: ["beta"]).diagnostics.isEmpty)
    #expect(try validate(repo, accounts: ["acme"]).errorCount > 0)
    #expect(throws: HandoffError.self) { try validate(repo, accounts: ["nope"]) }
  }

  @Test func stagedValidationReadsTheIndexNotTheWorkTree() throws {
    let repo = try TestRepository()
    try repo.writeAccount("acme")
    try repo.commit("clean")
    try repo.write("accounts/acme/account.yaml", "name: A\nstage: won\n")
    #expect(try validate(repo, .index).diagnostics.isEmpty)
    #expect(try validate(repo).errorCount > 0)
    try repo.add()
    #expect(try validate(repo, .index).errorCount > 0)
    #expect(try validate(repo, .revision("HEAD")).diagnostics.isEmpty)
  }

  @Test func theCacheNeverChangesTheAnswer() throws {
    let repo = try TestRepository()
    try repo.writeAccount("acme", replacing: ["account.yaml": "name: A\nsegmnet: smb\n"])
    try repo.writeAccount("beta")
    try repo.commit("one")
    let uncached = try validate(repo)
    let cold = try validate(repo, cache: true)
    let warm = try validate(repo, cache: true)
    #expect(cold.diagnostics == uncached.diagnostics)
    #expect(warm.diagnostics == uncached.diagnostics)
    #expect(try validate(repo, .revision("HEAD"), cache: true).diagnostics == uncached.diagnostics)

    // A first small run goes to the journal; garbage in either file is ignored.
    let cacheFile = repo.root.appendingPathComponent(".git/handoff/validate-v1.bin")
    let journalFile = repo.root.appendingPathComponent(".git/handoff/validate-v1.log")
    #expect(FileManager.default.fileExists(atPath: journalFile.path))
    try Data("garbage".utf8).write(to: journalFile)
    #expect(try validate(repo, cache: true).diagnostics == uncached.diagnostics)
    try Data("garbage".utf8).write(to: cacheFile)
    #expect(try validate(repo, cache: true).diagnostics == uncached.diagnostics)
    #expect(try validate(repo, cache: true).diagnostics == uncached.diagnostics)

    // A small change is appended to the journal; a torn batch after it is ignored.
    try repo.write("accounts/beta/goals.yaml", "problem: only\n")
    let changed = try validate(repo)
    #expect(try validate(repo, cache: true).diagnostics == changed.diagnostics)
    let journal = repo.root.appendingPathComponent(".git/handoff/validate-v1.log")
    #expect(FileManager.default.fileExists(atPath: journal.path))
    let handle = try FileHandle(forWritingTo: journal)
    try handle.seekToEnd()
    try handle.write(contentsOf: Data("HJ1\ntorn batch".utf8))
    try handle.close()
    #expect(try validate(repo, cache: true).diagnostics == changed.diagnostics)
    #expect(try validate(repo, cache: true).diagnostics == changed.diagnostics)

    // The damage is repaired by the next run: the journal is folded into a rewritten main file,
    // so what later runs add is read back, and re-running an unchanged tree writes nothing.
    #expect(!FileManager.default.fileExists(atPath: journal.path))
    try repo.write("accounts/beta/goals.yaml", "problem: changed again\n")
    let again = try validate(repo)
    #expect(try validate(repo, cache: true).diagnostics == again.diagnostics)
    let size = try FileManager.default.attributesOfItem(atPath: journal.path)[.size] as? Int
    for _ in 0..<3 { #expect(try validate(repo, cache: true).diagnostics == again.diagnostics) }
    #expect(try FileManager.default.attributesOfItem(atPath: journal.path)[.size] as? Int == size)
  }

  @Test func aBareRepositoryNeedsARevision() throws {
    let source = try TestRepository()
    try source.writeAccount("acme")
    try source.commit("one")
    let bare = FileManager.default.temporaryDirectory.appendingPathComponent(
      "bare-\(UUID().uuidString).git")
    defer { try? FileManager.default.removeItem(at: bare) }
    try source.git(["clone", "-q", "--bare", source.path, bare.path])
    let failure = try #require(throws: HandoffError.self) {
      try Validator.run(
        ValidationRequest(repositoryPath: bare.path, source: .worktree, useCache: false))
    }
    #expect(failure.description.contains("bare"))
    let report = try Validator.run(
      ValidationRequest(repositoryPath: bare.path, source: .revision("HEAD"), useCache: false))
    #expect(report.accounts == 1)
  }
}
