import Foundation

/// Appends little-endian integers and length-prefixed strings.
struct ByteWriter {
  var output: [UInt8] = []

  mutating func bytes(_ bytes: [UInt8]) { output.append(contentsOf: bytes) }

  mutating func integer(_ value: UInt32) {
    withUnsafeBytes(of: value.littleEndian) { output.append(contentsOf: $0) }
  }

  mutating func string(_ text: String) {
    integer(UInt32(text.utf8.count))
    output.append(contentsOf: text.utf8)
  }
}

/// Reads what `ByteWriter` wrote, in place; every read returns nil past the end instead of
/// trapping, so a truncated or corrupt cache is simply not used.
struct ByteReader {
  private let input: UnsafeRawBufferPointer
  private var offset = 0

  init(_ input: UnsafeRawBufferPointer) { self.input = input }

  var isAtEnd: Bool { offset == input.count }
  /// How many bytes have been read.
  var position: Int { offset }

  private mutating func take(_ count: Int) -> UnsafeRawBufferPointer? {
    guard count >= 0, input.count - offset >= count else { return nil }
    defer { offset += count }
    return UnsafeRawBufferPointer(rebasing: input[offset..<offset + count])
  }

  mutating func matches(_ expected: [UInt8]) -> Bool {
    take(expected.count).map { $0.elementsEqual(expected) } ?? false
  }

  mutating func byte() -> UInt8? { take(1)?.first }

  mutating func slice(_ count: Int) -> UnsafeRawBufferPointer? { take(count) }

  mutating func oid() -> OID? { take(20).map { OID(pointer: $0.baseAddress!) } }

  mutating func integer() -> UInt32? {
    take(4).map { UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self)) }
  }

  mutating func string() -> String? {
    guard let length = integer(), let raw = take(Int(length)) else { return nil }
    return String(decoding: raw, as: UTF8.self)
  }
}
