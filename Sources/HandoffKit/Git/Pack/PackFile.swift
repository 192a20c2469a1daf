internal import CZlib

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One pack file (`.pack`), read with `pread`: a history walk visits most of a pack, and a
/// mapping would keep every page it touched resident.
///
/// Each object starts with its type and inflated size (7 bits a byte, low bits first after the
/// type's 4), a delta then names its base (as a distance back, or by id), and the zlib stream
/// follows.
final class PackFile {
  enum Kind: Equatable {
    case commit, tree, blob, tag
    /// A delta against the object at that offset of the same pack.
    case deltaAtOffset(UInt64)
    case deltaOfID(OID)
  }

  struct Header {
    var kind: Kind
    /// The size of the inflated data: the object itself, or for a delta the delta.
    var size: Int
    /// Where the zlib stream starts.
    var dataOffset: UInt64
  }

  private let descriptor: Int32
  private let length: UInt64
  /// One zlib stream, reset for each object (a fresh one allocates its window every time).
  /// A pack file is read by one thread: each worker opens its own.
  private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
  private var streamReady = false
  /// Where the reads of a walk keep their place in the file.
  private var windows = PackWindows()

  /// Nil when the file cannot be opened or does not start like a version 2 or 3 pack.
  init?(path: String) {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    var status = stat()
    var magic = [UInt8](repeating: 0, count: 8)
    guard fstat(descriptor, &status) == 0, status.st_size > 32,
      pread(descriptor, &magic, 8, 0) == 8,
      magic[0...3] == [0x50, 0x41, 0x43, 0x4b], magic[4...6] == [0, 0, 0],
      magic[7] == 2 || magic[7] == 3
    else {
      close(descriptor)
      return nil
    }
    self.descriptor = descriptor
    length = UInt64(status.st_size)
  }

  deinit {
    if streamReady { inflateEnd(stream) }
    stream.deallocate()
    windows.deallocate()
    close(descriptor)
  }

  private func fileBytes(at offset: UInt64, minimum: Int) -> UnsafeRawBufferPointer? {
    windows.bytes(at: offset, minimum: minimum, descriptor: descriptor, length: length)
  }

  /// The header of the object at `offset`, or nil when the bytes there are not one.
  func header(at offset: UInt64) -> Header? {
    guard offset >= 12, offset < length - 20, let bytes = fileBytes(at: offset, minimum: 40) else {
      return nil
    }
    let read = min(bytes.count, 40)
    var position = 0
    var byte = bytes[0]
    let type = (byte >> 4) & 7
    var size = Int(byte & 0x0f)
    var shift = 4
    while byte & 0x80 != 0 {
      position += 1
      guard position < read, shift < 57 else { return nil }
      byte = bytes[position]
      size |= Int(byte & 0x7f) << shift
      shift += 7
    }
    position += 1
    let kind: Kind
    switch type {
    case 1: kind = .commit
    case 2: kind = .tree
    case 3: kind = .blob
    case 4: kind = .tag
    case 6:
      // The distance back: big-endian 7-bit groups, each continuation adding one (so every
      // distance has one encoding).
      guard position < read else { return nil }
      byte = bytes[position]
      var distance = UInt64(byte & 0x7f)
      while byte & 0x80 != 0 {
        position += 1
        guard position < read, distance < 1 << 56 else { return nil }
        byte = bytes[position]
        distance = (distance + 1) << 7 | UInt64(byte & 0x7f)
      }
      position += 1
      guard distance > 0, distance <= offset else { return nil }
      kind = .deltaAtOffset(offset - distance)
    case 7:
      guard position + 20 <= read else { return nil }
      kind = .deltaOfID(OID(pointer: bytes.baseAddress! + position))
      position += 20
    default: return nil
    }
    return Header(kind: kind, size: size, dataOffset: offset + UInt64(position))
  }

  /// The `size` bytes the zlib stream at `offset` inflates to, or nil when it does not inflate
  /// to exactly that many.
  func inflate(at offset: UInt64, size: Int) -> [UInt8]? {
    // zlib expands at most about 1,032 to 1: a header claiming more than the rest of the file
    // could hold is damaged, and is not worth allocating for.
    guard size < 1 << 31, offset < length, UInt64(size) <= (length - offset) * 1_100 + 64 else {
      return nil
    }
    // One spare byte: zlib needs somewhere to write even when nothing is expected, and a stream
    // longer than it says fills it.
    guard let output = inflate(at: offset, capacity: size + 1, stopWhenFull: false),
      output.count == size
    else { return nil }
    return output
  }

  /// The first `count` bytes the zlib stream at `offset` inflates to (fewer when it is
  /// shorter), without inflating the rest: a commit's tree line, say.
  func inflatePrefix(at offset: UInt64, count: Int) -> [UInt8]? {
    inflate(at: offset, capacity: count, stopWhenFull: true)
  }

  private func inflate(at offset: UInt64, capacity: Int, stopWhenFull: Bool) -> [UInt8]? {
    var output = [UInt8](repeating: 0, count: capacity)
    if streamReady {
      guard inflateReset(stream) == Z_OK else { return nil }
    } else {
      stream.initialize(to: z_stream())
      guard handoff_inflate_init(stream) == Z_OK else { return nil }
      streamReady = true
    }
    let stream = stream
    // Whatever the last object left unread belongs to bytes that are gone.
    stream.pointee.avail_in = 0
    var position = offset
    let inflated = output.withUnsafeMutableBytes { out -> Bool in
      stream.pointee.next_out = out.baseAddress!.assumingMemoryBound(to: Bytef.self)
      stream.pointee.avail_out = uInt(capacity)
      while true {
        if stream.pointee.avail_in == 0 {
          // zlib has taken every byte it was given, so the window may move.
          guard let input = fileBytes(at: position, minimum: 1) else { return false }
          position += UInt64(input.count)
          stream.pointee.next_in = UnsafeMutablePointer(
            mutating: input.baseAddress!.assumingMemoryBound(to: Bytef.self))
          stream.pointee.avail_in = uInt(input.count)
        }
        let status = CZlib.inflate(stream, Z_NO_FLUSH)
        if stopWhenFull, stream.pointee.avail_out == 0, status == Z_OK || status == Z_BUF_ERROR {
          return true
        }
        switch status {
        case Z_STREAM_END: return true
        case Z_OK: continue
        case Z_BUF_ERROR where stream.pointee.avail_in == 0: continue
        default: return false
        }
      }
    }
    guard inflated, stream.pointee.total_out <= capacity else { return nil }
    output.removeLast(capacity - Int(stream.pointee.total_out))
    return output
  }
}
