/// Each account's rows of the five record tables, already written in one format, remembered by
/// the account's state (its files' ids, the settings' id and its folder name): an account seen
/// before is neither read nor parsed nor audited again (`handoff/export-csv-v1.bin`,
/// `export-jsonl-v1.bin`), keeping the entries of the latest run only.
enum ExportCache {
  static func open(repository: Repository, format: Exporter.Format) -> KeyedCache<[[UInt8]]> {
    KeyedCache.open(
      "export-\(format.rawValue)-v1.bin", repository: repository, codec: codec, keepOnlyUsed: true)
  }

  /// The key of one account's rows: its state's key and its folder name.
  static func key(state: OID, account: String) -> OID {
    (state.bytes + Array(account.utf8)).withUnsafeBytes { OID.ofBlob($0) }
  }

  static let codec = KeyedCache<[[UInt8]]>.Codec(
    magic: Array("handoff-export-1\n".utf8),
    encode: { tables, writer in
      writer.integer(UInt32(tables.count))
      for bytes in tables {
        writer.integer(UInt32(bytes.count))
        writer.bytes(bytes)
      }
    },
    decode: { reader in
      guard let tables = reader.integer() else { return nil }
      var list: [[UInt8]] = []
      for _ in 0..<tables {
        guard let size = reader.integer(), let slice = reader.slice(Int(size)) else { return nil }
        list.append(Array(slice))
      }
      return list
    })
}
