/// The account folders' tree listings as earlier runs read them (`handoff/listings-v1.bin`),
/// so that a warm `report`, `due` or `export` lists ten thousand folders without resolving ten
/// thousand delta chains (about half of a warm report's time before it).
///
/// Each listing is kept as the tree's own bytes, rebuilt from its entries, and is believed only
/// when those bytes hash to the tree's id: a damaged or stale entry is read from Git again.
/// Only the listings of the latest run are kept.
final class ListingCache: TreeListingMemory {
  private let trees: KeyedCache<[UInt8]>

  private init(trees: KeyedCache<[UInt8]>) { self.trees = trees }

  static func open(repository: Repository) -> ListingCache {
    ListingCache(
      trees: KeyedCache.open(
        "listings-v1.bin", repository: repository, codec: codec, keepOnlyUsed: true))
  }

  func listing(of tree: OID) -> TreeListing? {
    guard let bytes = trees.value(for: tree) else { return nil }
    return bytes.withUnsafeBytes { raw -> TreeListing? in
      guard OID.ofObject(raw, type: .tree) == tree else { return nil }
      return RawTree(bytes: raw).listing()
    }
  }

  /// Keeps `listing` as tree bytes, unless they would not hash to `tree` (a mode written in an
  /// unusual way, say): such a tree is simply read again next time.
  func remember(_ listing: TreeListing, of tree: OID) {
    var bytes: [UInt8] = []
    for entry in listing {
      TreeID.appendEntry(mode: entry.mode, name: entry.name.utf8, id: entry.id, to: &bytes)
    }
    guard bytes.withUnsafeBytes({ OID.ofObject($0, type: .tree) }) == tree else { return }
    trees.store(bytes, for: tree)
  }

  /// Writes the file when this run changed what it holds.
  func save() { trees.save() }

  private static let codec = KeyedCache<[UInt8]>.Codec(
    magic: Array("handoff-listings-1\n".utf8),
    encode: { bytes, writer in
      writer.integer(UInt32(bytes.count))
      writer.bytes(bytes)
    },
    decode: { reader in
      guard let count = reader.integer(), let bytes = reader.slice(Int(count)) else { return nil }
      return Array(bytes)
    })
}

extension Snapshot {
  /// `items(under:)` of the accounts folder, for a commit through the listing cache (unless
  /// `useCache` is false, which lists every folder from Git as the reference).
  func accountItems(under directory: String, useCache: Bool) throws(GitError) -> [TreeItem] {
    guard useCache, commit != nil else { return try items(under: directory) }
    let cache = ListingCache.open(repository: repository)
    defer { cache.save() }
    return try items(under: directory, memory: cache)
  }
}
