// libFuzzer entry point over every parser of untrusted input, built by scripts/fuzz.sh with the
// whole library. HANDOFF_FUZZ_TARGET picks the parser; any crash, hang or sanitizer report is a
// bug, and so is a finding without a usable position or message.
#if canImport(Glibc)
  import Glibc
#endif

/// The parsers a user's repository (or a pull request) can feed bytes to.
enum FuzzTarget: String {
  /// A record file: strict YAML loading, then the schema of the kind the first byte picks.
  case record
  /// `.handoff.yaml`: YAML, the settings schema, then the settings themselves.
  case settings
  /// Git tree objects as the history walk reads them: whole, and made from a delta of another
  /// (one built from the two trees, and the input's own bytes read as a delta).
  case rawTree = "raw-tree"
  /// The index file as `validate --staged` reads it directly.
  case index
  /// A CRM export as `import` reads it: CSV, then the deals of each system's preset.
  case csv
  /// A record file edited in place as `import` edits it: the result must still load.
  case editor
  /// Three versions of a record file (split at NUL bytes) merged as `merge-driver` merges them.
  case merge
  /// Plain block YAML read directly: whenever the direct reader takes a file, its document must
  /// be exactly libfyaml's (nodes, positions, problems).
  case plainYAML = "plain-yaml"

  static let chosen: FuzzTarget = {
    let name = getenv("HANDOFF_FUZZ_TARGET").map { String(cString: $0) } ?? "record"
    guard let target = FuzzTarget(rawValue: name) else {
      fatalError("unknown HANDOFF_FUZZ_TARGET \(name)")
    }
    return target
  }()
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let input = UnsafeRawBufferPointer(start: data, count: size)
  switch FuzzTarget.chosen {
  case .record: fuzzRecord(input)
  case .settings: fuzzSettings(input)
  case .rawTree: fuzzRawTree(input)
  case .index: fuzzIndex(input)
  case .csv: fuzzCSV(input)
  case .editor: fuzzEditor(input)
  case .merge: fuzzMerge(input)
  case .plainYAML: fuzzPlainYAML(input)
  }
  return 0
}

private func fuzzRecord(_ input: UnsafeRawBufferPointer) {
  guard let first = input.first else { return }
  let kinds = RecordFile.allCases
  let kind = kinds[Int(first) % kinds.count]
  let (findings, root) = RecordChecker.check(
    UnsafeRawBufferPointer(rebasing: input.dropFirst()), as: kind)
  for finding in findings {
    if let location = finding.location, location.line < 1 || location.column < 1 {
      fatalError("bad position")
    }
    if finding.message.isEmpty { fatalError("empty message") }
  }
  if let root { _ = SchemaLibrary.shared.schema(for: kind).accepts(root) }
}

private func fuzzPlainYAML(_ input: UnsafeRawBufferPointer) {
  guard case .success(let body) = InputText.check(input), !body.isEmpty,
    let direct = PlainBlockReader.read(body)
  else { return }
  let reference = YAMLLoader.loadThroughLibFYAML(Array(input))
  if direct.outline != reference.outline {
    fatalError(
      "the plain block reader differs from libfyaml:\n\(direct.outline)\n--\n\(reference.outline)")
  }
}

private func fuzzSettings(_ input: UnsafeRawBufferPointer) {
  do {
    let settings = try Settings.load(Array(input))
    // Whatever loads names a folder inside the repository.
    let parts = settings.accountsDirectory.split(separator: "/")
    if parts.isEmpty || parts.contains("..") || parts.contains(".git")
      || settings.accountsDirectory.hasPrefix("/")
    {
      fatalError("accounts_dir escapes the repository: \(settings.accountsDirectory)")
    }
  } catch {
    if let location = error.location, location.line < 1 || location.column < 1 {
      fatalError("bad position")
    }
    if error.message.isEmpty { fatalError("empty message") }
  }
}

private func fuzzRawTree(_ input: UnsafeRawBufferPointer) {
  // The first two bytes say where the older version ends and the newer begins.
  guard input.count >= 2 else { return }
  let split = 2 + (Int(input[0]) << 8 | Int(input[1])) % max(1, input.count - 1)
  let older = UnsafeRawBufferPointer(rebasing: input[2..<min(split, input.count)])
  let newer = UnsafeRawBufferPointer(rebasing: input[min(split, input.count)...])
  let table = TreeEntryTable()
  guard let base = TreeVersion(bytes: older, table: table),
    let whole = TreeVersion(bytes: newer, table: table)
  else { return }
  // A delta from the older bytes to the newer, as git writes one: the shared start and end
  // copied, the middle inserted. It must make exactly the newer version whenever both parse.
  let delta = simpleDelta(from: Array(older), to: Array(newer))
  let made = delta.withUnsafeBytes { TreeVersion(applying: $0, to: base, table: table) }
  if base.isExact, whole.isExact {
    guard let made, made.entries == whole.entries, made.layout == whole.layout else {
      fatalError("a delta made another version than the whole tree")
    }
  } else if made != nil, !base.isExact {
    fatalError("a delta was applied to a base that is not a whole tree")
  }
  // The newer bytes read as a delta (damaged, mostly): refused, or exactly what applying them
  // byte by byte makes.
  if let version = TreeVersion(applying: newer, to: base, table: table) {
    guard let bytes = ObjectReader.apply(Array(newer), to: Array(older)),
      let reference = bytes.withUnsafeBytes({ TreeVersion(bytes: $0, table: table) }),
      reference.isExact, reference.entries == version.entries
    else { fatalError("a damaged delta was read as something else") }
  }
  // While the entries stay in git's order, the comparison of versions is the full one.
  let known = RawTree(bytes: older)
  let other = RawTree(bytes: newer)
  let sorted = { (tree: RawTree) -> Bool in
    let layout = tree.layout()
    let entries = (0..<(layout.count - 1)).map { tree.entry($0, in: layout) }
    return zip(entries, entries.dropFirst()).allSatisfy { RawTree.order($0, $1) < 0 }
  }
  if let made, sorted(known), sorted(other),
    TreeVersion.changes(from: base, to: made, table: table).map(\.name)
      != RawTree.changes(from: known, to: other).map(\.name)
  {
    fatalError("comparing versions disagrees with the full comparison")
  }
}

/// Git's delta format: sizes, then a copy of the shared start, the middle inserted, a copy of
/// the shared end.
private func simpleDelta(from base: [UInt8], to target: [UInt8]) -> [UInt8] {
  func size(_ value: Int) -> [UInt8] {
    var value = value
    var out: [UInt8] = []
    repeat {
      out.append(UInt8(value & 0x7f) | (value >> 7 > 0 ? 0x80 : 0))
      value >>= 7
    } while value > 0
    return out
  }
  func copy(_ offset: Int, _ count: Int) -> [UInt8] {
    guard count > 0 else { return [] }
    var operation: UInt8 = 0x80
    var arguments: [UInt8] = []
    for byte in 0..<4 where (offset >> (8 * byte)) & 0xff != 0 {
      operation |= 1 << byte
      arguments.append(UInt8((offset >> (8 * byte)) & 0xff))
    }
    for byte in 0..<3 where (count >> (8 * byte)) & 0xff != 0 {
      operation |= 0x10 << byte
      arguments.append(UInt8((count >> (8 * byte)) & 0xff))
    }
    return [operation] + arguments
  }
  let shortest = min(base.count, target.count)
  var prefix = 0
  while prefix < shortest, base[prefix] == target[prefix] { prefix += 1 }
  var suffix = 0
  while suffix < shortest - prefix,
    base[base.count - 1 - suffix] == target[target.count - 1 - suffix]
  {
    suffix += 1
  }
  var out = size(base.count) + size(target.count) + copy(0, prefix)
  var middle = target[prefix..<(target.count - suffix)]
  while !middle.isEmpty {
    let piece = middle.prefix(127)
    out += [UInt8(piece.count)] + piece
    middle = middle.dropFirst(piece.count)
  }
  return out + copy(base.count - suffix, suffix)
}

private func fuzzIndex(_ input: UnsafeRawBufferPointer) {
  guard let index = try? IndexFile.parse(Array(input)) else { return }
  // Whatever parses is consistent: names inside their buffer, lookups agree with the listing.
  let namesCount = index.names.withUnsafeBytes { $0.count }
  for position in index.entries.indices {
    let entry = index.entries[position]
    if entry.nameStart < 0 || entry.nameStart + entry.nameCount > namesCount {
      fatalError("name out of range")
    }
  }
  if let first = index.entries.indices.first {
    _ = index.entry(at: String(decoding: index.name(first), as: UTF8.self))
  }
  for child in index.treeChildren(of: "accounts") { _ = index.treeName(child) }
}

private func fuzzCSV(_ input: UnsafeRawBufferPointer) {
  guard let table = try? CSVTable.read(bytes: Array(input), path: "export.csv") else { return }
  var previous = 0
  for row in table.rows {
    if row.line <= previous { fatalError("record lines do not increase") }
    previous = row.line
  }
  for system in CRMPreset.System.allCases {
    var reader = CRMReader(preset: CRMPreset.preset(for: system))
    for deal in reader.deals(from: [table]) {
      if !AccountID.slug(deal.name).isEmpty, !AccountID.isValid(AccountID.slug(deal.name)) {
        fatalError("bad slug")
      }
    }
    for problem in reader.problems where problem.line < 1 || problem.message.isEmpty {
      fatalError("bad problem")
    }
  }
}

private func fuzzEditor(_ input: UnsafeRawBufferPointer) {
  // The first byte picks the edit; the rest is the file.
  guard let first = input.first else { return }
  let bytes = Array(input.dropFirst())
  guard YAMLLoader.load(bytes).problems.isEmpty else { return }
  var editor = YAMLEditor(bytes)
  let paths: [[YAMLEditor.Step]] = [
    [.key("name")], [.key("deal"), .key("arr")], [.key("owners"), .key("success")],
    [.key("x-crm"), .key("system")],
  ]
  let values: [YAMLEditor.Value] = [
    .string("a: b # c"), .literal("84000"), .list(["core", "x, y"]), .string(""),
  ]
  // Whatever `finished()` hands back loads; otherwise the edit must be refused.
  do {
    try editor.set(paths[Int(first) % paths.count], to: values[Int(first >> 2) % values.count])
    let edited = try editor.finished()
    if !YAMLLoader.load(edited).problems.isEmpty { fatalError("finished() returned a broken file") }
  } catch {
    return
  }
}

private func fuzzMerge(_ input: UnsafeRawBufferPointer) {
  var parts = input.split(separator: 0, maxSplits: 2, omittingEmptySubsequences: false).map(
    Array.init)
  while parts.count < 3 { parts.append([]) }
  let (base, ours, theirs) = (parts[0], parts[1], parts[2])
  let result = RecordMerge.merge(base: base, ours: ours, theirs: theirs)
  // One side unchanged: the other side, byte for byte.
  if base == ours, result.bytes != theirs { fatalError("an unchanged side did not give the other") }
  if base == theirs || ours == theirs, result.bytes != ours {
    fatalError("an unchanged side did not give ours")
  }
  // A merge by key with no conflict reads back as YAML.
  if result.byKey, result.conflicts == 0, !result.bytes.isEmpty,
    !YAMLLoader.load(result.bytes).problems.isEmpty
  {
    fatalError("a clean merge by key does not load")
  }
  let markers = result.bytes.split(separator: 0x0A).count {
    $0.starts(with: Array("<<<<<<< ours".utf8))
  }
  if markers != result.conflicts { fatalError("conflicts and markers disagree") }
}
