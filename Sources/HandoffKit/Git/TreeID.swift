/// Computes the id Git would give a tree of files, without writing anything.
///
/// `validate --staged` compares each staged account folder with HEAD's: when the staged folder
/// would hash to the same tree id, nothing in it changed and HEAD's folder need not be read.
enum TreeID {
  /// The tree id of a folder holding exactly these files, or nil when it cannot be computed
  /// here (a nested folder, or a file whose mode is unknown).
  static func of(_ items: [TreeItem]) -> OID? {
    var entries: [(name: [UInt8], mode: UInt32, id: OID)] = []
    for item in items {
      // Files, links and submodules sort by plain name; a nested folder would not.
      guard item.kind != .directory, item.kind != .special, let mode = item.mode, let id = item.oid
      else {
        return nil
      }
      entries.append((Array(item.name.utf8), mode, id))
    }
    // Files only, so plain byte order is Git's order.
    entries.sort { $0.name.lexicographicallyPrecedes($1.name) }
    var body: [UInt8] = []
    for entry in entries {
      appendEntry(mode: entry.mode, name: entry.name, id: entry.id, to: &body)
    }
    return body.withUnsafeBytes { OID.ofObject($0, type: .tree) }
  }

  /// Appends one entry as a tree object holds it: `<octal mode> <name>\0<20-byte id>`.
  static func appendEntry(
    mode: UInt32, name: some Collection<UInt8>, id: OID, to body: inout [UInt8]
  ) {
    body += Array(String(mode, radix: 8).utf8)
    body.append(UInt8(ascii: " "))
    body += name
    body.append(0)
    body += id.bytes
  }
}
