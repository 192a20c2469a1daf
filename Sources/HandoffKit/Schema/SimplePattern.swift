/// A matcher for the anchored character-class patterns that record schemas use
/// (`^[a-z0-9][a-z0-9-]{0,62}$`, `^[A-Z]{3}$`, `^x-`), without the regex engine.
///
/// Starting ICU's regular expressions costs tens of milliseconds, a noticeable share of a
/// pre-commit check; these patterns need none of it. Anything beyond literals, classes with
/// ranges and the quantifiers `?`, `*`, `+`, `{n}`, `{m,n}` returns nil and goes to the engine.
struct SimplePattern: Sendable {
  private struct Atom: Sendable {
    var ranges: [ClosedRange<Unicode.Scalar>]
    var negated: Bool
    var minimum: Int
    var maximum: Int

    func accepts(_ scalar: Unicode.Scalar) -> Bool {
      ranges.contains { $0.contains(scalar) } != negated
    }
  }

  private let atoms: [Atom]
  private let anchoredStart: Bool
  private let anchoredEnd: Bool

  init?(_ source: String) {
    var scalars = Array(source.unicodeScalars)[...]
    anchoredStart = scalars.first == "^"
    if anchoredStart { scalars = scalars.dropFirst() }
    anchoredEnd = scalars.last == "$" && scalars.dropLast().last != "\\"
    if anchoredEnd { scalars = scalars.dropLast() }
    var atoms: [Atom] = []
    while let first = scalars.popFirst() {
      var atom: Atom
      switch first {
      case "[":
        var negated = false
        if scalars.first == "^" {
          negated = true
          scalars = scalars.dropFirst()
        }
        var ranges: [ClosedRange<Unicode.Scalar>] = []
        var closed = false
        while let scalar = scalars.popFirst() {
          if scalar == "]" && !ranges.isEmpty {
            closed = true
            break
          }
          guard scalar != "\\", scalar != "[" else { return nil }
          if scalars.first == "-", scalars.dropFirst().first.map({ $0 != "]" }) ?? false {
            let upper = scalars.dropFirst().first!
            guard upper != "\\", scalar <= upper else { return nil }
            ranges.append(scalar...upper)
            scalars = scalars.dropFirst(2)
          } else {
            ranges.append(scalar...scalar)
          }
        }
        guard closed else { return nil }
        atom = Atom(ranges: ranges, negated: negated, minimum: 1, maximum: 1)
      case "\\", ".", "(", ")", "|", "?", "*", "+", "{", "}", "^", "$", "]":
        return nil
      default:
        atom = Atom(ranges: [first...first], negated: false, minimum: 1, maximum: 1)
      }
      switch scalars.first {
      case "?":
        (atom.minimum, atom.maximum) = (0, 1)
        scalars = scalars.dropFirst()
      case "*":
        (atom.minimum, atom.maximum) = (0, .max)
        scalars = scalars.dropFirst()
      case "+":
        (atom.minimum, atom.maximum) = (1, .max)
        scalars = scalars.dropFirst()
      case "{":
        guard let close = scalars.firstIndex(of: "}") else { return nil }
        let body = String(
          String.UnicodeScalarView(scalars[scalars.index(after: scalars.startIndex)..<close]))
        let parts = body.split(separator: ",", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let low = Int(parts[0]) else { return nil }
        let high = parts.count == 1 ? low : (parts[1].isEmpty ? Int.max : Int(parts[1]))
        guard let high, low <= high else { return nil }
        (atom.minimum, atom.maximum) = (low, high)
        scalars = scalars[scalars.index(after: close)...]
      default: break
      }
      if scalars.first.map({ "?*+{".unicodeScalars.contains($0) }) ?? false { return nil }
      atoms.append(atom)
    }
    self.atoms = atoms
  }

  func matches(_ text: String) -> Bool {
    // `^x-` is tried on every key of a mapping with extensions: most fail at the first letter.
    if anchoredStart, let first = atoms.first, first.minimum > 0, !first.negated,
      let scalar = text.unicodeScalars.first, !first.accepts(scalar)
    {
      return false
    }
    let scalars = Array(text.unicodeScalars)
    if anchoredStart { return match(scalars, from: 0, atom: 0) }
    return (0...scalars.count).contains { match(scalars, from: $0, atom: 0) }
  }

  /// Backtracking over atoms; the patterns are short, and each atom is one class.
  private func match(_ scalars: [Unicode.Scalar], from start: Int, atom index: Int) -> Bool {
    guard index < atoms.count else { return !anchoredEnd || start == scalars.count }
    let atom = atoms[index]
    var count = 0
    while count < atom.maximum, start + count < scalars.count, atom.accepts(scalars[start + count])
    {
      count += 1
    }
    guard count >= atom.minimum else { return false }
    for taken in stride(from: count, through: atom.minimum, by: -1)
    where match(scalars, from: start + taken, atom: index + 1) {
      return true
    }
    return false
  }
}
