import Foundation

/// The packs in a repository's object store (`objects/pack`), for reading objects without
/// libgit2 where the pack's own structure is what makes a walk fast: deltas say which bytes
/// of a version are new. Objects it cannot find (loose ones, those in alternates) are
/// libgit2's to read.
final class PackedObjects {
  /// Where an object starts: which pack, and the offset in it.
  struct Location: Hashable {
    var pack: Int
    var offset: UInt64
  }

  private let packs: [(index: PackIndex, file: PackFile)]

  /// The packs of the object store at `objectsDirectory`; packs that cannot be read are left to
  /// libgit2.
  init(objectsDirectory: String) {
    let folder = objectsDirectory + "/pack"
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    packs = names.filter { $0.hasSuffix(".idx") }.sorted().compactMap { name in
      let stem = folder + "/" + name.dropLast(4)
      guard let index = PackIndex(path: stem + ".idx"), let file = PackFile(path: stem + ".pack")
      else { return nil }
      return (index, file)
    }
  }

  var isEmpty: Bool { packs.isEmpty }

  func locate(_ id: OID) -> Location? {
    for (number, pack) in packs.enumerated() {
      if let offset = pack.index.offset(of: id) { return Location(pack: number, offset: offset) }
    }
    return nil
  }

  func header(at location: Location) -> PackFile.Header? {
    packs[location.pack].file.header(at: location.offset)
  }

  /// The tree and first parent of the commit `id` when the pack holds it whole (as Git writes
  /// commits): read from the commit's first two lines, without inflating the rest.
  func commitStart(_ id: OID) -> (tree: OID, firstParent: OID?)? {
    guard let location = locate(id), let header = header(at: location), header.kind == .commit,
      let start = packs[location.pack].file.inflatePrefix(at: header.dataOffset, count: 94),
      start.count >= 53, start[0..<5].elementsEqual("tree ".utf8), start[45] == 0x0a,
      let tree = OID(hex: String(decoding: start[5..<45], as: UTF8.self))
    else { return nil }
    guard start[46..<53].elementsEqual("parent ".utf8) else { return (tree, nil) }
    guard start.count == 94, start[93] == 0x0a,
      let parent = OID(hex: String(decoding: start[53..<93], as: UTF8.self))
    else { return nil }
    return (tree, parent)
  }

  /// The inflated data the object (or delta) with `header` at `location` holds.
  func data(at location: Location, header: PackFile.Header) -> [UInt8]? {
    packs[location.pack].file.inflate(at: header.dataOffset, size: header.size)
  }
}
