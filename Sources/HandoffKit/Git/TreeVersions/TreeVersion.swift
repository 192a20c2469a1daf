#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One version of a tree as runs of entries of a `TreeEntryTable`: enough to compare it with
/// another version entry by entry and to make the next version from a pack delta without the
/// tree's bytes. A version made from a delta shares its base's runs where the delta copies them
/// whole, so neither making it nor comparing it with its base reads the unchanged entries: a
/// one-entry change in a tree of 10,000 entries costs a few runs, not the tree.
struct TreeVersion {
  /// The entries, run after run.
  private(set) var runs: [EntryRun] = []
  /// Where each run starts in the tree's bytes, then the tree's size.
  private(set) var runStarts: [Int32] = [0]
  /// False when the bytes stopped being a tree part way (the rest is left out, as `RawTree`
  /// does); such a version is not a base for deltas, which need every byte.
  var isExact = true
  /// Entries gathered for the next run while the version is made.
  private var open = OpenRun()

  /// New runs are closed at this many entries; no run is shorter than a quarter of it (but the
  /// only run of a small tree) or longer than twice it, so runs neither crumble nor grow as
  /// versions are made from versions.
  static let runLength = 128

  var size: Int { Int(runStarts[runStarts.count - 1]) }

  /// How many entries the version has.
  var count: Int { runs.reduce(0) { $0 + $1.entries.count } }

  /// The entries' numbers in the tree's order.
  var entries: [Int32] { runs.flatMap(\.entries) }

  /// Where each entry starts in the tree's bytes, then the tree's size (as `RawTree.layout()`).
  var layout: RawTree.Layout {
    var starts: RawTree.Layout = [0]
    starts.reserveCapacity(count + 1)
    for (index, run) in runs.enumerated() {
      starts.append(contentsOf: run.ends.map { runStarts[index] + $0 })
    }
    return starts
  }

  static let empty = TreeVersion()

  /// The version of a tree's whole bytes; nil only when the table is full. Where the bytes
  /// repeat `hint` (another version, usually the one before), its entries are recognised by
  /// comparing bytes, without looking them up, and its runs are shared where they repeat whole.
  init?(bytes: UnsafeRawBufferPointer, table: TreeEntryTable, hint: TreeVersion? = nil) {
    var position = 0
    var cursor = HintCursor(hint ?? .empty)
    let total = bytes.count
    while position < total {
      if cursor.index == 0, let run = cursor.run,
        table.repeats(run, in: bytes, at: position)
      {
        append(shared: run)
        position += Int(run.size)
        cursor.skipRun()
        continue
      }
      if let number = cursor.number, let size = table.repeats(number, in: bytes, at: position) {
        append(number, size: size)
        position += Int(size)
        cursor.advance()
        continue
      }
      guard case .end(let end) = RawTree.entryEnd(in: bytes, from: position) else {
        // The rest is no tree: left out, as `RawTree` leaves it.
        isExact = false
        break
      }
      let entry = UnsafeRawBufferPointer(rebasing: bytes[position..<end])
      guard let number = table.number(of: entry) else { return nil }
      append(number, size: Int32(end - position))
      position = end
      // The hint's entries that sort before this one are gone; one of the same name changed.
      table.withEntries { store in
        let read = RawTree(bytes: entry).entry(0, in: [0, Int32(entry.count)])
        while let next = cursor.number {
          let order = RawTree.order(store.entry(Int(next), in: table.starts), read)
          guard order <= 0 else { break }
          cursor.advance()
          if order == 0 { break }
        }
      }
    }
    finish()
  }

  private init() {}

  /// The version `delta` (Git's delta format) makes of `base`, or nil when the delta does not
  /// fit the base or what it makes is not a whole tree.
  ///
  /// A copy that covers whole runs of the base takes them as they are; a copy that starts at one
  /// of the base's entries and ends at another takes those entries' numbers; everything else
  /// (inserted bytes, and copies that begin or end part way into an entry) is gathered and
  /// parsed into entries. A one-entry change reads the few dozen bytes around it, whatever the
  /// size of the tree.
  init?(applying delta: UnsafeRawBufferPointer, to base: TreeVersion, table: TreeEntryTable) {
    guard base.isExact else { return nil }
    var reader = DeltaReader(bytes: delta)
    guard let baseSize = reader.size(), baseSize == base.size, let resultSize = reader.size(),
      resultSize < Int(Int32.max)
    else { return nil }
    runs.reserveCapacity(base.runs.count + 4)
    runStarts.reserveCapacity(base.runs.count + 5)
    var pending = PendingEntries()
    var written = 0
    // Copies that continue one another are taken as one: Git cuts a long copy every 64 KiB,
    // mostly part way into an entry, and each cut would otherwise break a shared run.
    var copying: Range<Int>?
    func flush() -> Bool {
      guard let range = copying else { return true }
      copying = nil
      return copy(range, of: base, pending: &pending, table: table)
    }
    while let instruction = reader.next() {
      switch instruction {
      case .copy(let offset, let count):
        guard offset + count <= baseSize, written + count <= resultSize else { return nil }
        if let range = copying, range.upperBound == offset {
          copying = range.lowerBound..<(offset + count)
        } else {
          guard flush() else { return nil }
          copying = offset..<(offset + count)
        }
        written += count
      case .insert(let bytes):
        guard written + bytes.count <= resultSize, flush() else { return nil }
        pending.bytes.append(contentsOf: bytes)
        guard pending.parse(into: &self, table: table) else { return nil }
        written += bytes.count
      }
    }
    guard flush() else { return nil }
    finish()
    guard !reader.failed, written == resultSize, pending.isEmpty, size == resultSize else {
      return nil
    }
  }

  private mutating func copy(
    _ range: Range<Int>, of base: TreeVersion, pending: inout PendingEntries,
    table: TreeEntryTable
  ) -> Bool {
    var position = range.lowerBound
    while position < range.upperBound {
      guard let runIndex = base.run(holding: position) else { return false }
      let run = base.runs[runIndex]
      let runStart = Int(base.runStarts[runIndex])
      let index = run.index(holding: Int32(position - runStart))
      let entryStart = runStart + Int(run.start(of: index))
      // At an entry of both: the whole run when the copy covers it, else the run's whole
      // entries up to the copy's end.
      if pending.isEmpty, entryStart == position {
        if index == 0, runStart + Int(run.size) <= range.upperBound {
          // Every run the copy covers whole, taken as they are.
          let end =
            range.upperBound < base.size ? base.run(holding: range.upperBound)! : base.runs.count
          append(runs: runIndex..<end, of: base)
          position = Int(base.runStarts[end])
          continue
        }
        let last = partitionPoint(index..<run.entries.count) {
          runStart + Int(run.ends[$0]) <= range.upperBound
        }
        if last > index {
          append(entriesOf: run, index..<last)
          position = runStart + Int(run.ends[last - 1])
          continue
        }
      }
      // Otherwise the bytes up to the base's next entry, parsed with what came before.
      let end = min(runStart + Int(run.ends[index]), range.upperBound)
      let start = Int(table.starts[Int(run.entries[index])]) + position - entryStart
      table.bytes.withUnsafeBufferPointer {
        pending.bytes.append(contentsOf: $0[start..<(start + end - position)])
      }
      position = end
      guard pending.parse(into: &self, table: table) else { return false }
    }
    return true
  }

  /// The index of the run holding byte `offset`, or nil past the end.
  private func run(holding offset: Int) -> Int? {
    guard offset >= 0, offset < size else { return nil }
    return partitionPoint(0..<runs.count) { Int(runStarts[$0]) <= offset } - 1
  }

  /// Adds one entry of `size` bytes at the end.
  fileprivate mutating func append(_ number: Int32, size: Int32) {
    open.entries.append(number)
    open.ends.append(open.size + size)
    if open.entries.count >= Self.runLength { close() }
  }

  /// Adds entries `range` of a base's run at the end, as `append(_:size:)` would one by one,
  /// in slices: a delta against a distant version cuts most runs part way (a copy between every
  /// two of its changes), and their entries are taken over in bulk.
  private mutating func append(entriesOf run: EntryRun, _ range: Range<Int>) {
    var index = range.lowerBound
    while index < range.upperBound {
      let end = min(range.upperBound, index + Self.runLength - open.entries.count)
      let shift = open.size - run.start(of: index)
      open.entries.append(contentsOf: run.entries[index..<end])
      open.ends.append(contentsOf: run.ends[index..<end].lazy.map { $0 + shift })
      index = end
      if open.entries.count >= Self.runLength { close() }
    }
  }

  /// Adds a run of the base at the end: shared, unless the entries gathered before it are too
  /// few to stand as a run of their own; they then take its entries instead.
  private mutating func append(shared run: EntryRun) {
    if open.entries.isEmpty || open.entries.count >= Self.runLength / 4 {
      close()
      push(run)
      return
    }
    let shift = open.size
    open.entries.append(contentsOf: run.entries)
    open.ends.append(contentsOf: run.ends.map { $0 + shift })
    if open.entries.count >= Self.runLength { close() }
  }

  /// Adds runs of `base` at the end, shared: the first as `append(shared:)` takes it, the rest
  /// in one piece.
  private mutating func append(runs range: Range<Int>, of base: TreeVersion) {
    var first = range.lowerBound
    if !open.entries.isEmpty {
      append(shared: base.runs[first])
      close()
      first += 1
    }
    guard first < range.upperBound else { return }
    let shift = runStarts[runStarts.count - 1] &- base.runStarts[first]
    runs.append(contentsOf: base.runs[first..<range.upperBound])
    runStarts.append(
      contentsOf: base.runStarts[(first + 1)...range.upperBound].lazy.map { $0 &+ shift })
  }

  /// Closes the last run; one too short to stand alone joins the run before it.
  private mutating func finish() {
    if !open.entries.isEmpty, open.entries.count < Self.runLength / 4, let last = runs.last {
      runs.removeLast()
      runStarts.removeLast()
      open.entries = last.entries + open.entries
      open.ends = last.ends + open.ends.map { $0 + last.size }
    }
    close()
  }

  /// Turns the gathered entries into a run (two halves when they are more than twice a run).
  private mutating func close() {
    let total = open.entries.count
    guard total > 0 else { return }
    if total > 2 * Self.runLength {
      let half = total / 2
      let cut = open.ends[half - 1]
      push(EntryRun(entries: Array(open.entries[..<half]), ends: Array(open.ends[..<half])))
      push(
        EntryRun(entries: Array(open.entries[half...]), ends: open.ends[half...].map { $0 - cut }))
    } else {
      push(EntryRun(entries: open.entries, ends: open.ends))
    }
    open = OpenRun()
  }

  private mutating func push(_ run: EntryRun) {
    runs.append(run)
    runStarts.append(runStarts[runStarts.count - 1] + run.size)
  }

  /// Calls `body` with each entry's number, in the tree's order, until it returns false.
  func forEachEntry(_ body: (Int32) -> Bool) {
    for run in runs {
      for number in run.entries where !body(number) { return }
    }
  }

  /// The folders that differ from `old` to `new` (as `RawTree.changes` finds them in the
  /// trees' bytes): runs the two share at the start and the end are skipped, then entries
  /// shared at the start and the end number by number, and the rest compared in Git's order.
  static func changes(from old: TreeVersion, to new: TreeVersion, table: TreeEntryTable)
    -> [RawTree.Change]
  {
    let shortestRuns = min(old.runs.count, new.runs.count)
    var prefixRuns = 0
    while prefixRuns < shortestRuns, old.runs[prefixRuns] === new.runs[prefixRuns] {
      prefixRuns += 1
    }
    var suffixRuns = 0
    while suffixRuns < shortestRuns - prefixRuns,
      old.runs[old.runs.count - 1 - suffixRuns] === new.runs[new.runs.count - 1 - suffixRuns]
    {
      suffixRuns += 1
    }
    let oldEntries = old.runs[prefixRuns..<(old.runs.count - suffixRuns)].flatMap(\.entries)
    let newEntries = new.runs[prefixRuns..<(new.runs.count - suffixRuns)].flatMap(\.entries)
    return changes(from: oldEntries, to: newEntries, table: table)
  }

  private static func changes(from old: [Int32], to new: [Int32], table: TreeEntryTable)
    -> [RawTree.Change]
  {
    let shortest = min(old.count, new.count)
    let (prefix, suffix) = old.withUnsafeBufferPointer { a in
      new.withUnsafeBufferPointer { b -> (Int, Int) in
        // Whole blocks by memcmp, then one by one.
        var prefix = 0
        while prefix + 64 <= shortest,
          memcmp(a.baseAddress! + prefix, b.baseAddress! + prefix, 256) == 0
        { prefix += 64 }
        while prefix < shortest, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix + 64 <= shortest - prefix,
          memcmp(
            a.baseAddress! + a.count - suffix - 64, b.baseAddress! + b.count - suffix - 64, 256)
            == 0
        { suffix += 64 }
        while suffix < shortest - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] {
          suffix += 1
        }
        return (prefix, suffix)
      }
    }
    return table.withEntries { store in
      RawTree.lockstep(
        count: (old.count - prefix - suffix, new.count - prefix - suffix),
        left: { store.entry(Int(old[prefix + $0]), in: table.starts) },
        right: { store.entry(Int(new[prefix + $0]), in: table.starts) })
    }
  }
}

/// A place in a version's entries, run by run: where a whole tree read next is expected to
/// repeat it.
private struct HintCursor {
  let runs: [EntryRun]
  private(set) var runIndex = 0
  private(set) var index = 0

  init(_ version: TreeVersion) { runs = version.runs }

  var run: EntryRun? { runIndex < runs.count ? runs[runIndex] : nil }
  var number: Int32? { run?.entries[index] }

  mutating func advance() {
    index += 1
    if index == runs[runIndex].entries.count { skipRun() }
  }

  mutating func skipRun() {
    runIndex += 1
    index = 0
  }
}

/// The entries of a version's next run while the version is made.
private struct OpenRun {
  var entries: [Int32] = []
  /// Where each entry ends, counted from the run's start.
  var ends: [Int32] = []

  var size: Int32 { ends.last ?? 0 }
}

/// Bytes of a tree not yet parsed into entries, from an entry's start.
private struct PendingEntries {
  var bytes: [UInt8] = []
  var position = 0

  var isEmpty: Bool { position == bytes.count }

  /// Parses the whole entries gathered so far into `version`; false when the bytes are not an
  /// entry (or the table is full). A partial entry at the end waits for more bytes.
  mutating func parse(into version: inout TreeVersion, table: TreeEntryTable) -> Bool {
    let total = bytes.count
    let outcome = bytes.withUnsafeBytes { all -> Bool in
      while position < total {
        switch RawTree.entryEnd(in: all, from: position) {
        case .cutOff: return true
        case .malformed: return false
        case .end(let end):
          let entry = UnsafeRawBufferPointer(rebasing: all[position..<end])
          guard let number = table.number(of: entry) else { return false }
          version.append(number, size: Int32(end - position))
          position = end
        }
      }
      return true
    }
    if position == total, total > 0 {
      bytes.removeAll(keepingCapacity: true)
      position = 0
    }
    return outcome
  }
}
