/// Each account's facts for the report, remembered across runs (`handoff/report-v1.bin`) under
/// an id of everything they are computed from: the account's files and the settings (the
/// validate cache's key) and what history says of its close. A warm report reads the accounts
/// folder's tree and parses no record it has seen.
enum ReportCache {
  static func open(repository: Repository) -> KeyedCache<HandoffFacts> {
    KeyedCache.open("report-v1.bin", repository: repository, codec: codec)
  }

  /// The key of one account's facts, or nil in a snapshot whose ids are not known (they are in
  /// every commit, which is what the report reads).
  static func key(of folder: AccountFolder, settingsID: OID, close: AccountClose?) -> OID? {
    guard let files = AccountChecker.key(of: folder, settingsID: settingsID) else { return nil }
    var writer = ByteWriter()
    writer.bytes(files.bytes)
    if let close {
      writer.bytes(close.commit.map { [1] + $0.id.bytes } ?? [0])
      writer.bytes(close.folder.map { [1] + $0.bytes } ?? [0])
      writer.strings(close.commitments)
      writer.strings(close.addedAfterClose)
      writer.bytes(close.completedAt == nil ? [0] : [1])
      writer.int64(close.completedAt ?? 0)
      writer.optionalInt(close.churnedOn?.dayNumber)
    } else {
      writer.bytes([2])
    }
    return writer.output.withUnsafeBytes { OID.ofBlob($0) }
  }

  static let codec = KeyedCache<HandoffFacts>.Codec(
    magic: Array("handoff-report-1\n".utf8), encode: encode, decode: decode)

  private static func encode(_ facts: HandoffFacts, into writer: inout ByteWriter) {
    writer.string(facts.account)
    writer.optionalString(facts.salesOwner)
    writer.integer(UInt32(facts.errors))
    if let close = facts.close {
      writer.bytes([1] + close.id.bytes)
      writer.int64(close.time)
      writer.string(close.author)
      writer.string(close.summary)
    } else {
      writer.bytes([0])
    }
    writer.bytes([facts.secondsToComplete == nil ? 0 : 1])
    writer.int64(facts.secondsToComplete ?? 0)
    for day in [facts.closedOn, facts.churnDay] { writer.optionalInt(day?.dayNumber) }
    for number in [
      facts.daysToIntro, facts.daysToKickoff, facts.csmConfidence, facts.daysToFirstValue,
      facts.effortScore,
      facts.daysFromKickoffToReconcile, facts.warmTransitionDays,
    ] {
      writer.optionalInt(number)
    }
    for count in [
      facts.commitmentsAtClose, facts.addedAfterClose, facts.redated, facts.missed, facts.withdrawn,
      facts.removedAfterClose, facts.verbalPromises, facts.attendedKickoff,
      facts.attendanceRecorded,
    ] {
      writer.integer(UInt32(count))
    }
    let flags = [
      facts.reconciled, facts.aboveThreshold, facts.mitigationPresent, facts.kickoffHeld,
      facts.introDue,
      facts.reconcileDue, facts.warmTransitionDue,
    ]
    writer.bytes([
      flags.enumerated().reduce(UInt8(0)) { $0 | ($1.element ? UInt8(1) << $1.offset : 0) }
    ])
    writer.int64(Int64(bitPattern: facts.completeness.bitPattern))
    writer.optionalString(facts.stage?.rawValue)
    writer.optionalString(facts.segment)
    writer.integer(UInt32(facts.gaps.count))
    for item in facts.gaps {
      writer.string(item.id)
      writer.string(item.title)
      writer.string(item.coverage.rawValue)
      writer.string(item.reason)
      writer.optionalString(item.file)
      writer.integer(UInt32(item.location?.line ?? 0))
      writer.integer(UInt32(item.location?.column ?? 0))
    }
    writer.integer(UInt32(facts.redFlags.count))
    for flag in facts.redFlags {
      writer.string(flag.id)
      writer.string(flag.category)
      writer.bytes([flag.derived ? 1 : 0])
    }
  }

  private static func decode(_ reader: inout ByteReader) -> HandoffFacts? {
    guard let account = reader.string(), let salesOwner = reader.optionalString(),
      let errors = reader.integer(),
      let hasClose = reader.byte()
    else { return nil }
    var close: CommitDetails?
    if hasClose == 1 {
      guard let id = reader.oid(), let time = reader.int64(), let author = reader.string(),
        let summary = reader.string()
      else { return nil }
      close = CommitDetails(id: id, time: time, author: author, summary: summary)
    }
    guard let hasSeconds = reader.byte(), let seconds = reader.int64() else { return nil }
    var days: [Int?] = []
    for _ in 0..<2 {
      guard let day = reader.optionalInt() else { return nil }
      days.append(day)
    }
    var numbers: [Int?] = []
    for _ in 0..<7 {
      guard let number = reader.optionalInt() else { return nil }
      numbers.append(number)
    }
    var counts: [Int] = []
    for _ in 0..<9 {
      guard let count = reader.integer() else { return nil }
      counts.append(Int(count))
    }
    guard let flags = reader.byte(), let completeness = reader.int64(),
      let stage = reader.optionalString(),
      let segment = reader.optionalString(), let gapCount = reader.integer()
    else { return nil }
    func flag(_ offset: Int) -> Bool { flags & (1 << offset) != 0 }
    var gaps: [ChecklistItem] = []
    for _ in 0..<gapCount {
      guard let id = reader.string(), let title = reader.string(),
        let coverage = reader.string().flatMap(Coverage.init(rawValue:)),
        let reason = reader.string(),
        let file = reader.optionalString(), let line = reader.integer(),
        let column = reader.integer()
      else { return nil }
      gaps.append(
        ChecklistItem(
          id: id, title: title, coverage: coverage, reason: reason, file: file,
          location: line == 0 ? nil : SourceLocation(line: Int(line), column: Int(column))))
    }
    guard let flagCount = reader.integer() else { return nil }
    var redFlags: [AccountAudit.RedFlag] = []
    for _ in 0..<flagCount {
      guard let id = reader.string(), let category = reader.string(), let derived = reader.byte()
      else { return nil }
      redFlags.append(AccountAudit.RedFlag(id: id, category: category, derived: derived == 1))
    }
    var facts = HandoffFacts(
      account: account, salesOwner: salesOwner, errors: Int(errors), close: close,
      secondsToComplete: hasSeconds == 1 ? seconds : nil,
      closedOn: days[0].map(CalendarDate.init(dayNumber:)),
      daysToIntro: numbers[0], daysToKickoff: numbers[1], reconciled: flag(0),
      csmConfidence: numbers[2],
      commitmentsAtClose: counts[0], addedAfterClose: counts[1], redated: counts[2],
      missed: counts[3],
      withdrawn: counts[4], removedAfterClose: counts[5], verbalPromises: counts[6],
      completeness: Double(bitPattern: UInt64(bitPattern: completeness)), gaps: gaps,
      redFlags: redFlags,
      aboveThreshold: flag(1), mitigationPresent: flag(2))
    if let stage {
      guard let known = Stage(rawValue: stage) else { return nil }
      facts.stage = known
    }
    facts.segment = segment
    facts.churnDay = days[1].map(CalendarDate.init(dayNumber:))
    facts.daysToFirstValue = numbers[3]
    facts.effortScore = numbers[4]
    facts.daysFromKickoffToReconcile = numbers[5]
    facts.warmTransitionDays = numbers[6]
    facts.attendedKickoff = counts[7]
    facts.attendanceRecorded = counts[8]
    facts.kickoffHeld = flag(3)
    facts.introDue = flag(4)
    facts.reconcileDue = flag(5)
    facts.warmTransitionDue = flag(6)
    return facts
  }
}
