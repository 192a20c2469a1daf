/// Reads small objects (record blobs, account folders' trees) straight from the packs, each
/// delta applied to a base it keeps from the versions read before, and through libgit2 where
/// the packs cannot answer. libgit2 serialises pack access across threads, which kept a walk
/// over every account on two cores to the speed of one.
final class ObjectReader {
  private let repository: Repository
  private let packs: PackedObjects
  private var cache: [PackedObjects.Location: (kind: PackFile.Kind, bytes: [UInt8], used: Int)] =
    [:]
  private var cachedBytes = 0
  private var uses = 0
  private let budget: Int

  init(repository: Repository, budget: Int = 16 << 20) {
    self.repository = repository
    self.packs = PackedObjects(objectsDirectory: repository.commonDirectory + "objects")
    self.budget = budget
  }

  /// The bytes of blob `id` (an error when it is not one, as libgit2 gives).
  func blob(_ id: OID) throws(GitError) -> [UInt8] {
    if let location = packs.locate(id), let object = object(at: location), object.kind == .blob {
      return object.bytes
    }
    return try repository.blob(id)
  }

  /// The entries of tree `id` (an error when it is not one).
  func treeEntries(_ id: OID) throws(GitError) -> [(name: String, id: OID, kind: TreeItem.Kind)] {
    guard let location = packs.locate(id), let object = object(at: location), object.kind == .tree
    else { return try repository.treeEntries(id) }
    let entries = object.bytes.withUnsafeBytes { bytes -> [(String, OID, TreeItem.Kind)]? in
      let tree = RawTree(bytes: bytes)
      let layout = tree.layout()
      // A tree that does not parse to its end is libgit2's to refuse, in its words.
      guard layout[layout.count - 1] == bytes.count else { return nil }
      return (0..<(layout.count - 1)).map {
        let entry = tree.entry($0, in: layout)
        return (entry.nameString, entry.oid, TreeItem.Kind(gitMode: entry.mode))
      }
    }
    guard let entries else { return try repository.treeEntries(id) }
    return entries.map { (name: $0.0, id: $0.1, kind: $0.2) }
  }

  /// The object at `location` with its type: down the delta chain to a cached or whole
  /// object, then each delta applied on the way back up. Nil when anything there is not as
  /// Git writes it.
  private func object(at location: PackedObjects.Location) -> (kind: PackFile.Kind, bytes: [UInt8])?
  {
    var chain: [(location: PackedObjects.Location, delta: [UInt8])] = []
    var current = location
    var base: (kind: PackFile.Kind, bytes: [UInt8])?
    while chain.count < 10_000 {
      if let cached = cache[current] {
        uses += 1
        cache[current]!.used = uses
        base = (cached.kind, cached.bytes)
        break
      }
      guard let header = packs.header(at: current),
        let data = packs.data(at: current, header: header)
      else { return nil }
      switch header.kind {
      case .deltaAtOffset(let offset):
        chain.append((current, data))
        current = PackedObjects.Location(pack: current.pack, offset: offset)
      case .deltaOfID(let id):
        guard let next = packs.locate(id) else { return nil }
        chain.append((current, data))
        current = next
      case let kind:
        base = (kind, data)
        remember(kind, data, at: current)
      }
      if base != nil { break }
    }
    guard var object = base else { return nil }
    for link in chain.reversed() {
      guard let bytes = Self.apply(link.delta, to: object.bytes) else { return nil }
      object.bytes = bytes
      remember(object.kind, bytes, at: link.location)
    }
    return object
  }

  /// The bytes `delta` makes of `base`, or nil when it does not fit it.
  static func apply(_ delta: [UInt8], to base: [UInt8]) -> [UInt8]? {
    delta.withUnsafeBytes { bytes -> [UInt8]? in
      var reader = DeltaReader(bytes: bytes)
      guard reader.size() == base.count, let size = reader.size(), size < 1 << 31 else {
        return nil
      }
      var out: [UInt8] = []
      // Not more than the base and the delta hold: a damaged size must not allocate for itself.
      out.reserveCapacity(min(size, base.count + bytes.count))
      while let instruction = reader.next() {
        switch instruction {
        case .copy(let offset, let count):
          guard offset + count <= base.count, out.count + count <= size else { return nil }
          out.append(contentsOf: base[offset..<(offset + count)])
        case .insert(let inserted):
          guard out.count + inserted.count <= size else { return nil }
          out.append(contentsOf: inserted)
        }
      }
      return reader.failed || out.count != size ? nil : out
    }
  }

  private func remember(
    _ kind: PackFile.Kind, _ bytes: [UInt8], at location: PackedObjects.Location
  ) {
    // Large objects are not worth a place: this reader is for the small ones.
    guard bytes.count <= budget / 64 else { return }
    uses += 1
    cache[location] = (kind, bytes, uses)
    cachedBytes += bytes.count + 64
    guard cachedBytes > budget else { return }
    let order = cache.sorted { $0.value.used < $1.value.used }
    for (key, value) in order.prefix(order.count / 2) {
      cache[key] = nil
      cachedBytes -= value.bytes.count + 64
    }
  }
}
