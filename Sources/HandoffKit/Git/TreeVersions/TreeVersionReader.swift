/// Reads versions of a tree as `TreeVersion`s: from the pack's deltas where it can, so that a
/// version costs what changed in it rather than the size of the tree, and from libgit2 where
/// it cannot (loose objects, other object stores, anything unexpected in a pack). Every
/// version it returns equals the tree's full parse; the packs are only a faster way there.
///
/// Keeps the versions it decoded, newest use first, up to `budget` entries in all: enough for
/// Git's delta chains (50 deep by default) in whichever direction they run.
final class TreeVersionReader {
  let table = TreeEntryTable()
  private let repository: Repository
  private let packs: PackedObjects
  private var recent: RecentObjects<TreeVersion>
  /// The version returned last: a whole tree read next is most likely close to it.
  private var latest: TreeVersion?
  /// How many versions came from a delta, a whole object in a pack (and those objects' bytes),
  /// and libgit2.
  private(set) var counts = (deltas: 0, whole: 0, wholeBytes: 0, libgit2: 0)

  init(repository: Repository, budget: Int = 4_000_000) {
    self.repository = repository
    self.packs = PackedObjects(objectsDirectory: repository.commonDirectory + "objects")
    self.recent = RecentObjects(budget: budget)
  }

  /// The version of the tree `id` (the empty tree for nil).
  func version(of id: OID?) throws(GitError) -> TreeVersion {
    guard let id else { return .empty }
    if let location = packs.locate(id), let version = version(at: location) {
      latest = version
      return version
    }
    counts.libgit2 += 1
    let object = try repository.rawObject(id)
    let version = object.withBytes { TreeVersion(bytes: $0, table: table, hint: latest) }
    guard let version else {
      throw GitError(
        code: .generic, message: "too many distinct tree entries to compare (2 GiB)",
        function: "history")
    }
    latest = version
    return version
  }

  /// The tree of commit `id`.
  func tree(ofCommit id: OID) throws(GitError) -> OID {
    if let start = packs.commitStart(id) { return start.tree }
    return try repository.commitInfo(id).tree
  }

  /// The id of the entry at `path` (folder names, from the top) below the tree `root`, or nil
  /// when there is none; as `git_tree_entry_bypath` finds it, every step but the last a folder.
  func entryID(at path: [String], below root: OID) throws(GitError) -> OID? {
    var current = root
    for (step, name) in path.enumerated() {
      let version = try version(of: current)
      let wanted = Array(name.utf8)
      let found = table.withEntries { store -> RawTree.Entry? in
        var found: RawTree.Entry?
        version.forEachEntry { number in
          let entry = store.entry(Int(number), in: table.starts)
          if entry.name.elementsEqual(wanted) { found = entry }
          return found == nil
        }
        return found
      }
      guard let found, step == path.count - 1 || found.isTree else { return nil }
      current = found.oid
    }
    return current
  }

  /// The version at `location`, through its delta chain; nil for anything but a tree, or a
  /// chain that does not resolve inside the packs.
  private func version(at location: PackedObjects.Location) -> TreeVersion? {
    packs.resolve(
      location, cached: { recent.value(at: $0) },
      whole: { kind, data in
        guard kind == .tree else { return nil }
        counts.whole += 1
        counts.wholeBytes += data.count
        return data.withUnsafeBytes { TreeVersion(bytes: $0, table: table, hint: latest) }
      },
      apply: { delta, base in
        counts.deltas += 1
        return delta.withUnsafeBytes { TreeVersion(applying: $0, to: base, table: table) }
      },
      keep: { version, location in
        // A version that is not a whole tree is no base for deltas.
        if version.isExact { recent.keep(version, cost: version.count + 1, at: location) }
      })
  }
}
