#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A pack's index (`.idx`, version 2): the ids of the objects the pack holds, sorted, and
/// where each starts. Mapped read-only, so a lookup touches a few pages of it, not the file.
///
/// The layout is Git's: a magic number and version, 256 cumulative counts by first byte, the
/// ids, their CRCs, 4-byte offsets (the high bit marks an index into the 8-byte offsets that
/// follow, for packs over 2 GiB), then two checksums.
final class PackIndex {
  private let base: UnsafeRawPointer
  private let length: Int
  let count: Int

  /// Nil when the file cannot be read or is not a well-formed version 2 index.
  init?(path: String) {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0, status.st_size >= 8 + 1024 + 40 else { return nil }
    let size = Int(status.st_size)
    guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0),
      mapped != MAP_FAILED
    else { return nil }
    let start = UnsafeRawPointer(mapped)
    let entries = Int(Self.bigEndian32(start, 8 + 255 * 4))
    // Everything up to the 4-byte offsets must be inside the file; large offsets are checked
    // when read.
    guard Self.bigEndian32(start, 0) == 0xff74_4f63, Self.bigEndian32(start, 4) == 2,
      8 + 1024 + entries * 28 + 40 <= size
    else {
      munmap(mapped, size)
      return nil
    }
    base = start
    length = size
    count = entries
  }

  deinit { munmap(UnsafeMutableRawPointer(mutating: base), length) }

  /// Where `id` starts in the pack, or nil when the pack does not hold it.
  func offset(of id: OID) -> UInt64? {
    var copy = id
    return withUnsafeBytes(of: &copy) { key -> UInt64? in
      let first = Int(key[0])
      let low = first == 0 ? 0 : Int(Self.bigEndian32(base, 8 + (first - 1) * 4))
      let high = Int(Self.bigEndian32(base, 8 + first * 4))
      guard low <= high, high <= count else { return nil }
      let ids = base + 8 + 1024
      let found = partitionPoint(low..<high) { memcmp(ids + $0 * 20, key.baseAddress!, 20) < 0 }
      guard found < high, memcmp(ids + found * 20, key.baseAddress!, 20) == 0 else { return nil }
      return offset(at: found)
    }
  }

  private func offset(at position: Int) -> UInt64? {
    let offsets = 8 + 1024 + count * 24
    let small = Self.bigEndian32(base, offsets + position * 4)
    guard small & 0x8000_0000 != 0 else { return UInt64(small) }
    let large = offsets + count * 4 + Int(small & 0x7fff_ffff) * 8
    guard large + 8 + 40 <= length else { return nil }
    return UInt64(Self.bigEndian32(base, large)) << 32 | UInt64(Self.bigEndian32(base, large + 4))
  }

  private static func bigEndian32(_ base: UnsafeRawPointer, _ offset: Int) -> UInt32 {
    UInt32(bigEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
  }
}
