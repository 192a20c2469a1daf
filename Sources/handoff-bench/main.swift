import Foundation

// The benchmark behind `make bench`: builds nothing itself (run it with `swift run -c release
// handoff-bench`), generates a repository once with the project's scripts/gen-repo.py into a
// cache folder, times whole runs of the release `handoff` binary, and compares every figure
// with the previous run's.

struct Options {
  var cache = FileManager.default.homeDirectoryForCurrentUser
    .appendingPathComponent(".cache/handoff-bench").path
  var accounts = 10_000
  var runs = 5
  /// Also time whole-history walks without the index (once each: they take long).
  var cold = false

  init(_ arguments: [String]) {
    var rest = arguments.dropFirst()
    while let argument = rest.popFirst() {
      switch argument {
      case "--cache": cache = rest.popFirst() ?? cache
      case "--accounts": accounts = rest.popFirst().flatMap(Int.init) ?? accounts
      case "--runs": runs = rest.popFirst().flatMap(Int.init) ?? runs
      case "--quick": accounts = 1_000
      case "--cold": cold = true
      default:
        print("usage: handoff-bench [--cache DIR] [--accounts N] [--runs N] [--quick] [--cold]")
        exit(2)
      }
    }
  }
}

struct Scenario {
  var name: String
  var target: Double?
  var arguments: [String]
  var prepare: (Int) throws -> Void = { _ in }
  /// A reference timed in the same rounds (git itself), and the most our time may be of it.
  var reference: (name: String, executable: String, arguments: [String], ratio: Double?)? = nil
}

/// Runs a program with its output discarded and waits for it with `waitpid`: Foundation's
/// `Process` polls for the exit and would add tens of milliseconds to every figure. With
/// `traceTo`, the program runs with `HANDOFF_TRACE=1` and its standard error goes to that
/// file.
@discardableResult
func run(
  _ executable: String, _ arguments: [String], in directory: String? = nil,
  traceTo trace: String? = nil
) throws -> Int32 {
  let previous = FileManager.default.currentDirectoryPath
  if let directory { _ = FileManager.default.changeCurrentDirectoryPath(directory) }
  defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
  posix_spawn_file_actions_addopen(
    &actions, 2, trace ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
  let argv = ([executable] + arguments).map { strdup($0) } + [nil]
  defer { for argument in argv { free(argument) } }
  // A traced run's environment is made anew; a timed one is handed this process's as it is.
  var tracedEnvironment: [UnsafeMutablePointer<CChar>?] = []
  if trace != nil {
    var variables = ProcessInfo.processInfo.environment
    variables["HANDOFF_TRACE"] = "1"
    tracedEnvironment = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
  }
  defer { for variable in tracedEnvironment { free(variable) } }
  var pid = pid_t()
  let spawned = tracedEnvironment.withUnsafeMutableBufferPointer { traced in
    posix_spawn(
      &pid, executable, &actions, nil, argv, trace == nil ? environ : traced.baseAddress!)
  }
  guard spawned == 0 else {
    throw CocoaError(.fileReadNoSuchFile)
  }
  var status: Int32 = 0
  var usage = rusage()
  wait4(pid, &status, 0, &usage)
  lastPeakMemory = Int(usage.ru_maxrss) * 1024
  return (status >> 8) & 0xFF
}

/// The peak resident memory of the program `run` ran last, in bytes.
nonisolated(unsafe) var lastPeakMemory = 0

/// What `HANDOFF_TRACE=1` printed of a cold history walk: its phases' wall times, the commits
/// walked, and the KiB of whole accounts trees inflated.
struct ColdTrace {
  var phases: [(name: String, time: Double)] = []
  var commits = 0
  var wholeKiB = 0

  init(_ text: String) {
    for line in text.split(separator: "\n") where line.hasPrefix("trace: history: ") {
      let body = line.dropFirst("trace: history: ".count)
      if body.hasPrefix("trees "), let open = body.firstIndex(of: "("),
        let kib = Int(body[body.index(after: open)...].prefix { $0.isNumber })
      {
        wholeKiB += kib
        continue
      }
      // "first-parent chain of 95781 commits: 749.0 ms, cpu ...": the counts left out of the
      // name, so the two repositories' phases pair up.
      guard let colon = body.range(of: ": "),
        let time = Double(body[colon.upperBound...].prefix { $0.isNumber || $0 == "." })
      else { continue }
      let words = body[..<colon.lowerBound].split(separator: " ")
      if body.hasPrefix("first-parent chain of "), words.count > 3, let count = Int(words[3]) {
        commits = count
      }
      phases.append((words.filter { Int($0) == nil }.joined(separator: " "), time / 1000))
    }
  }
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
  let start = DispatchTime.now().uptimeNanoseconds
  try body()
  return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func format(_ value: Double) -> String {
  value < 1 ? String(format: "%.0f ms", value * 1000) : String(format: "%.2f s", value)
}

let options = Options(CommandLine.arguments)
let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()
let generator = projectRoot.appendingPathComponent("scripts/gen-repo.py")
let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
  .appendingPathComponent("handoff").path
let repository = URL(fileURLWithPath: options.cache).appendingPathComponent(
  "repo-\(options.accounts)"
).path
let historyIndex = repository + "/.git/handoff/history-v5.bin"
let resultsFile = URL(fileURLWithPath: options.cache).appendingPathComponent(
  "results-\(options.accounts).json")

guard FileManager.default.isExecutableFile(atPath: binary) else {
  print("error: \(binary) is missing; run `swift build -c release` first")
  exit(2)
}
if !FileManager.default.fileExists(atPath: repository + "/.git") {
  print(
    "generating \(options.accounts) accounts into \(repository) (10,000 take about 10 minutes, "
      + "once)"
  )
  try FileManager.default.createDirectory(atPath: options.cache, withIntermediateDirectories: true)
  try? FileManager.default.removeItem(atPath: repository)
  let status = try run(
    "/usr/bin/env",
    [
      "python3", generator.path, "--accounts", "\(options.accounts)", "--out", repository,
      "--truth", repository + ".json",
    ])
  guard status == 0 else {
    print("error: the generator failed (exit \(status))")
    exit(2)
  }
}

// One account whose file is changed and staged before each `--staged` run, differently each
// time, so its blob is never in the result cache: a realistic pre-commit check.
let changedFile =
  try FileManager.default.contentsOfDirectory(atPath: repository + "/accounts")
  .sorted().first.map { "accounts/\($0)/account.yaml" } ?? "accounts/none/account.yaml"
let original = try Data(contentsOf: URL(fileURLWithPath: repository + "/" + changedFile))
func stageChange(_ round: Int) throws {
  var changed = original
  changed.append(contentsOf: Array("# bench edit \(round) \(UUID().uuidString)\n".utf8))
  try changed.write(to: URL(fileURLWithPath: repository + "/" + changedFile))
  try run("/usr/bin/env", ["git", "-C", repository, "add", changedFile])
}
func restore() throws {
  try original.write(to: URL(fileURLWithPath: repository + "/" + changedFile))
  try run("/usr/bin/env", ["git", "-C", repository, "add", changedFile])
}

/// A pre-commit check as a team's day goes: the change checked in the previous round is
/// committed first (the hook already judged it), then another account's file is staged.
let originalHead = try String(contentsOfFile: repository + "/.git/refs/heads/main", encoding: .utf8)
  .trimmingCharacters(in: .whitespacesAndNewlines)
let otherFile =
  try FileManager.default.contentsOfDirectory(atPath: repository + "/accounts").sorted()
  .dropFirst(1).first.map { "accounts/\($0)/account.yaml" } ?? changedFile
func commitThenStage(_ round: Int) throws {
  if round > 0 {
    try run(
      "/usr/bin/env",
      [
        "git", "-C", repository, "-c", "user.name=bench", "-c", "user.email=bench@example.com",
        "commit", "-q", "--no-verify", "-m", "bench round \(round)",
      ])
  }
  let file = round % 2 == 0 ? changedFile : otherFile
  var changed = try Data(contentsOf: URL(fileURLWithPath: repository + "/" + file))
  changed.append(contentsOf: Array("# bench edit \(round) \(UUID().uuidString)\n".utf8))
  try changed.write(to: URL(fileURLWithPath: repository + "/" + file))
  try run("/usr/bin/env", ["git", "-C", repository, "add", file])
}
/// Puts the repository back at the commit it was generated with, work tree included.
func resetToOriginal() throws {
  try run("/usr/bin/env", ["git", "-C", repository, "reset", "-q", "--hard", originalHead])
}

// Globals used inside the scenario lists must be declared before them.
let exportOut = URL(fileURLWithPath: options.cache).appendingPathComponent("export-out").path
let firstAccount = changedFile.split(separator: "/").dropFirst().first.map(String.init) ?? "none"
let scenarios = [
  Scenario(
    name: "validate work tree, no cache", target: nil, arguments: ["validate", "--no-cache"]),
  Scenario(name: "validate work tree", target: 1.0, arguments: ["validate"]),
  Scenario(name: "validate --rev HEAD", target: nil, arguments: ["validate", "--rev", "HEAD"]),
  Scenario(
    name: "validate --staged, one account changed", target: 0.05,
    arguments: ["validate", "--staged"],
    prepare: stageChange,
    reference: ("git diff --cached --quiet", "/usr/bin/git", ["diff", "--cached", "--quiet"], 2.0)),
  Scenario(
    name: "validate --staged, after the last commit's check", target: 0.05,
    arguments: ["validate", "--staged"],
    prepare: commitThenStage,
    reference: (
      "git diff --cached --quiet, same rounds", "/usr/bin/git", ["diff", "--cached", "--quiet"], 2.0
    )),
  Scenario(
    name: "validate --range, one commit", target: nil,
    arguments: ["validate", "--range", "HEAD~1..HEAD"]),
  Scenario(
    name: "at-close, history index warm", target: 0.5, arguments: ["at-close", "--format", "json"]),
  Scenario(
    name: "show ACCOUNT --at close, warm", target: 0.3,
    arguments: ["show", firstAccount, "--at", "close"]),
  Scenario(name: "audit, every account", target: nil, arguments: ["audit", "--format", "json"]),
  Scenario(
    name: "report --format json, warm", target: 5.0, arguments: ["report", "--format", "json"]),
  Scenario(
    name: "report --format html, warm", target: 5.0, arguments: ["report", "--format", "html"]),
  // A fixed day, so every run lists the same items.
  Scenario(
    name: "due, every account, warm", target: 1.0, arguments: ["due", "--as-of", "2026-12-01"]),
  Scenario(
    name: "due --format json, warm", target: nil,
    arguments: ["due", "--as-of", "2026-12-01", "--format", "json"]),
  Scenario(
    name: "export --format csv, warm", target: 3.0, arguments: ["export", "--out", exportOut]),
]
// Review: a pull request's comment over the last 50 commits, one account's blame, and the
// merge driver on a file of 200 commitments that both sides edited (different fields).
let mergeFolder = URL(fileURLWithPath: options.cache).appendingPathComponent("merge").path
try FileManager.default.createDirectory(atPath: mergeFolder, withIntermediateDirectories: true)
func commitmentsFile(_ edit: (Int, inout [String: String]) -> Void) -> String {
  var text = "commitments:\n"
  for index in 0..<200 {
    var fields = [
      "promise": "Promise number \(index)", "kind": "integration", "source": "call",
      "in_contract": "false",
      "made_by": "jane.doe", "owner": "success", "due": "2026-09-15", "status": "open",
    ]
    edit(index, &fields)
    text += "  # commitment \(index)\n  - id: c\(index)\n"
    for key in ["promise", "kind", "source", "in_contract", "made_by", "owner", "due", "status"] {
      text += "    \(key): \(fields[key]!)\n"
    }
  }
  return text
}
try commitmentsFile { _, _ in }.write(
  toFile: mergeFolder + "/base.yaml", atomically: true, encoding: .utf8)
try commitmentsFile { index, fields in if index % 2 == 0 { fields["due"] = "2026-10-01" } }
  .write(toFile: mergeFolder + "/ours.yaml", atomically: true, encoding: .utf8)
try commitmentsFile { index, fields in
  if index % 2 == 0 { fields["owner"] = "implementation" } else { fields["status"] = "confirmed" }
}
.write(toFile: mergeFolder + "/theirs.yaml", atomically: true, encoding: .utf8)
func freshOurs(_ round: Int) throws {
  try? FileManager.default.removeItem(atPath: mergeFolder + "/work.yaml")
  try FileManager.default.copyItem(
    atPath: mergeFolder + "/ours.yaml", toPath: mergeFolder + "/work.yaml")
}
let reviewScenarios = [
  Scenario(
    name: "summary HEAD~50..HEAD", target: nil, arguments: ["summary", "HEAD~50..HEAD"],
    reference: (
      "git diff --stat HEAD~50 HEAD", "/usr/bin/git", ["diff", "--stat", "HEAD~50", "HEAD"], nil
    )),
  Scenario(
    name: "blame ACCOUNT", target: nil, arguments: ["blame", firstAccount],
    reference: (
      "git log -- accounts/ACCOUNT", "/usr/bin/git",
      ["log", "--format=%H %an %s", "--", "accounts/\(firstAccount)"], nil
    )),
  Scenario(
    name: "merge-driver, 200 commitments", target: nil,
    arguments: [
      "merge-driver", mergeFolder + "/base.yaml", mergeFolder + "/work.yaml",
      mergeFolder + "/theirs.yaml", "c.yaml",
    ],
    prepare: freshOurs,
    reference: (
      "git merge-file -p (by lines)", "/usr/bin/git",
      [
        "merge-file", "-p", mergeFolder + "/ours.yaml", mergeFolder + "/base.yaml",
        mergeFolder + "/theirs.yaml",
      ], nil
    )),
]
let coldScenarios = [
  // The reference reads the same answer with git's plumbing, as a script would (our own script,
  // scripts/ref-at-close.py); the goal is to be at least 15 times faster.
  Scenario(
    name: "at-close, cold (--no-cache)", target: 10.0,
    arguments: ["at-close", "--no-cache", "--format", "json"],
    reference: (
      "git log --raw + cat-file --batch (scripts/ref-at-close.py)", "/usr/bin/env",
      ["python3", projectRoot.appendingPathComponent("scripts/ref-at-close.py").path, "."], 1.0 / 15
    )),
  Scenario(
    name: "report, cold (--no-cache)", target: nil,
    arguments: ["report", "--no-cache", "--format", "json"]),
  // The history index gone (a force-push, a rebased main): history is walked whole again,
  // while what depends only on blob ids and settings (each state's verdict, each account's
  // facts) is still known from earlier runs.
  Scenario(
    name: "report, history index cold", target: nil,
    arguments: ["report", "--format", "json"],
    prepare: { _ in try? FileManager.default.removeItem(atPath: historyIndex) }),
]

// A Salesforce export of 10,000 opportunities with 40,000 contact roles, imported into an empty
// repository, once fresh and once again (nothing changes the second time).
let crmExport = URL(fileURLWithPath: options.cache).appendingPathComponent("crm-export").path
let importRepository = URL(fileURLWithPath: options.cache).appendingPathComponent("import-repo")
  .path
let crmFiles = [
  "Opportunity", "Account", "Contact", "OpportunityContactRole", "OpportunityLineItem", "User",
].map {
  crmExport + "/\($0).csv"
}
if !FileManager.default.fileExists(atPath: crmExport + "/User.csv") {
  try run(
    "/usr/bin/env",
    [
      "python3", projectRoot.appendingPathComponent("scripts/gen-crm-export.py").path,
      "--opportunities", "10000",
      "--roles", "40000", "--out", crmExport,
    ])
}
func emptyImportRepository(_ round: Int) throws {
  try? FileManager.default.removeItem(atPath: importRepository)
  try FileManager.default.createDirectory(
    atPath: importRepository + "/accounts", withIntermediateDirectories: true)
  try run("/usr/bin/env", ["git", "init", "-q", importRepository])
  try "accounts_dir: accounts\nassignment:\n  - success: [raj.patel, mei.chen]\n".write(
    toFile: importRepository + "/.handoff.yaml", atomically: true, encoding: .utf8)
}
let importScenarios = [
  Scenario(
    name: "import 10,000 opportunities, 40,000 roles", target: 10.0,
    arguments: ["import", "salesforce"] + crmFiles,
    prepare: emptyImportRepository,
    reference: (
      "python3 csv.reader over the same files", "/usr/bin/env",
      [
        "python3", "-c",
        "import csv,sys\nfor p in sys.argv[1:]:\n  n=sum(1 for _ in "
          + "csv.reader(open(p,encoding='utf-8-sig',newline='')))",
      ] + crmFiles, nil
    )),
  Scenario(
    name: "import again, nothing changes", target: nil,
    arguments: ["import", "salesforce"] + crmFiles),
]

var previous: [String: Double] = [:]
if let data = try? Data(contentsOf: resultsFile),
  let decoded = try? JSONSerialization.jsonObject(with: data) as? [String: Double]
{
  previous = decoded
}

// Prime the caches once so "warm" figures mean what they say. The first at-close on a new
// repository walks the whole history (about 95 s for 10,000 accounts); it is timed here.
try run(binary, ["validate"], in: repository)
try run(binary, ["validate", "--rev", "HEAD"], in: repository)
try run(binary, ["due", "--as-of", "2026-12-01"], in: repository)
let coldExport = try seconds { try run(binary, ["export", "--out", exportOut], in: repository) }
print(
  "export: \(format(coldExport)) the first time after a build (commitment events walked, rows "
    + "cached)"
)
let coldHistory = try seconds { try run(binary, ["at-close", "--format", "json"], in: repository) }
print(
  "history index: \(format(coldHistory)) to bring it up to date (a cold build when it was missing)")

print(
  "handoff-bench: \(options.accounts) accounts, median of \(options.runs) runs, release build, "
    + "\(ProcessInfo.processInfo.activeProcessorCount) cores"
)
print(String(repeating: "-", count: 96))
print(
  "scenario".padding(toLength: 42, withPad: " ", startingAt: 0)
    + "median     min        target     previous   change")
var results: [String: Double] = [:]
let allScenarios =
  scenarios.map { ($0, repository) } + reviewScenarios.map { ($0, repository) }
  + importScenarios.map { ($0, importRepository) }
  + (options.cold ? coldScenarios : []).map { ($0, repository) }
for (scenario, folder) in allScenarios {
  var times: [Double] = []
  var referenceTimes: [Double] = []
  // A cold walk is one long run, easily disturbed on a shared machine: three of them (the
  // reference script, over a minute, once, in the middle round).
  let rounds =
    scenario.name.contains("cold") || scenario.name.hasPrefix("import") ? 3 : options.runs
  var peakMemory = 0
  for round in 0..<rounds {
    try scenario.prepare(round)
    times.append(try seconds { try run(binary, scenario.arguments, in: folder) })
    peakMemory = max(peakMemory, lastPeakMemory)
    if let reference = scenario.reference, !scenario.name.contains("cold") || round == 1 {
      referenceTimes.append(
        try seconds { try run(reference.executable, reference.arguments, in: folder) })
    }
  }
  if scenario.name.contains("last commit") {
    try resetToOriginal()
  } else if folder == repository {
    try restore()
  }
  times.sort()
  referenceTimes.sort()
  let median = times[times.count / 2]
  results[scenario.name] = median
  let target = scenario.target.map { (median <= $0 ? "<= " : "> ") + format($0) } ?? "-"
  let before = previous[scenario.name]
  let change =
    before.map { String(format: "%+.0f%%", ($0 > 0 ? (median - $0) / $0 : 0) * 100) } ?? "first run"
  print(
    scenario.name.padding(toLength: 42, withPad: " ", startingAt: 0)
      + format(median).padding(toLength: 11, withPad: " ", startingAt: 0)
      + format(times[0]).padding(toLength: 11, withPad: " ", startingAt: 0)
      + target.padding(toLength: 11, withPad: " ", startingAt: 0)
      + (before.map(format) ?? "-").padding(toLength: 11, withPad: " ", startingAt: 0) + change)
  if scenario.name.contains("cold") {
    results[scenario.name + ", peak memory MB"] = Double(peakMemory >> 20)
    print("  peak resident memory: \(peakMemory >> 20) MB")
  }
  if let reference = scenario.reference, !referenceTimes.isEmpty {
    let theirs = referenceTimes[referenceTimes.count / 2]
    let ratio = median / max(theirs, 1e-6)
    results[reference.name] = theirs
    let goal =
      reference.ratio.map {
        " (goal <= \(String(format: "%.2f", $0))x: \(ratio <= $0 ? "met" : "missed"))"
      } ?? ""
    print(
      "  beside \(reference.name): \(format(theirs)) in the same rounds; ratio "
        + "\(String(format: "%.2f", ratio))x\(goal)"
    )
  }
}
// How the cold walk grows with history: the same on the generator's 1,000-account repository
// (about a tenth of the commits), generated once beside the large one.
if options.cold, options.accounts == 10_000, let large = results["at-close, cold (--no-cache)"] {
  let small = URL(fileURLWithPath: options.cache).appendingPathComponent("repo-1000").path
  if !FileManager.default.fileExists(atPath: small + "/.git") {
    try run("/usr/bin/env", ["python3", generator.path, "--accounts", "1000", "--out", small])
  }
  // Median of three: a run under a second is easily disturbed.
  let smallTime = try (0..<3).map { _ in
    try seconds { try run(binary, ["at-close", "--no-cache", "--format", "json"], in: small) }
  }.sorted()[1]
  results["at-close, cold, 1,000 accounts"] = smallTime
  let growth = large / smallTime
  print(
    "at-close cold on 1,000 accounts: \(format(smallTime)) (peak memory \(lastPeakMemory >> 20) MB); "
      + "10,000 against 1,000: "
      + String(format: "%.1f", growth) + "x (goal <= 11x: \(growth <= 11 ? "met" : "missed"))")
  // Where the growth comes from: one traced run on each repository, phase by phase, and the
  // whole accounts trees the walk inflated (the part that grows with the square of the
  // portfolio: Git keeps one whole tree every 51 versions, and the tree grows with it).
  let phases = try [small, repository].map { folder in
    let file = NSTemporaryDirectory() + "handoff-bench-trace.txt"
    try run(binary, ["at-close", "--no-cache", "--format", "json"], in: folder, traceTo: file)
    defer { try? FileManager.default.removeItem(atPath: file) }
    return ColdTrace(
      String(decoding: FileManager.default.contents(atPath: file) ?? Data(), as: UTF8.self))
  }
  print("  phase by phase, 1,000 -> 10,000 accounts (one traced run each):")
  for (name, largeTime) in phases[1].phases {
    guard let smallTime = phases[0].phases.first(where: { $0.name == name })?.time, smallTime > 0
    else { continue }
    print(
      "    \(name): \(format(smallTime)) -> \(format(largeTime)), "
        + String(format: "%.1f", largeTime / smallTime) + "x")
  }
  let commits = phases.map(\.commits)
  let wholeKiB = phases.map(\.wholeKiB)
  if commits[0] > 0, wholeKiB[0] > 0 {
    print(
      "  commits: \(commits[0]) -> \(commits[1]), "
        + String(format: "%.1f", Double(commits[1]) / Double(commits[0]))
        + "x; whole accounts trees inflated: \(wholeKiB[0] >> 10) MiB -> \(wholeKiB[1] >> 10) MiB, "
        + String(format: "%.0f", Double(wholeKiB[1]) / Double(wholeKiB[0])) + "x")
  }
  for (name, what) in [
    ("report, cold (--no-cache)", "report cold (--no-cache)"),
    ("report, history index cold", "report with the history index cold"),
  ] {
    guard let report = results[name] else { continue }
    let share = report / large
    print(
      "\(what) against at-close cold: " + String(format: "%.2f", share)
        + "x (goal <= 1.5x: \(share <= 1.5 ? "met" : "missed"))")
  }
}
let data = try JSONSerialization.data(
  withJSONObject: results, options: [.sortedKeys, .prettyPrinted])
try data.write(to: resultsFile, options: .atomic)
print("results saved to \(resultsFile.path)")
