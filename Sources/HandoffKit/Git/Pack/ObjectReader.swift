/// Reads small objects (record blobs, account folders' trees) straight from the packs, each
/// delta applied to a base it keeps from the versions read before, and through libgit2 where
/// the packs cannot answer. libgit2 serialises pack access across threads, which kept a walk
/// over every account on two cores to the speed of one.
final class ObjectReader {
  private let repository: Repository
  private let packs: PackedObjects
  private var recent: RecentObjects<(kind: PackFile.Kind, bytes: [UInt8])>

  init(repository: Repository, budget: Int = 16 << 20) {
    self.repository = repository
    self.packs = PackedObjects(objectsDirectory: repository.commonDirectory + "objects")
    self.recent = RecentObjects(budget: budget)
  }

  /// The bytes of blob `id` (an error when it is not one, as libgit2 gives).
  func blob(_ id: OID) throws(GitError) -> [UInt8] {
    if let location = packs.locate(id), let object = object(at: location), object.kind == .blob {
      return object.bytes
    }
    return try repository.blob(id)
  }

  /// The entries of tree `id` (an error when it is not one).
  func treeEntries(_ id: OID) throws(GitError) -> TreeListing {
    guard let location = packs.locate(id), let object = object(at: location), object.kind == .tree
    else { return try repository.treeEntries(id) }
    // A tree that does not parse to its end is libgit2's to refuse, in its words.
    let entries = object.bytes.withUnsafeBytes { RawTree(bytes: $0).listing() }
    guard let entries else { return try repository.treeEntries(id) }
    return entries
  }

  /// The object at `location` with its type, through its delta chain.
  private func object(at location: PackedObjects.Location) -> (kind: PackFile.Kind, bytes: [UInt8])?
  {
    packs.resolve(
      location, cached: { recent.value(at: $0) }, whole: { ($0, $1) },
      apply: { delta, base in Self.apply(delta, to: base.bytes).map { (base.kind, $0) } },
      keep: { object, location in
        // Large objects are not worth a place: this reader is for the small ones.
        if object.bytes.count <= recent.budget / 64 {
          recent.keep(object, cost: object.bytes.count + 64, at: location)
        }
      })
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
}
