extension AccountRecord {
  /// Loads an account folder's record files through `reader`, using bytes already read (and
  /// hashed) where given. A file that cannot be read or parsed is present with no content.
  init(_ folder: AccountFolder, reader: SnapshotReader, preloaded: [RecordFile: [UInt8]] = [:]) {
    var roots: [RecordFile: YAMLNode] = [:]
    for (kind, item) in folder.files {
      guard let bytes = preloaded[kind] ?? (try? reader.contents(of: item).bytes) else { continue }
      roots[kind] = YAMLLoader.load(bytes).root
    }
    self.init(id: folder.id, present: folder.presentKinds, roots: roots)
  }
}

extension Snapshot {
  /// A commit's snapshot, or the work tree's when `revision` is nil, for a command.
  static func open(_ revision: String?, in repository: Repository) throws(HandoffError)
    -> Snapshot
  {
    do {
      return try Snapshot(
        repository: repository, source: revision.map { .revision($0) } ?? .worktree)
    } catch {
      if let revision { throw repository.unresolved(revision, error) }
      throw .noWorkTree
    }
  }
}
