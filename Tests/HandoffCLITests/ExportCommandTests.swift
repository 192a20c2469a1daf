import Foundation
import HandoffKit
import HandoffTestSupport
import Testing

@Suite struct ExportCommandTests {
  func handoff(_ arguments: [String], in repo: TestRepository) throws -> Shell.Result {
    try Shell.run(ValidateCommandTests.binary, arguments, directory: repo.path)
  }

  /// acme closes with one promise, gains a second, delivers the first, then withdraws nothing
  /// and removes the second (a defect, which the event table shows); beta has an error.
  static func history() throws -> TestRepository {
    let repo = try TestRepository()
    try repo.writeAccount("acme")
    try repo.writeAccount(
      "beta",
      replacing: [
        "account.yaml": Fixtures.account.replacingOccurrences(
          of: "segment: enterprise", with: "segment: huge")
      ])
    try repo.commit("two accounts")
    try repo.write(
      "accounts/acme/commitments.yaml",
      Fixtures.commitments
        + Fixtures.commitments(["extra"]).replacingOccurrences(of: "commitments:\n", with: ""))
    try repo.commit("acme: one more promise")
    try repo.write(
      "accounts/acme/commitments.yaml",
      (Fixtures.commitments
        + Fixtures.commitments(["extra"]).replacingOccurrences(of: "commitments:\n", with: ""))
        .replacingOccurrences(
          of: "status: open\n\n  - id: extra", with: "status: delivered\n\n  - id: extra"))
    try repo.commit("acme: SSO delivered")
    try repo.write(
      "accounts/acme/commitments.yaml",
      Fixtures.commitments.replacingOccurrences(of: "status: open", with: "status: delivered"))
    try repo.commit("acme: extra dropped")
    return repo
  }

  func rows(_ repo: TestRepository, _ table: String) throws -> CSVRows {
    try CSVRows(String(contentsOfFile: repo.path + "/out/\(table).csv", encoding: .utf8))
  }

  @Test func tablesMatchValidateAndAudit() throws {
    let repo = try Self.history()
    let run = try handoff(["export", "--out", "out"], in: repo)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("wrote out/accounts.csv (2 rows)"))
    let accounts = try rows(repo, "accounts")
    #expect(accounts.header.first == "account" && accounts.header.contains("completeness"))
    #expect(accounts.column("account") == ["acme", "beta"])
    // Errors as validate --rev HEAD counts them.
    let validate = try JSONReader.parse(
      try handoff(["validate", "--rev", "HEAD", "--format", "json"], in: repo).stdout)
    let errors = (validate["diagnostics"]?.items ?? []).filter { $0["severity"]?.string == "error" }
    #expect(!errors.isEmpty)
    for account in ["acme", "beta"] {
      let expected = errors.count { $0["account"]?.string == account }
      #expect(
        accounts.value("errors", where: "account", is: account) == String(expected), "\(account)")
    }
    // Checklist and red flags as audit has them.
    let audit = try JSONReader.parse(
      try handoff(["audit", "--rev", "HEAD", "--format", "json"], in: repo).stdout)
    let audits = audit["accounts"]?.items ?? []
    #expect(audits.count == 2)
    #expect(
      try rows(repo, "checklist").rows.count
        == audits.reduce(0) { $0 + ($1["items"]?.items?.count ?? 0) })
    #expect(
      try rows(repo, "red_flags").rows.count
        == audits.reduce(0) { $0 + ($1["red_flags"]?.items?.count ?? 0) })
    #expect(try rows(repo, "commitments").rows.count == 2)  // acme's one, beta's one
    #expect(try rows(repo, "stakeholders").rows.count == 4)
  }

  /// An exported file someone edited is kept as FILE.bak when the next export replaces it; an
  /// export that writes the same bytes again keeps nothing.
  @Test func anEditedExportIsKeptBeforeItIsReplaced() throws {
    let repo = try Self.history()
    _ = try handoff(["export", "--out", "out"], in: repo)
    let path = repo.path + "/out/accounts.csv"
    let exported = try String(contentsOfFile: path, encoding: .utf8)
    _ = try handoff(["export", "--out", "out"], in: repo)
    #expect(!FileManager.default.fileExists(atPath: path + ".bak"))
    try "my own notes\n".write(toFile: path, atomically: true, encoding: .utf8)
    let run = try handoff(["export", "--out", "out"], in: repo)
    #expect(run.status == 0)
    #expect(try String(contentsOfFile: path + ".bak", encoding: .utf8) == "my own notes\n")
    #expect(try String(contentsOfFile: path, encoding: .utf8) == exported)
  }

  /// A folder that cannot be made is one line naming the file and the system's reason.
  @Test func anUnwritableFolderIsOneLineWithTheReason() throws {
    let repo = try Self.history()
    try repo.write("blocker", "a file where the export folder would go\n")
    let run = try handoff(["export", "--out", "blocker/out"], in: repo)
    #expect(run.status == 2)
    #expect(run.stderr == "error: could not write blocker: Not a directory\n", "\(run.stderr)")
    #expect(run.stderr.split(separator: "\n").count == 1)
  }

  @Test func commitmentEventsFollowTheHistory() throws {
    let repo = try Self.history()
    _ = try handoff(["export", "--out", "out"], in: repo)
    let events = try rows(repo, "commitment_events")
    let acme = events.rows.filter { $0[0] == "acme" }.map { [$0[1], $0[5], $0[6], $0[7]] }
    #expect(
      acme == [
        ["clever-sso", "added", "", "open"], ["extra", "added", "", "open"],
        ["clever-sso", "changed", "status", "delivered"],
        ["extra", "removed", "", ""],
      ])
    // From the events cache, and after another commit, the same rows plus the new one.
    try repo.write(
      "accounts/beta/commitments.yaml",
      Fixtures.commitments.replacingOccurrences(of: "2026-09-25", with: "2026-10-01"))
    try repo.commit("beta: SSO later")
    _ = try handoff(["export", "--out", "out"], in: repo)
    let cached = try rows(repo, "commitment_events")
    _ = try handoff(["export", "--out", "fresh", "--no-cache"], in: repo)
    let fresh = try CSVRows(
      String(contentsOfFile: repo.path + "/fresh/commitment_events.csv", encoding: .utf8))
    #expect(cached.rows == fresh.rows)
    #expect(cached.rows.last.map { [$0[0], $0[5], $0[6]] } == ["beta", "changed", "due"])
  }

  @Test func theCacheGivesTheSameBytes() throws {
    let repo = try Self.history()
    for format in ["csv", "jsonl"] {
      _ = try handoff(["export", "--format", format, "--out", "first"], in: repo)
      _ = try handoff(["export", "--format", format, "--out", "cached"], in: repo)
      _ = try handoff(["export", "--format", format, "--out", "fresh", "--no-cache"], in: repo)
      for table in [
        "accounts", "commitments", "stakeholders", "red_flags", "checklist", "commitment_events",
      ] {
        let name = "\(table).\(format)"
        let first = try Data(contentsOf: repo.root.appendingPathComponent("first/\(name)"))
        #expect(
          try Data(contentsOf: repo.root.appendingPathComponent("cached/\(name)")) == first,
          "\(name)")
        #expect(
          try Data(contentsOf: repo.root.appendingPathComponent("fresh/\(name)")) == first,
          "\(name)")
      }
    }
  }

  @Test func jsonLinesCarryTypedValues() throws {
    let repo = try Self.history()
    _ = try handoff(["export", "--format", "jsonl", "--out", "out"], in: repo)
    let lines = try String(contentsOfFile: repo.path + "/out/accounts.jsonl", encoding: .utf8)
      .split(separator: "\n")
    #expect(lines.count == 2)
    let first = try JSONReader.parse(String(lines[0]))
    #expect(first["account"]?.string == "acme")
    #expect(first["arr"]?.number == 84000)
    #expect(first["mitigation_plan"]?.bool == false)
    #expect(first["success_owner"].map { if case .null = $0.value { true } else { false } } == true)
  }
}

/// A CSV file read back with the project's reader, for assertions.
struct CSVRows {
  var header: [String]
  var rows: [[String]]

  init(_ text: String) throws {
    var lines: [[String]] = []
    // The project's own reader is internal; the files are simple enough to split here, and a
    // quoted field is checked by the import tests instead.
    for line in text.components(separatedBy: "\r\n") where !line.isEmpty {
      lines.append(line.components(separatedBy: ","))
    }
    header = lines.first ?? []
    rows = Array(lines.dropFirst())
  }

  func column(_ name: String) -> [String] {
    guard let index = header.firstIndex(of: name) else { return [] }
    return rows.map { $0[index] }
  }

  func value(_ name: String, where key: String, is value: String) -> String? {
    guard let index = header.firstIndex(of: name), let keyIndex = header.firstIndex(of: key) else {
      return nil
    }
    return rows.first { $0[keyIndex] == value }?[index]
  }
}
