/// The words of every schema finding, in one place, written for the people who fill in records.
enum SchemaMessage {
  static func subject(_ path: [PathComponent]) -> String {
    path.isEmpty ? "the file" : "`\(path.displayName)`"
  }

  static func within(_ path: [PathComponent]) -> String {
    path.isEmpty ? "" : " in `\(path.displayName)`"
  }

  static func wrongType(_ path: [PathComponent], expected: [JSONType], got node: YAMLNode)
    -> String
  {
    if case .null = node.value, !path.isEmpty {
      return "\(subject(path)) has no value; fill it in, or leave the key out if it is optional"
    }
    let names = expected.map(typeName)
    let list =
      names.count > 1 ? names.dropLast().joined(separator: ", ") + " or " + names.last! : names[0]
    return "\(subject(path)) must be \(list), not \(describe(node))"
  }

  static func unknownKey(_ key: String, in path: [PathComponent], suggestion: String?) -> String {
    let hint = suggestion.map { " (did you mean `\($0)`?)" } ?? ""
    return "unknown key `\(Excerpt.of(key))`\(within(path))\(hint)"
  }

  static func missingKey(_ key: String, in path: [PathComponent]) -> String {
    "missing required key `\(key)`\(within(path))"
  }

  static func notInEnum(_ path: [PathComponent], allowed: [YAMLNode], got node: YAMLNode) -> String
  {
    let names = allowed.map { $0.string ?? $0.number.map(format) ?? describe($0) }
    return
      "\(subject(path)) must be one of \(names.joined(separator: ", ")) (not \(describe(node)))"
  }

  static func notConst(_ path: [PathComponent], expected: YAMLNode) -> String {
    "\(subject(path)) must be \(describe(expected))"
  }

  static func notADate(_ path: [PathComponent], text: String) -> String {
    "`\(Excerpt.of(text))` is not a date; \(subject(path)) takes a real day as YYYY-MM-DD"
  }

  static func tooShort(_ path: [PathComponent], minimum: Int) -> String {
    minimum == 1
      ? "\(subject(path)) must not be empty"
      : "\(subject(path)) needs at least \(minimum) characters"
  }

  static func tooLong(_ path: [PathComponent], maximum: Int) -> String {
    "\(subject(path)) is longer than \(maximum) characters"
  }

  static func patternMismatch(
    _ path: [PathComponent], text: String, pattern: String, explanation: String?
  ) -> String {
    let expected =
      explanation.map { "; expected: \($0.hasSuffix(".") ? String($0.dropLast()) : $0)" }
      ?? " (\(pattern))"
    return "\(subject(path)) `\(Excerpt.of(text))` does not have the expected form\(expected)"
  }

  static func tooFewItems(_ path: [PathComponent], minimum: Int) -> String {
    "\(subject(path)) needs at least \(minimum) item\(minimum == 1 ? "" : "s")"
  }

  static func tooManyItems(_ path: [PathComponent], maximum: Int) -> String {
    "\(subject(path)) has more than \(maximum) item\(maximum == 1 ? "" : "s")"
  }

  static func duplicateItems(_ path: [PathComponent]) -> String {
    "\(subject(path)) lists the same item twice"
  }

  static func tooFewKeys(_ path: [PathComponent], minimum: Int) -> String {
    "\(subject(path)) needs at least \(minimum) key\(minimum == 1 ? "" : "s")"
  }

  static func tooManyKeys(_ path: [PathComponent], maximum: Int) -> String {
    "\(subject(path)) has more than \(maximum) key\(maximum == 1 ? "" : "s")"
  }

  static func dependentKey(_ key: String, needs other: String, in path: [PathComponent]) -> String {
    "`\(key)` needs `\(other)` as well\(within(path))"
  }

  static func outOfRange(_ path: [PathComponent], bound: String, limit: Double, got: Double)
    -> String
  {
    "\(subject(path)) must be \(bound) \(format(limit)) (not \(format(got)))"
  }

  static func notMultiple(_ path: [PathComponent], of divisor: Double) -> String {
    "\(subject(path)) must be a multiple of \(format(divisor))"
  }

  static func noAlternative(_ path: [PathComponent]) -> String {
    "\(subject(path)) does not match any of the allowed forms"
  }

  static func severalAlternatives(_ path: [PathComponent]) -> String {
    "\(subject(path)) matches more than one of the allowed forms"
  }

  static func forbiddenForm(_ path: [PathComponent]) -> String {
    "\(subject(path)) has a form that is not allowed here"
  }

  static func rejected(_ path: [PathComponent]) -> String {
    path.isEmpty ? "this file is not allowed" : "\(subject(path)) is not allowed here"
  }

  // MARK: - Rendering values

  static func typeName(_ type: JSONType) -> String {
    switch type {
    case .null: "empty"
    case .boolean: "true or false"
    case .object: "a mapping of keys"
    case .array: "a list"
    case .number: "a number"
    case .integer: "a whole number"
    case .string: "text"
    }
  }

  static func describe(_ node: YAMLNode) -> String {
    switch node.value {
    case .null: return "empty"
    case .bool(let flag): return "`\(flag)`"
    case .number(let number): return "`\(format(number))`"
    case .string(let text):
      return "`\(Excerpt.of(text))`"
    case .sequence: return "a list"
    case .mapping: return "a mapping"
    }
  }

  static func format(_ number: Double) -> String {
    if number.isFinite, number.rounded(.towardZero) == number, abs(number) < 1e15 {
      return String(Int64(number))
    }
    return String(number)
  }
}
