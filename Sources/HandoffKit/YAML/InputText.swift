/// Checks the bytes of a file before the parser sees them: UTF-8 only, a BOM accepted.
///
/// libfyaml would guess at other encodings; the format says UTF-8, so anything else is a
/// `yaml-syntax` problem with the position of the first bad byte.
enum InputText {
  /// The bytes to parse (without a UTF-8 BOM), or the problem that stops parsing.
  static func check(_ bytes: UnsafeRawBufferPointer) -> Result<UnsafeRawBufferPointer, YAMLProblem>
  {
    var body = bytes
    if body.starts(with: [0xEF, 0xBB, 0xBF]) {
      body = UnsafeRawBufferPointer(rebasing: body[3...])
    }
    if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00])
    {
      return .failure(YAMLProblem(.syntax, "the file is UTF-32; save it as UTF-8", at: .start))
    }
    if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) {
      return .failure(YAMLProblem(.syntax, "the file is UTF-16; save it as UTF-8", at: .start))
    }
    if let problem = firstInvalidByte(body) { return .failure(problem) }
    return .success(body)
  }

  /// Validates UTF-8 by hand so the problem can name a line and column.
  private static func firstInvalidByte(_ bytes: UnsafeRawBufferPointer) -> YAMLProblem? {
    var line = 1
    var column = 1
    var index = 0
    let count = bytes.count
    while index < count {
      let byte = bytes[index]
      if byte < 0x80 {
        if byte == 0 {
          return YAMLProblem(
            .syntax, "the file contains a NUL byte; it is binary or not UTF-8",
            at: SourceLocation(line: line, column: column))
        }
        if byte == 0x0A {
          line += 1
          column = 1
        } else {
          column += 1
        }
        index += 1
        continue
      }
      let length: Int
      var minimum: UInt32
      var scalar: UInt32
      switch byte {
      case 0xC2...0xDF: (length, minimum, scalar) = (2, 0x80, UInt32(byte & 0x1F))
      case 0xE0...0xEF: (length, minimum, scalar) = (3, 0x800, UInt32(byte & 0x0F))
      case 0xF0...0xF4: (length, minimum, scalar) = (4, 0x10000, UInt32(byte & 0x07))
      default:
        length = 0
        minimum = 0
        scalar = 0
      }
      var valid = length > 0 && index + length <= count
      if valid {
        for offset in 1..<length {
          let next = bytes[index + offset]
          guard next & 0xC0 == 0x80 else {
            valid = false
            break
          }
          scalar = scalar << 6 | UInt32(next & 0x3F)
        }
      }
      if valid, scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) {
        valid = false
      }
      guard valid else {
        return YAMLProblem(
          .syntax,
          "invalid UTF-8 byte 0x\(String(byte, radix: 16, uppercase: true)); save the file as "
            + "UTF-8",
          at: SourceLocation(line: line, column: column))
      }
      index += length
      column += 1
    }
    return nil
  }
}
