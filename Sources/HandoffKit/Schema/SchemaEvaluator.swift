/// Applies a compiled schema to a node, either collecting friendly violations or only deciding.
///
/// Deciding (for `anyOf`, `oneOf`, `not`, `if`) stops at the first failure; collecting goes on
/// so that a file shows every problem at once. A type mismatch hides the node's other keywords:
/// "must be a number" says everything that "must be at least 0" would add.
struct SchemaEvaluator {
  private let collecting: Bool
  private(set) var violations: [SchemaViolation] = []
  private var path: [PathComponent] = []

  /// Deep enough for any record; stops a self-referencing schema from looping.
  private static let depthLimit = 256

  private init(collecting: Bool) {
    self.collecting = collecting
  }

  static func violations(of node: YAMLNode, against schema: SchemaNode) -> [SchemaViolation] {
    var evaluator = SchemaEvaluator(collecting: true)
    _ = evaluator.evaluate(node, schema, depth: 0)
    return evaluator.violations
  }

  static func accepts(_ node: YAMLNode, _ schema: SchemaNode) -> Bool {
    var evaluator = SchemaEvaluator(collecting: false)
    return evaluator.evaluate(node, schema, depth: 0)
  }

  private func accepts(_ node: YAMLNode, _ schema: SchemaNode, depth: Int) -> Bool {
    var evaluator = SchemaEvaluator(collecting: false)
    return evaluator.evaluate(node, schema, depth: depth)
  }

  private mutating func fail(
    _ node: YAMLNode, _ message: String, at location: SourceLocation? = nil
  )
    -> Bool
  {
    if collecting {
      violations.append(
        SchemaViolation(
          location: location ?? node.location, instancePath: path.jsonPointer, message: message))
    }
    return false
  }

  // MARK: - Dispatch

  private mutating func evaluate(_ node: YAMLNode, _ schema: SchemaNode, depth: Int) -> Bool {
    if let constant = schema.constant {
      return constant || fail(node, SchemaMessage.rejected(path))
    }
    guard depth < Self.depthLimit else { return fail(node, SchemaMessage.forbiddenForm(path)) }
    if let types = schema.types, !types.contains(where: { Self.node(node, hasType: $0) }) {
      return fail(node, SchemaMessage.wrongType(path, expected: types, got: node))
    }
    var valid = true
    if let target = schema.referenceTarget {
      valid = evaluate(node, target, depth: depth + 1) && valid
      if !valid && !collecting { return false }
    }
    valid = generic(node, schema) && valid
    if !valid && !collecting { return false }
    switch node.value {
    case .mapping(let entries): valid = object(node, entries, schema, depth: depth) && valid
    case .sequence(let items): valid = array(node, items, schema, depth: depth) && valid
    case .string(let text): valid = string(node, text, schema) && valid
    case .number(let number): valid = numeric(node, number, schema) && valid
    default: break
    }
    if !valid && !collecting { return false }
    return combinators(node, schema, depth: depth) && valid
  }

  static func node(_ node: YAMLNode, hasType type: JSONType) -> Bool {
    switch (type, node.value) {
    case (.null, .null), (.boolean, .bool), (.object, .mapping), (.array, .sequence),
      (.number, .number), (.string, .string):
      return true
    case (.integer, .number): return node.isInteger
    default: return false
    }
  }

  // MARK: - Keywords for any type

  private mutating func generic(_ node: YAMLNode, _ schema: SchemaNode) -> Bool {
    var valid = true
    if let allowed = schema.enumValues, !allowed.contains(node) {
      valid = fail(node, SchemaMessage.notInEnum(path, allowed: allowed, got: node))
    }
    if let expected = schema.constValue, expected != node {
      valid = fail(node, SchemaMessage.notConst(path, expected: expected))
    }
    return valid
  }

  private mutating func combinators(_ node: YAMLNode, _ schema: SchemaNode, depth: Int) -> Bool {
    var valid = true
    for branch in schema.allOf {
      valid = evaluate(node, branch, depth: depth + 1) && valid
      if !valid && !collecting { return false }
    }
    if let branches = schema.anyOf,
      !branches.contains(where: { accepts(node, $0, depth: depth + 1) })
    {
      valid = false
      if collecting { explainNoAlternative(node, branches, depth: depth) }
    }
    if let branches = schema.oneOf {
      let matching = branches.count { accepts(node, $0, depth: depth + 1) }
      if matching == 0 {
        valid = false
        if collecting { explainNoAlternative(node, branches, depth: depth) }
      } else if matching > 1 {
        valid = fail(node, SchemaMessage.severalAlternatives(path))
      }
    }
    if let negated = schema.not, accepts(node, negated, depth: depth + 1) {
      valid = fail(node, SchemaMessage.forbiddenForm(path))
    }
    if let condition = schema.ifSchema {
      if accepts(node, condition, depth: depth + 1) {
        if let then = schema.thenSchema { valid = evaluate(node, then, depth: depth + 1) && valid }
      } else if let otherwise = schema.elseSchema {
        valid = evaluate(node, otherwise, depth: depth + 1) && valid
      }
    }
    return valid
  }

  /// Explains a failed `anyOf`/`oneOf` through the branch of the node's type, when there is one.
  private mutating func explainNoAlternative(
    _ node: YAMLNode, _ branches: [SchemaNode], depth: Int
  ) {
    let typed = branches.filter { branch in
      branch.types.map { $0.contains { Self.node(node, hasType: $0) } } ?? false
    }
    if typed.count == 1 {
      _ = evaluate(node, typed[0], depth: depth + 1)
    } else {
      _ = fail(node, SchemaMessage.noAlternative(path))
    }
  }

  // MARK: - Objects

  private mutating func object(
    _ node: YAMLNode, _ entries: [YAMLEntry], _ schema: SchemaNode, depth: Int
  ) -> Bool {
    var valid = true
    for key in schema.required where !entries.contains(where: { $0.key == key }) {
      valid = false
      if !collecting { return false }
      // A misspelt key is reported once, as unknown with a suggestion, not also as missing.
      if !misspells(key, entries, schema) {
        _ = fail(node, SchemaMessage.missingKey(key, in: path))
      }
    }
    for (key, needed) in schema.dependentRequired where entries.contains(where: { $0.key == key }) {
      for other in needed where !entries.contains(where: { $0.key == other }) {
        valid = fail(node, SchemaMessage.dependentKey(key, needs: other, in: path))
      }
    }
    if let minimum = schema.minProperties, entries.count < minimum {
      valid = fail(node, SchemaMessage.tooFewKeys(path, minimum: minimum))
    }
    if let maximum = schema.maxProperties, entries.count > maximum {
      valid = fail(node, SchemaMessage.tooManyKeys(path, maximum: maximum))
    }
    if !valid && !collecting { return false }
    for entry in entries {
      if let names = schema.propertyNames {
        let keyNode = YAMLNode(.string(entry.key), at: entry.keyLocation)
        if !accepts(keyNode, names, depth: depth + 1) {
          valid = fail(
            keyNode, SchemaMessage.unknownKey(entry.key, in: path, suggestion: nil),
            at: entry.keyLocation)
          if !collecting { return false }
        }
      }
      var matched = false
      path.append(.key(entry.key))
      defer { path.removeLast() }
      if let property = schema.properties[entry.key] {
        matched = true
        valid = evaluate(entry.value, property, depth: depth + 1) && valid
      }
      for (pattern, property) in schema.patternProperties where pattern.matches(entry.key) {
        matched = true
        valid = evaluate(entry.value, property, depth: depth + 1) && valid
      }
      if !matched, let additional = schema.additionalProperties {
        if additional.constant == false {
          path.removeLast()
          let suggestion = Suggestion.closest(to: entry.key, among: schema.propertyOrder)
          valid = fail(
            entry.value, SchemaMessage.unknownKey(entry.key, in: path, suggestion: suggestion),
            at: entry.keyLocation)
          path.append(.key(entry.key))
        } else {
          valid = evaluate(entry.value, additional, depth: depth + 1) && valid
        }
      }
      if !valid && !collecting { return false }
    }
    return valid
  }

  private func misspells(_ key: String, _ entries: [YAMLEntry], _ schema: SchemaNode) -> Bool {
    guard schema.additionalProperties?.constant == false else { return false }
    return entries.contains { entry in
      schema.properties[entry.key] == nil
        && !schema.patternProperties.contains { $0.0.matches(entry.key) }
        && Suggestion.closest(to: entry.key, among: schema.propertyOrder) == key
    }
  }

  // MARK: - Arrays

  private mutating func array(
    _ node: YAMLNode, _ items: [YAMLNode], _ schema: SchemaNode, depth: Int
  ) -> Bool {
    var valid = true
    if let minimum = schema.minItems, items.count < minimum {
      valid = fail(node, SchemaMessage.tooFewItems(path, minimum: minimum))
    }
    if let maximum = schema.maxItems, items.count > maximum {
      valid = fail(node, SchemaMessage.tooManyItems(path, maximum: maximum))
    }
    if schema.uniqueItems, Self.hasDuplicates(items) {
      valid = fail(node, SchemaMessage.duplicateItems(path))
    }
    if !valid && !collecting { return false }
    for (index, item) in items.enumerated() {
      let itemSchema = index < schema.prefixItems.count ? schema.prefixItems[index] : schema.items
      guard let itemSchema else { continue }
      path.append(.index(index))
      valid = evaluate(item, itemSchema, depth: depth + 1) && valid
      path.removeLast()
      if !valid && !collecting { return false }
    }
    return valid
  }

  private static func hasDuplicates(_ items: [YAMLNode]) -> Bool {
    for (index, item) in items.enumerated() where items[(index + 1)...].contains(item) {
      return true
    }
    return false
  }

  // MARK: - Strings and numbers

  private mutating func string(_ node: YAMLNode, _ text: String, _ schema: SchemaNode) -> Bool {
    var valid = true
    if schema.minLength != nil || schema.maxLength != nil {
      let length = text.unicodeScalars.count
      if let minimum = schema.minLength, length < minimum {
        valid = fail(node, SchemaMessage.tooShort(path, minimum: minimum))
      }
      if let maximum = schema.maxLength, length > maximum {
        valid = fail(node, SchemaMessage.tooLong(path, maximum: maximum))
      }
    }
    if let pattern = schema.pattern, !pattern.matches(text) {
      valid = fail(
        node,
        SchemaMessage.patternMismatch(
          path, text: text, pattern: pattern.source, explanation: schema.description))
    }
    if schema.format == "date", CalendarDate(text) == nil {
      valid = fail(node, SchemaMessage.notADate(path, text: text))
    }
    return valid
  }

  private mutating func numeric(_ node: YAMLNode, _ number: Double, _ schema: SchemaNode) -> Bool {
    var valid = true
    if let limit = schema.minimum, number < limit {
      valid = fail(
        node, SchemaMessage.outOfRange(path, bound: "at least", limit: limit, got: number))
    }
    if let limit = schema.maximum, number > limit {
      valid = fail(
        node, SchemaMessage.outOfRange(path, bound: "at most", limit: limit, got: number))
    }
    if let limit = schema.exclusiveMinimum, number <= limit {
      valid = fail(
        node, SchemaMessage.outOfRange(path, bound: "more than", limit: limit, got: number))
    }
    if let limit = schema.exclusiveMaximum, number >= limit {
      valid = fail(
        node, SchemaMessage.outOfRange(path, bound: "less than", limit: limit, got: number))
    }
    if let divisor = schema.multipleOf, !Self.isMultiple(number, of: divisor) {
      valid = fail(node, SchemaMessage.notMultiple(path, of: divisor))
    }
    return valid
  }

  /// Decides `multipleOf` without being fooled by binary fractions (0.0075 / 0.0001).
  static func isMultiple(_ number: Double, of divisor: Double) -> Bool {
    guard divisor > 0, number.isFinite else { return false }
    let quotient = number / divisor
    guard quotient.isFinite else { return number.truncatingRemainder(dividingBy: divisor) == 0 }
    let nearest = quotient.rounded()
    return abs(quotient - nearest) <= 1e-9 * max(1, abs(quotient))
  }
}
