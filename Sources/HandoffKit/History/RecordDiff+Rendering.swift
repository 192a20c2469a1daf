extension RecordDiff {
  /// `{"from","to","accounts":[{"account","stage":{"from","to"},"commitments":{"added","removed",
  /// "changed":[{"id","fields":{name:{"from","to"}}}]},"stakeholders":{…},"red_flags":{…}}]}`
  public func json() -> String {
    func items(_ changes: ItemChanges, key: String) -> JSONValue {
      .object([
        ("added", .array(changes.added)),
        ("removed", .array(changes.removed)),
        ("changed", .array(changes.changed.map { change in
          .object([
            (key, .string(change.key)),
            ("fields", .object(change.fields.map { ($0.field, .object([("from", $0.from), ("to", $0.to)])) })),
          ])
        })),
      ])
    }
    let accounts = accounts.map { account in
      JSONValue.object([
        ("account", .string(account.account)),
        ("stage", account.stage.map { .object([("from", .optional($0.from)), ("to", .optional($0.to))]) } ?? .null),
        ("commitments", items(account.commitments, key: "id")),
        ("stakeholders", items(account.stakeholders, key: "name")),
        ("red_flags", items(account.redFlags, key: "id")),
      ])
    }
    return JSONValue.object([("from", .string(from)), ("to", .string(to)), ("accounts", .array(accounts))])
      .serialized(indent: 2) + "\n"
  }

  /// Plain lines, or Markdown ready to paste into a pull request comment.
  public func text(markdown: Bool) -> String {
    var output = markdown
      ? "## Handoff changes `\(from.prefix(12))` → `\(to.prefix(12))`\n\n"
      : "changes from \(from.prefix(12)) to \(to.prefix(12))\n"
    if accounts.isEmpty { return output + (markdown ? "No changes to handoff records.\n" : "no changes\n") }
    func value(_ json: JSONValue) -> String {
      if case .string(let text) = json { return text }
      return json.serialized()
    }
    func label(_ item: JSONValue, key: String) -> String {
      if case .object(let members) = item, let found = members.first(where: { $0.0 == key }) { return value(found.1) }
      return value(item)
    }
    for account in accounts {
      output += markdown ? "\n### \(account.account)\n\n" : "\n\(account.account)\n"
      let bullet = markdown ? "- " : "  "
      if let stage = account.stage {
        output += "\(bullet)stage: \(stage.from ?? "none") → \(stage.to ?? "none")\n"
      }
      for (title, changes, key) in [
        ("commitment", account.commitments, "id"), ("stakeholder", account.stakeholders, "name"),
        ("red flag", account.redFlags, "id"),
      ] {
        for item in changes.added { output += "\(bullet)\(title) added: \(label(item, key: key))\n" }
        for item in changes.removed { output += "\(bullet)\(title) removed: \(label(item, key: key))\n" }
        for change in changes.changed {
          let fields = change.fields.map { "\($0.field): \(value($0.from)) → \(value($0.to))" }
          output += "\(bullet)\(title) \(change.key): \(fields.joined(separator: "; "))\n"
        }
      }
    }
    return output
  }
}
