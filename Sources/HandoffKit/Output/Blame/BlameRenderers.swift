/// The formats `blame --format` accepts.
public enum BlameFormat: String, CaseIterable, Sendable {
  case text, json

  public var renderer: any Renderer<AccountBlame> {
    switch self {
    case .text: BlameTextRenderer()
    case .json: BlameJSONRenderer()
    }
  }
}

/// A value per line, its setter beside it: `  due: 2026-09-01   3f2a1b9c0d12 2026-08-14 jane: …`.
public struct BlameTextRenderer: Renderer {
  public init() {}

  public func render(_ blame: AccountBlame) -> String {
    var rows: [(String, String)] = []
    func commit(_ details: CommitDetails) -> String {
      "\(details.id.description.prefix(12)) \(Timestamp.iso8601(details.time).prefix(10)) "
        + "\(details.author): \(Excerpt.of(details.summary))"
    }
    func values(_ values: [AccountBlame.Value], indent: String) {
      for value in values {
        rows.append((indent + value.path + ": " + Self.text(value.value), commit(value.setBy)))
      }
    }
    func items(_ title: String, _ items: [AccountBlame.Item]) {
      guard !items.isEmpty else { return }
      rows.append((title, ""))
      for item in items {
        rows.append(("  " + item.key, "introduced in " + commit(item.introducedBy)))
        values(item.fields, indent: "    ")
      }
    }
    if !blame.fields.isEmpty {
      rows.append(("account.yaml", ""))
      values(blame.fields, indent: "  ")
    }
    items("commitments", blame.commitments)
    items("stakeholders", blame.stakeholders)
    let width = min(rows.map { $0.1.isEmpty ? 0 : $0.0.count }.max() ?? 0, 60)
    var out = "\(blame.account) at \(blame.head.description.prefix(12))\n"
    for (left, right) in rows {
      out +=
        right.isEmpty
        ? left + "\n"
        : left.padding(toLength: max(width, left.count), withPad: " ", startingAt: 0) + "  " + right
          + "\n"
    }
    return TerminalText.escapeLines(out)
  }

  /// A value on one line, quoted no longer than a short excerpt.
  static func text(_ value: JSONValue) -> String {
    if case .string(let text) = value { return Excerpt.of(TerminalText.escape(text)) }
    return Excerpt.of(value.serialized())
  }
}

/// Every value with its full commit: for scripts and editors.
public struct BlameJSONRenderer: Renderer {
  public init() {}

  public func render(_ blame: AccountBlame) -> String {
    func commit(_ details: CommitDetails) -> JSONValue {
      .object([
        ("commit", .string(details.id.description)), ("author", .string(details.author)),
        ("date", .string(Timestamp.iso8601(details.time))), ("message", .string(details.summary)),
      ])
    }
    func values(_ values: [AccountBlame.Value], key: String) -> JSONValue {
      .array(
        values.map {
          .object([(key, .string($0.path)), ("value", $0.value), ("set_by", commit($0.setBy))])
        })
    }
    func items(_ items: [AccountBlame.Item], key: String) -> JSONValue {
      .array(
        items.map { item in
          .object([
            (key, .string(item.key)), ("introduced_by", commit(item.introducedBy)),
            ("fields", values(item.fields, key: "field")),
          ])
        })
    }
    return JSONValue.object([
      ("version", .int(1)),
      ("account", .string(blame.account)),
      ("head", .string(blame.head.description)),
      ("fields", values(blame.fields, key: "path")),
      ("commitments", items(blame.commitments, key: "id")),
      ("stakeholders", items(blame.stakeholders, key: "name")),
    ]).serialized(indent: 2) + "\n"
  }
}
