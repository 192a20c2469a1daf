import Foundation
import HandoffKit
import HandoffTestSupport
import Testing

@Suite struct DueCommandTests {
  /// acme closed 2026-08-14 with no intro meeting and a promise due 2026-09-25.
  static func sample() throws -> TestRepository {
    let repo = try TestRepository()
    try repo.writeAccount("acme")
    try repo.writeAccount("beta", replacing: ["account.yaml": Fixtures.account(at: "negotiation")])
    try repo.commit("two accounts")
    return repo
  }

  func handoff(_ arguments: [String], in repo: TestRepository) throws -> Shell.Result {
    try Shell.run(ValidateCommandTests.binary, arguments, directory: repo.path)
  }

  @Test func theQueueDependsOnlyOnTheRecordAndTheDay() throws {
    let repo = try Self.sample()
    let first = try handoff(["due", "--as-of", "2026-09-20", "--format", "json"], in: repo)
    #expect(first.status == 0)
    let document = try JSONReader.parse(first.stdout)
    #expect(document["version"]?.number == 1)
    let items = document["items"]?.items ?? []
    #expect(
      items.compactMap { $0["kind"]?.string }.sorted() == [
        "commitment", "effort-survey", "intro-meeting", "kickoff",
      ])
    #expect(items.allSatisfy { $0["account"]?.string == "acme" })
    // The second run answers from the cache; --no-cache reads everything afresh.
    #expect(
      try handoff(["due", "--as-of", "2026-09-20", "--format", "json"], in: repo).stdout
        == first.stdout)
    #expect(
      try handoff(["due", "--as-of", "2026-09-20", "--format", "json", "--no-cache"], in: repo)
        .stdout == first.stdout)
    #expect(FileManager.default.fileExists(atPath: repo.path + "/.git/handoff/due-v1.bin"))
    let text = try handoff(["due", "--as-of", "2026-09-20"], in: repo)
    #expect(text.stdout.contains("jane.doe\n"))  // no CSM yet: the sales owner
    #expect(text.stdout.contains("acme: commitment due: Clever SSO live before the first day of"))
    let nobody = try handoff(["due", "--as-of", "2026-09-20", "--owner", "raj.patel"], in: repo)
    #expect(nobody.stdout.hasPrefix("0 items due for raj.patel"))
    let markdown = try handoff(["due", "--as-of", "2026-09-20", "--format", "markdown"], in: repo)
    #expect(markdown.stdout.hasPrefix("# Due\n") && markdown.stdout.contains("| --- |"))
  }

  @Test(
    .enabled(
      if: ICalendarParser.python != nil || ICalendarParser.required,
      "no python3-icalendar; `make test` installs it"))
  func theCalendarParsesWithARealICalendarParser() throws {
    let python = try #require(
      ICalendarParser.python, "HANDOFF_REQUIRE_ICAL is set but python3-icalendar is missing")
    let repo = try Self.sample()
    let file = repo.root.appendingPathComponent("due.ics").path
    let run = try handoff(
      ["due", "--as-of", "2026-09-20", "--format", "ics", "--out", file], in: repo)
    #expect(run.status == 0)
    let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(text.hasPrefix("BEGIN:VCALENDAR\r\n") && text.hasSuffix("END:VCALENDAR\r\n"))
    #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    #expect(text.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 75 })
    let script = """
      import icalendar, sys
      calendar = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
      for event in calendar.walk('VEVENT'):
          print(event['UID'], event['DTSTART'].dt.isoformat(), event['SUMMARY'], sep='\\t')
      """
    let parsed = try Shell.run(python, ["-c", script, file]).checked()
    let events = parsed.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
    #expect(events.count == 4)
    #expect(Set(events.map { $0[0] }).count == 4)
    let commitment = try #require(events.first { $0[0].hasPrefix("commitment-acme-") })
    #expect(commitment[1] == "2026-09-25")
    #expect(commitment[2] == "acme: commitment due: Clever SSO live before the first day of …")
    // The same obligation keeps its UID when its date moves.
    try repo.write(
      "accounts/acme/commitments.yaml",
      Fixtures.commitments.replacingOccurrences(of: "2026-09-25", with: "2026-09-28"))
    _ = try handoff(["due", "--as-of", "2026-09-20", "--format", "ics", "--out", file], in: repo)
    let moved = try Shell.run(python, ["-c", script, file]).checked()
    #expect(moved.contains("\(commitment[0])\t2026-09-28\t"))
  }

  @Test func badArgumentsAreExitTwoWithOneLine() throws {
    let repo = try Self.sample()
    for arguments in [
      ["due", "--as-of", "2026-02-30"], ["due", "--within", "-1"], ["due", "--format", "pdf"],
    ] {
      let run = try handoff(arguments, in: repo)
      #expect(run.status == 2, "\(arguments)")
      #expect(run.stderr.split(separator: "\n").count == 1, "\(arguments)")
    }
  }
}

enum ICalendarParser {
  /// Debian's python3 with python3-icalendar (a pyenv python on PATH may lack it).
  static let python: String? = ["/usr/bin/python3", "/usr/local/bin/python3"].first { path in
    FileManager.default.isExecutableFile(atPath: path)
      && (try? Shell.run(path, ["-c", "import icalendar"]).status) == 0
  }
  static let required = ProcessInfo.processInfo.environment["HANDOFF_REQUIRE_ICAL"] == "1"
}
