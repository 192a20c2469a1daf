/// Every change of every account folder along the walked history: the commit, and the folder's
/// tree after it (nil once deleted). Kept in the history index so that `log` and `blame` of one
/// account read its versions instead of every commit's accounts tree.
///
/// The index holds them encoded, and a command that does not need them never decodes them:
/// one account's list is found by skipping the others.
struct FolderVersions {
  typealias Version = (commit: OID, folder: OID?)

  private var encoded: [UInt8] = Self.empty
  private var decoded: [String: [Version]]?

  private static let empty: [UInt8] = [0, 0, 0, 0]

  init() { decoded = [:] }

  init(encoded bytes: [UInt8]) { encoded = bytes }

  /// One account's versions, oldest first; nil when the encoded form does not read.
  func versions(of account: String) -> [Version]? {
    if let decoded { return decoded[account] ?? [] }
    return encoded.withUnsafeBytes { raw -> [Version]? in
      var reader = ByteReader(raw)
      guard let count = reader.integer() else { return nil }
      for _ in 0..<count {
        guard let name = reader.string(), let length = reader.integer(),
          let list = reader.slice(Int(length))
        else { return nil }
        guard name == account else { continue }
        return Self.decode(list)
      }
      return []
    }
  }

  mutating func append(_ account: String, commit: OID, folder: OID?) {
    if decoded == nil { decoded = decodeAll() ?? [:] }
    decoded![account, default: []].append((commit, folder))
  }

  func encode() -> [UInt8] {
    guard let decoded else { return encoded }
    var writer = ByteWriter()
    writer.integer(UInt32(decoded.count))
    for (name, list) in decoded.sorted(by: { $0.key < $1.key }) {
      var entries = ByteWriter()
      for version in list {
        entries.bytes(version.commit.bytes)
        entries.bytes(version.folder.map { [1] + $0.bytes } ?? [0])
      }
      writer.string(name)
      writer.integer(UInt32(entries.output.count))
      writer.bytes(entries.output)
    }
    return writer.output
  }

  private func decodeAll() -> [String: [Version]]? {
    encoded.withUnsafeBytes { raw -> [String: [Version]]? in
      var reader = ByteReader(raw)
      guard let count = reader.integer() else { return nil }
      var all: [String: [Version]] = [:]
      for _ in 0..<count {
        guard let name = reader.string(), let length = reader.integer(),
          let list = reader.slice(Int(length)),
          let versions = Self.decode(list)
        else { return nil }
        all[name] = versions
      }
      return all
    }
  }

  private static func decode(_ bytes: UnsafeRawBufferPointer) -> [Version]? {
    var reader = ByteReader(bytes)
    var versions: [Version] = []
    while !reader.isAtEnd {
      guard let commit = reader.oid(), let present = reader.byte() else { return nil }
      if present == 1 {
        guard let folder = reader.oid() else { return nil }
        versions.append((commit, folder))
      } else {
        versions.append((commit, nil))
      }
    }
    return versions
  }
}
