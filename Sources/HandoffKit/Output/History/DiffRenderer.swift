/// `handoff diff`: what changed in the records between two revisions, by meaning.
public struct DiffRenderer: Renderer {
  public var format: DiffFormat

  public init(format: DiffFormat) { self.format = format }

  public func render(_ diff: RecordDiff) -> String {
    switch format {
    case .json: Self.json(diff)
    case .text: TerminalText.escapeLines(Self.text(diff, markdown: false))
    case .markdown: TerminalText.escapeLines(Self.text(diff, markdown: true))
    }
  }

  /// `{"from","to","accounts":[{"account","stage":{"from","to"},"commitments":{"added","removed",
  /// "changed":[{"id","fields":{name:{"from","to"}}}]},"stakeholders":{…},"red_flags":{…}}]}`
  static func json(_ diff: RecordDiff) -> String {
    JSONValue.object([
      ("version", .int(1)), ("from", .string(diff.from)), ("to", .string(diff.to)),
      ("accounts", .array(diff.accounts.map(Self.json))),
    ])
    .serialized(indent: 2) + "\n"
  }

  /// One account's changes as JSON.
  static func json(_ account: RecordDiff.AccountChanges) -> JSONValue {
    func items(_ changes: RecordDiff.ItemChanges, key: String) -> JSONValue {
      .object([
        ("added", .array(changes.added)),
        ("removed", .array(changes.removed)),
        (
          "changed",
          .array(
            changes.changed.map { change in
              .object([
                (key, .string(change.key)),
                (
                  "fields",
                  .object(
                    change.fields.map { ($0.field, .object([("from", $0.from), ("to", $0.to)])) })
                ),
              ])
            })
        ),
      ])
    }
    return .object([
      ("account", .string(account.account)),
      (
        "stage",
        account.stage.map { .object([("from", .optional($0.from)), ("to", .optional($0.to))]) }
          ?? .null
      ),
      ("commitments", items(account.commitments, key: "id")),
      ("stakeholders", items(account.stakeholders, key: "name")),
      ("red_flags", items(account.redFlags, key: "id")),
    ])
  }

  /// Plain lines, or Markdown ready to paste into a pull request comment.
  static func text(_ diff: RecordDiff, markdown: Bool) -> String {
    var output =
      markdown
      ? "## Handoff changes `\(diff.from.prefix(12))` → `\(diff.to.prefix(12))`\n\n"
      : "changes from \(diff.from.prefix(12)) to \(diff.to.prefix(12))\n"
    if diff.accounts.isEmpty {
      return output + (markdown ? "No changes to handoff records.\n" : "no changes\n")
    }
    for account in diff.accounts {
      output += markdown ? "\n### \(account.account)\n\n" : "\n\(account.account)\n"
      for line in Self.lines(account) { output += (markdown ? "- " : "  ") + line + "\n" }
    }
    return output
  }

  /// One line per change of one account: `commitment sso: status: open → delivered`.
  static func lines(_ account: RecordDiff.AccountChanges) -> [String] {
    func value(_ json: JSONValue) -> String {
      if case .string(let text) = json { return text }
      return json.serialized()
    }
    func label(_ item: JSONValue, key: String) -> String {
      if case .object(let members) = item, let found = members.first(where: { $0.0 == key }) {
        return value(found.1)
      }
      return value(item)
    }
    var lines: [String] = []
    if let stage = account.stage {
      lines.append("stage: \(stage.from ?? "none") → \(stage.to ?? "none")")
    }
    for (title, changes, key) in [
      ("commitment", account.commitments, "id"), ("stakeholder", account.stakeholders, "name"),
      ("red flag", account.redFlags, "id"),
    ] {
      for item in changes.added { lines.append("\(title) added: \(label(item, key: key))") }
      for item in changes.removed { lines.append("\(title) removed: \(label(item, key: key))") }
      for change in changes.changed {
        let fields = change.fields.map { "\($0.field): \(value($0.from)) → \(value($0.to))" }
        lines.append("\(title) \(change.key): \(fields.joined(separator: "; "))")
      }
    }
    return lines
  }
}
