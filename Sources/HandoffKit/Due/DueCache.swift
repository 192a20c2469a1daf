/// Each account state's due candidates, remembered across runs by the same key as the
/// validate cache (the files' ids and the settings' id): with it, `due` reads and hashes the
/// files but parses none it has seen (`handoff/due-v1.bin`).
enum DueCache {
  static func open(repository: Repository) -> KeyedCache<[DueCandidate]> {
    KeyedCache.open("due-v1.bin", repository: repository, codec: codec)
  }

  static let codec = KeyedCache<[DueCandidate]>.Codec(
    magic: Array("handoff-due-2\n".utf8),
    encode: { candidates, writer in
      writer.integer(UInt32(candidates.count))
      for candidate in candidates { encode(candidate, into: &writer) }
    },
    decode: { reader in
      guard let size = reader.integer() else { return nil }
      var candidates: [DueCandidate] = []
      for _ in 0..<size {
        guard let candidate = decode(&reader) else { return nil }
        candidates.append(candidate)
      }
      return candidates
    })

  private static func encode(_ candidate: DueCandidate, into writer: inout ByteWriter) {
    let item = candidate.item
    writer.bytes([candidate.showing.rawValue, item.file.code])
    writer.string(item.kind.rawValue)
    writer.integer(UInt32(bitPattern: Int32(truncatingIfNeeded: item.due.dayNumber)))
    writer.optionalString(item.owner)
    writer.optionalString(item.subject)
    writer.string(item.title)
    writer.integer(UInt32(item.location?.line ?? 0))
    writer.integer(UInt32(item.location?.column ?? 0))
    writer.integer(UInt32(item.occurrence))
    for day in [candidate.heldOn, candidate.endedOn] {
      writer.bytes([day == nil ? 0 : 1])
      writer.integer(UInt32(bitPattern: Int32(truncatingIfNeeded: day?.dayNumber ?? 0)))
    }
  }

  private static func decode(_ reader: inout ByteReader) -> DueCandidate? {
    guard let showingByte = reader.byte(),
      let showing = DueCandidate.Showing(rawValue: showingByte),
      let fileCode = reader.byte(), let file = RecordFile(code: fileCode),
      let kind = reader.string().flatMap(DueItem.Kind.init(rawValue:)), let day = reader.integer(),
      let owner = reader.optionalString(), let subject = reader.optionalString(),
      let title = reader.string(),
      let line = reader.integer(), let column = reader.integer(), let occurrence = reader.integer()
    else { return nil }
    var days: [CalendarDate?] = []
    for _ in 0..<2 {
      guard let flag = reader.byte(), let number = reader.integer() else { return nil }
      days.append(flag == 1 ? CalendarDate(dayNumber: Int(Int32(bitPattern: number))) : nil)
    }
    var item = DueItem(
      account: "", owner: owner, kind: kind,
      due: CalendarDate(dayNumber: Int(Int32(bitPattern: day))),
      subject: subject, title: title, file: file,
      location: line == 0 ? nil : SourceLocation(line: Int(line), column: Int(column)))
    item.occurrence = Int(occurrence)
    return DueCandidate(item: item, showing: showing, heldOn: days[0], endedOn: days[1])
  }
}
