internal import CLibGit2

/// A Git object id (SHA-1), copied out of libgit2 by value.
public struct OID: Hashable, Sendable, CustomStringConvertible {
  /// The 20 raw bytes.
  public let bytes: [UInt8]

  public init(bytes: [UInt8]) {
    precondition(bytes.count == 20)
    self.bytes = bytes
  }

  init(_ oid: git_oid) {
    var oid = oid
    bytes = withUnsafeBytes(of: &oid.id) { Array($0.prefix(20)) }
  }

  var raw: git_oid {
    var oid = git_oid()
    withUnsafeMutableBytes(of: &oid.id) { target in
      for (index, byte) in bytes.enumerated() { target[index] = byte }
    }
    return oid
  }

  /// The 40-digit lower-case hex form.
  public var description: String {
    let digits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    text.reserveCapacity(40)
    for byte in bytes {
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: text, as: UTF8.self)
  }

  /// The id Git gives a blob with these contents.
  ///
  /// The corresponding C function is `git_odb_hash`.
  public static func ofBlob(_ contents: UnsafeRawBufferPointer) -> OID {
    LibGit2.ensureInitialized()
    var oid = git_oid()
    _ = git_odb_hash(&oid, contents.baseAddress, contents.count, GIT_OBJECT_BLOB)
    return OID(oid)
  }
}
