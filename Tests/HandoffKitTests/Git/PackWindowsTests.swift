import Foundation
import HandoffTestSupport
import Testing

@testable import HandoffKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Whatever order the reads come in (forward runs, backward runs, jumps, reads across a
/// window's end, reads longer than a window), the windows give the file's own bytes.
@Suite struct PackWindowsTests {
  @Test func readsGiveTheFileBytesWhateverTheOrder() throws {
    let repository = try TestRepository()
    var generator = SeededGenerator(state: 0x5eed_0f_1e)
    let size = 700_000
    let content = (0..<size).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
    _ = try repository.write("data.bin", bytes: content)
    let descriptor = open(repository.root.appendingPathComponent("data.bin").path, O_RDONLY)
    #expect(descriptor >= 0)
    defer { close(descriptor) }
    var windows = PackWindows(count: 3)
    defer { windows.deallocate() }

    var offset = 0
    var moves = [0, 0, 0, 0]
    for _ in 0..<6_000 {
      let move = generator.below(4)
      moves[move] += 1
      switch move {
      case 0: offset += generator.below(3_000)  // forward, next to the last read
      case 1: offset -= generator.below(12_000)  // backward, a walk from the newest
      case 2: offset = generator.below(size)  // anywhere
      default: offset = size - 1 - generator.below(200)  // near the end
      }
      offset = max(0, min(offset, size - 1))
      let minimum = generator.below(8) == 0 ? generator.below(150_000) + 1 : generator.below(64) + 1
      let read = windows.bytes(
        at: UInt64(offset), minimum: minimum, descriptor: descriptor, length: UInt64(size))
      let bytes = try #require(read)
      #expect(bytes.count >= min(minimum, size - offset))
      #expect(offset + bytes.count <= size)
      let same = content.withUnsafeBytes {
        memcmp($0.baseAddress! + offset, bytes.baseAddress!, bytes.count) == 0
      }
      if !same {
        Issue.record("bytes at \(offset) (\(bytes.count)) differ from the file's")
        return
      }
    }
    #expect(moves.allSatisfy { $0 > 1_000 })
    let pastTheEnd = windows.bytes(
      at: UInt64(size), minimum: 1, descriptor: descriptor, length: UInt64(size))
    #expect(pastTheEnd == nil)
  }

  @Test func aFileShorterThanItsClaimedLengthIsNotRead() throws {
    let repository = try TestRepository()
    _ = try repository.write("short.bin", bytes: [UInt8](repeating: 7, count: 100))
    let descriptor = open(repository.root.appendingPathComponent("short.bin").path, O_RDONLY)
    defer { close(descriptor) }
    var windows = PackWindows()
    defer { windows.deallocate() }
    let toTheEnd = windows.bytes(at: 50, minimum: 40, descriptor: descriptor, length: 100)
    #expect(toTheEnd?.count == 50)
    let beyond = windows.bytes(at: 90, minimum: 40, descriptor: descriptor, length: 10_000)
    #expect(beyond == nil)
  }
}
