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
  private var cache: [PackedObjects.Location: (version: TreeVersion, used: Int)] = [:]
  private var cachedEntries = 0
  private var uses = 0
  /// The version returned last: a whole tree read next is most likely close to it.
  private var latest: TreeVersion?
  private let budget: Int
  /// How many versions came from a delta, a whole object in a pack, and libgit2.
  private(set) var counts = (deltas: 0, whole: 0, libgit2: 0)

  init(repository: Repository, budget: Int = 4_000_000) {
    self.repository = repository
    self.packs = PackedObjects(objectsDirectory: repository.commonDirectory + "objects")
    self.budget = budget
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
        for number in version.entries {
          let entry = store.entry(Int(number), in: table.starts)
          if entry.name.elementsEqual(wanted) { return entry }
        }
        return nil
      }
      guard let found, step == path.count - 1 || found.isTree else { return nil }
      current = found.oid
    }
    return current
  }

  /// The version at `location`: down its delta chain to a version already decoded or a whole
  /// tree, then up again applying each delta. Nil for anything but a tree, or a chain that
  /// does not resolve inside the packs.
  private func version(at location: PackedObjects.Location) -> TreeVersion? {
    var chain: [(location: PackedObjects.Location, delta: [UInt8])] = []
    var current = location
    var base: TreeVersion?
    // Deltas point back in a pack, so offsets stop; ids could point in a circle.
    while chain.count < 10_000 {
      if let cached = cache[current] {
        uses += 1
        cache[current]!.used = uses
        base = cached.version
        break
      }
      guard let header = packs.header(at: current),
        let data = packs.data(at: current, header: header)
      else { return nil }
      switch header.kind {
      case .tree:
        guard
          let whole = data.withUnsafeBytes({ TreeVersion(bytes: $0, table: table, hint: latest) })
        else {
          return nil
        }
        counts.whole += 1
        remember(whole, at: current)
        base = whole
      case .deltaAtOffset(let offset):
        chain.append((current, data))
        current = PackedObjects.Location(pack: current.pack, offset: offset)
        continue
      case .deltaOfID(let id):
        guard let next = packs.locate(id) else { return nil }
        chain.append((current, data))
        current = next
        continue
      default: return nil
      }
      break
    }
    guard var version = base else { return nil }
    for link in chain.reversed() {
      guard
        let next = link.delta.withUnsafeBytes({
          TreeVersion(applying: $0, to: version, table: table)
        })
      else { return nil }
      counts.deltas += 1
      remember(next, at: link.location)
      version = next
    }
    return version
  }

  private func remember(_ version: TreeVersion, at location: PackedObjects.Location) {
    guard version.isExact else { return }
    uses += 1
    cache[location] = (version, uses)
    cachedEntries += version.entries.count + 1
    guard cachedEntries > budget else { return }
    // Forget the least recently used half.
    let order = cache.sorted { $0.value.used < $1.value.used }
    for (key, value) in order.prefix(order.count / 2) {
      cache[key] = nil
      cachedEntries -= value.version.entries.count + 1
    }
  }
}
