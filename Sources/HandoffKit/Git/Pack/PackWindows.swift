#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A few windows of a file's bytes, each read with one `pread`, so that the readers of a walk
/// each keep their place: git writes a pack's commits, trees and blobs in separate runs, and a
/// walk reading a commit, then its tree, then a blob would move a single window back and forth
/// (one window read each pack byte about 85 times in a walk of the 1,000-account repository).
///
/// A read next to a window (a couple of pages either side) moves that window, forward or
/// backward as the reader goes, reading twice as much each time up to 64 KB; a read far from
/// every window replaces the one used longest ago, and takes only a couple of pages: an
/// account's versions lie all over a pack, and a small object fits whole.
struct PackWindows {
  private struct Window {
    var buffer: UnsafeMutableRawBufferPointer
    var start: UInt64 = 0
    var count = 0
    var lastUse = 0
    /// How much the window reads when it moves: it doubles while the reader keeps to it.
    var reach = PackWindows.farRead
  }

  private static let span = 64 << 10
  private static let farRead = 8 << 10
  private var windows: [Window]
  private var clock = 0

  init(count: Int = 4) {
    windows = (0..<count).map { _ in
      Window(buffer: .allocate(byteCount: Self.span, alignment: 16))
    }
  }

  /// Frees the buffers; the owner calls it once, when it goes.
  func deallocate() {
    for window in windows { window.buffer.deallocate() }
  }

  /// The bytes of `descriptor` (`length` long) from `offset` to the end of a window, at least
  /// `minimum` of them or up to the end of the file; nil when they cannot be read. They stay
  /// valid until the next call.
  mutating func bytes(
    at offset: UInt64, minimum: Int, descriptor: Int32, length: UInt64
  ) -> UnsafeRawBufferPointer? {
    guard offset < length else { return nil }
    let wanted = Int(min(UInt64(minimum), length - offset))
    clock += 1
    if let hit = windows.firstIndex(where: {
      offset >= $0.start && offset + UInt64(wanted) <= $0.start + UInt64($0.count)
    }) {
      windows[hit].lastUse = clock
      return slice(of: hit, from: offset)
    }
    let gap = UInt64(Self.farRead)
    let near = windows.firstIndex {
      $0.count > 0 && offset + gap >= $0.start && offset <= $0.start + UInt64($0.count) + gap
    }
    let slot = near ?? windows.indices.min { windows[$0].lastUse < windows[$1].lastUse }!
    windows[slot].reach = near == nil ? Self.farRead : min(windows[slot].reach * 2, Self.span)
    var count = max(windows[slot].reach, wanted)
    var start = offset
    if near != nil, offset < windows[slot].start {
      // Just before the window (a walk from the newest commit back): the window then ends a
      // little after the offset, so the objects before it come with it.
      let end = offset + UInt64(max(wanted, 4096))
      start = end > UInt64(count) ? end - UInt64(count) : 0
    }
    count = Int(min(UInt64(count), length - start))
    if count > windows[slot].buffer.count {
      windows[slot].buffer.deallocate()
      windows[slot].buffer = .allocate(byteCount: count, alignment: 16)
    }
    let read = pread(descriptor, windows[slot].buffer.baseAddress, count, off_t(start))
    guard read >= 0, start + UInt64(read) >= offset + UInt64(wanted) else {
      windows[slot].count = 0
      return nil
    }
    windows[slot].start = start
    windows[slot].count = read
    windows[slot].lastUse = clock
    return slice(of: slot, from: offset)
  }

  private func slice(of index: Int, from offset: UInt64) -> UnsafeRawBufferPointer {
    let window = windows[index]
    let from = Int(offset - window.start)
    return UnsafeRawBufferPointer(
      rebasing: UnsafeRawBufferPointer(window.buffer)[from..<window.count])
  }
}
