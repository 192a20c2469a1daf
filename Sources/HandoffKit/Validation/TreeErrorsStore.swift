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

  /// The accounts with errors recorded for `key`, or nil when none was.
  static func accounts(for key: Key, in repository: Repository) -> Set<String>? {
    load(repository).first { $0.key == key }?.accounts
  }

  /// Records `accounts` for `key`, newest first, keeping the latest few.
  static func record(_ accounts: Set<String>, for key: Key, in repository: Repository) {
    var entries = load(repository)
    if entries.first?.key == key, entries.first?.accounts == accounts { return }
    entries.removeAll { $0.key == key }
    entries.insert((key, accounts), at: 0)
    var writer = ByteWriter()
    writer.bytes(magic)
    writer.bytes(ResultCache.fingerprint.bytes)
    writer.integer(UInt32(min(entries.count, keep)))
    for (key, names) in entries.prefix(keep) {
      writer.bytes(key.tree.bytes)
      writer.bytes(key.settings.bytes)
      writer.integer(UInt32(names.count))
      for name in names.sorted() { writer.string(name) }
    }
    let path = file(repository)
    try? FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    _ = try? SafeFile.write(writer.output, to: path, keepBackup: false, durable: false)
  }

  private static func load(_ repository: Repository) -> [(key: Key, accounts: Set<String>)] {
    guard let bytes = WorkTreeListing.read(file(repository)) else { return [] }
    return bytes.withUnsafeBytes { buffer in
      var reader = ByteReader(buffer)
      guard reader.matches(magic), reader.matches(ResultCache.fingerprint.bytes), let count = reader.integer()
      else { return [] }
      var entries: [(key: Key, accounts: Set<String>)] = []
      for _ in 0..<min(Int(count), keep) {
        guard let tree = reader.oid(), let settings = reader.oid(), let names = reader.integer() else { return [] }
        var accounts = Set<String>()
        for _ in 0..<names {
          guard let name = reader.string() else { return [] }
          accounts.insert(name)
        }
        entries.append((Key(tree: tree, settings: settings), accounts))
      }
      return entries
    }
  }
}
