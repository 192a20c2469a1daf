internal import CLibGit2

/// A Git object id (SHA-1), copied out of libgit2 by value and stored inline: ids are hashed
/// and compared by the hundred thousand, so they must not live on the heap.
public struct OID: Hashable, Sendable, CustomStringConvertible {
  private let head: UInt64
  private let middle: UInt64
  private let tail: UInt32

  /// Reads 20 raw bytes.
  init(pointer: UnsafeRawPointer) {
    head = pointer.loadUnaligned(as: UInt64.self)
    middle = pointer.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
    tail = pointer.loadUnaligned(fromByteOffset: 16, as: UInt32.self)
  }

  public init(bytes: [UInt8]) {
    precondition(bytes.count == 20)
    self = bytes.withUnsafeBytes { OID(pointer: $0.baseAddress!) }
  }

  init(_ oid: git_oid) {
    var oid = oid
    self = withUnsafeBytes(of: &oid.id) { OID(pointer: $0.baseAddress!) }
  }

  /// Parses 40 hex digits; nil for anything else.
  public init?(hex: String) {
    let digits = Array(hex.utf8)
    guard digits.count == 40 else { return nil }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(20)
    for pair in stride(from: 0, to: 40, by: 2) {
      guard let high = Self.nibble(digits[pair]), let low = Self.nibble(digits[pair + 1]) else {
        return nil
      }
      bytes.append(high << 4 | low)
    }
    self.init(bytes: bytes)
  }

  private static func nibble(_ digit: UInt8) -> UInt8? {
    switch digit {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
    default: nil
    }
  }

  /// Appends the 20 raw bytes without making an array of them first.
  func append(to buffer: inout [UInt8]) {
    var copy = self
    withUnsafeBytes(of: &copy) { buffer.append(contentsOf: $0.prefix(20)) }
  }

  /// The 20 raw bytes.
  public var bytes: [UInt8] {
    var copy = self
    return withUnsafeBytes(of: &copy) { Array($0.prefix(20)) }
  }

  var raw: git_oid {
    var oid = git_oid()
    var copy = self
    withUnsafeBytes(of: &copy) { source in
      withUnsafeMutableBytes(of: &oid.id) { target in
        target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source.prefix(20)))
      }
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

  /// The kinds of object whose id can be computed from contents.
  enum ObjectType {
    case blob, tree
  }

  /// The id Git gives a blob with these contents.
  public static func ofBlob(_ contents: UnsafeRawBufferPointer) -> OID {
    ofObject(contents, type: .blob)
  }

  /// The id Git gives an object of `type` with these contents (nothing is written), hashed by
  /// the system's SHA-1 (see `handoff_object_sha1` for why not libgit2's `git_odb_hash`).
  static func ofObject(_ contents: UnsafeRawBufferPointer, type: ObjectType) -> OID {
    let header = Array("\(type == .blob ? "blob" : "tree") \(contents.count)\0".utf8)
    var digest = [UInt8](repeating: 0, count: 20)
    header.withUnsafeBufferPointer { header in
      digest.withUnsafeMutableBufferPointer { digest in
        handoff_object_sha1(
          header.baseAddress, header.count, contents.baseAddress, contents.count, digest.baseAddress
        )
      }
    }
    return OID(bytes: digest)
  }
}
