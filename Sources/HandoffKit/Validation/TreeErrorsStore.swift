import Foundation

/// Which accounts have errors in a whole accounts folder, by its tree id and the settings:
/// what lets the pre-commit check count the other accounts' errors without touching them.
///
/// A run that judged every account of a committed (or about to be committed) accounts tree
/// records its answer here; the next run at that tree, typically the hook of the next commit,
/// reads one small file. Derived data (`handoff/tree-errors-v1.bin`), the latest few trees only,
/// rewritten whole and atomically; never needed for a correct answer.
enum TreeErrorsStore {
  private static let magic = Array("handoff-tree-errors-1\n".utf8)
  private static let keep = 16

  struct Key: Hashable {
    var tree: OID
    var settings: OID
  }

  private static func file(_ repository: Repository) -> String {
    repository.commonDirectory + "handoff/tree-errors-v1.bin"
  }

  /// The accounts with errors recorded for `key`, or nil when none was. Only that entry's
  /// names are decoded: the file holds thousands for the other trees.
  static func accounts(for key: Key, in repository: Repository) -> Set<String>? {
    guard let bytes = WorkTreeListing.read(file(repository)) else { return nil }
    return bytes.withUnsafeBytes { buffer in
      guard let entry = entries(buffer).first(where: { $0.key == key }) else { return nil }
      var reader = ByteReader(UnsafeRawBufferPointer(rebasing: buffer[entry.names]))
      var accounts = Set<String>()
      for _ in 0..<entry.count {
        guard let name = reader.string() else { return nil }
        accounts.insert(name)
      }
      return accounts
    }
  }

  /// Records `accounts` for `key`, newest first, keeping the latest few; the other entries are
  /// copied as they are, never decoded. The entry of `base` (HEAD's tree, which every check
  /// until the next commit compares against) comes right after it, so a run of checks of
  /// different staged states cannot push it out.
  static func record(
    _ accounts: Set<String>, for key: Key, keeping base: Key? = nil, in repository: Repository
  ) {
    let stored = WorkTreeListing.read(file(repository)) ?? []
    var writer = ByteWriter()
    writer.bytes(magic)
    writer.bytes(CacheFingerprint.current.bytes)
    stored.withUnsafeBytes { buffer in
      let others = entries(buffer).filter { $0.key != key }
      let kept = (others.filter { $0.key == base } + others.filter { $0.key != base }).prefix(
        keep - 1)
      writer.integer(UInt32(kept.count + 1))
      writer.bytes(key.tree.bytes)
      writer.bytes(key.settings.bytes)
      writer.integer(UInt32(accounts.count))
      for name in accounts.sorted() { writer.string(name) }
      for entry in kept { writer.output.append(contentsOf: buffer[entry.whole]) }
    }
    // The newest entry already said the same: nothing to write.
    if stored == writer.output { return }
    let path = file(repository)
    try? FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    _ = try? SafeFile.write(writer.output, to: path, keepBackup: false, durable: false)
  }

  /// One stored entry: its key, how many names it holds, where those names are and where the
  /// whole entry is in the file.
  private struct Entry {
    var key: Key
    var count: Int
    var names: Range<Int>
    var whole: Range<Int>
  }

  /// The entries of a file, in order; none when it is missing, foreign or damaged.
  private static func entries(_ buffer: UnsafeRawBufferPointer) -> [Entry] {
    var reader = ByteReader(buffer)
    guard reader.matches(magic), reader.matches(CacheFingerprint.current.bytes),
      let count = reader.integer()
    else { return [] }
    var entries: [Entry] = []
    for _ in 0..<min(Int(count), keep) {
      let start = reader.position
      guard let tree = reader.oid(), let settings = reader.oid(), let names = reader.integer()
      else { return [] }
      let namesStart = reader.position
      for _ in 0..<names {
        guard let length = reader.integer(), reader.slice(Int(length)) != nil else { return [] }
      }
      entries.append(
        Entry(
          key: Key(tree: tree, settings: settings), count: Int(names),
          names: namesStart..<reader.position,
          whole: start..<reader.position))
    }
    return entries
  }
}
