import Foundation

/// The accounts folder's tree object as the last pre-commit checks computed or read it: the
/// one the index would commit (HEAD's once that commit is made) and HEAD's, read once through
/// libgit2. The next check reads it from here instead of having libgit2 inflate a 600 KB tree
/// through its delta chain.
///
/// Derived data, one tree a file (`handoff/accounts-tree-staged.bin` and `-head.bin`: the id,
/// then the tree's bytes); the bytes are hashed again on reading, so a damaged file is never
/// believed.
enum AccountsTreeCache {
  enum Slot: String {
    /// What the last check's index would commit.
    case staged
    /// The HEAD the last check read.
    case head
  }

  private static func file(_ slot: Slot, _ repository: Repository) -> String {
    repository.commonDirectory + "handoff/accounts-tree-\(slot.rawValue).bin"
  }

  /// The bytes of tree `id`, when one of the files holds exactly that tree.
  static func bytes(of id: OID, in repository: Repository) -> ArraySlice<UInt8>? {
    for slot in [Slot.staged, .head] where storedID(slot, repository) == id {
      guard let stored = WorkTreeListing.read(file(slot, repository)), stored.count >= 20 else {
        continue
      }
      let tree = stored.dropFirst(20)
      if tree.withUnsafeBytes({ OID.ofObject($0, type: .tree) }) == id { return tree }
    }
    return nil
  }

  /// Keeps `tree` in `slot`, unless the slot holds it already.
  static func save(_ tree: [UInt8], id: OID, as slot: Slot, in repository: Repository) {
    guard storedID(slot, repository) != id else { return }
    let path = file(slot, repository)
    try? FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    _ = try? SafeFile.write(id.bytes + tree, to: path, keepBackup: false, durable: false)
  }

  /// The id a slot's file starts with, read alone.
  private static func storedID(_ slot: Slot, _ repository: Repository) -> OID? {
    guard let handle = FileHandle(forReadingAtPath: file(slot, repository)) else { return nil }
    defer { try? handle.close() }
    guard let head = try? handle.read(upToCount: 20), head.count == 20 else { return nil }
    return OID(bytes: Array(head))
  }
}
