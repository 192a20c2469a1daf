import Foundation

/// The accounts folder's tree object as the last pre-commit check computed it for the index:
/// once that index is committed it is HEAD's, and the next check reads it from here instead of
/// having libgit2 inflate a 600 KB tree through its delta chain.
///
/// Derived data (`handoff/accounts-tree-v1.bin`: the id, then the tree's bytes); the bytes are
/// hashed again on reading, so a damaged file is never believed.
enum AccountsTreeCache {
  private static func file(_ repository: Repository) -> String {
    repository.commonDirectory + "handoff/accounts-tree-v1.bin"
  }

  /// The bytes of tree `id`, when the file holds exactly that tree.
  static func bytes(of id: OID, in repository: Repository) -> [UInt8]? {
    guard let stored = WorkTreeListing.read(file(repository)), stored.count >= 20,
      OID(bytes: Array(stored.prefix(20))) == id
    else { return nil }
    let tree = Array(stored.dropFirst(20))
    return tree.withUnsafeBytes { OID.ofObject($0, type: .tree) } == id ? tree : nil
  }

  static func save(_ tree: [UInt8], id: OID, in repository: Repository) {
    let path = file(repository)
    try? FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    _ = try? SafeFile.write(id.bytes + tree, to: path, keepBackup: false, durable: false)
  }
}
