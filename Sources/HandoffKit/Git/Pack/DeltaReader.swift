/// Reads Git's delta format: the base's size and the result's size (7 bits a byte, low bits
/// first), then instructions, each copying a range of the base or inserting the bytes that
/// follow it.
struct DeltaReader {
  enum Instruction {
    case copy(offset: Int, count: Int)
    case insert(UnsafeRawBufferPointer)
  }

  let bytes: UnsafeRawBufferPointer
  private var position = 0
  /// Set when the delta ends part way through an instruction or holds the reserved one.
  private(set) var failed = false

  init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

  /// One of the two sizes at the start.
  mutating func size() -> Int? {
    var value = 0
    var shift = 0
    while position < bytes.count, shift < 56 {
      let byte = bytes[position]
      position += 1
      value |= Int(byte & 0x7f) << shift
      if byte & 0x80 == 0 { return value }
      shift += 7
    }
    return nil
  }

  /// The next instruction; nil at the end, or when the delta is malformed (`failed`).
  mutating func next() -> Instruction? {
    guard !failed, position < bytes.count else { return nil }
    let operation = bytes[position]
    position += 1
    if operation & 0x80 != 0 {
      // A copy: which of four offset bytes and three size bytes follow, by the low seven bits.
      var offset = 0
      var count = 0
      for bit in 0..<7 where operation & (1 << bit) != 0 {
        guard position < bytes.count else { return fail() }
        let value = Int(bytes[position])
        position += 1
        if bit < 4 { offset |= value << (8 * bit) } else { count |= value << (8 * (bit - 4)) }
      }
      return .copy(offset: offset, count: count == 0 ? 0x10000 : count)
    }
    let count = Int(operation)
    guard count > 0, position + count <= bytes.count else { return fail() }
    defer { position += count }
    return .insert(UnsafeRawBufferPointer(rebasing: bytes[position..<(position + count)]))
  }

  private mutating func fail() -> Instruction? {
    failed = true
    return nil
  }
}
