import HandoffKit

/// Text with emoji markers (1️⃣, 2️⃣, …) where findings must point; the markers are removed and
/// their 1-based line and column remembered, so a test states positions by showing them.
public struct MarkedText {
  public let text: String
  public let markers: [String: SourceLocation]

  public static let markerSymbols = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣"]

  public init(_ marked: String) {
    var text = ""
    var markers: [String: SourceLocation] = [:]
    var line = 1
    var column = 1
    var rest = Substring(marked)
    outer: while let character = rest.first {
      for symbol in Self.markerSymbols where rest.hasPrefix(symbol) {
        markers[symbol] = SourceLocation(line: line, column: column)
        rest = rest.dropFirst(symbol.count)
        continue outer
      }
      text.append(character)
      if character == "\n" {
        line += 1
        column = 1
      } else {
        column += 1
      }
      rest = rest.dropFirst()
    }
    self.text = text
    self.markers = markers
  }

  public subscript(marker: String) -> SourceLocation? { markers[marker] }
}
