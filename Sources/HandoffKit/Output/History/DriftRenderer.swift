/// `handoff drift`: what changed in each closed account's commitments since its close.
public struct DriftRenderer: Renderer {
  public var format: DiffFormat

  public init(format: DiffFormat) { self.format = format }

  public func render(_ drifts: [AccountDrift]) -> String {
    switch format {
    case .json: Self.json(drifts)
    case .text: TerminalText.escapeLines(Self.text(drifts, markdown: false))
    case .markdown: TerminalText.escapeLines(Self.text(drifts, markdown: true))
    }
  }

  static func json(_ drifts: [AccountDrift]) -> String {
    let accounts = drifts.map { drift in
      JSONValue.object([
        ("account", .string(drift.account)),
        ("added_after_close", .array(drift.added.map(JSONValue.string))),
        ("withdrawn", .array(drift.withdrawn.map(JSONValue.string))),
        ("missed", .array(drift.missed.map(JSONValue.string))),
        (
          "redated",
          .array(
            drift.redated.map {
              .object([
                ("id", .string($0.id)), ("from", .string($0.from)), ("to", .string($0.to)),
                ("days", .int($0.days)),
              ])
            })
        ),
        ("delivered", .array(drift.delivered.map(JSONValue.string))),
      ])
    }
    let totals = JSONValue.object([
      ("accounts", .int(drifts.count)),
      ("added_after_close", .int(drifts.reduce(0) { $0 + $1.added.count })),
      ("withdrawn", .int(drifts.reduce(0) { $0 + $1.withdrawn.count })),
      ("missed", .int(drifts.reduce(0) { $0 + $1.missed.count })),
      ("redated", .int(drifts.reduce(0) { $0 + $1.redated.count })),
      ("delivered", .int(drifts.reduce(0) { $0 + $1.delivered.count })),
    ])
    return JSONValue.object([
      ("version", .int(1)), ("accounts", .array(accounts)), ("totals", totals),
    ]).serialized(
      indent: 2) + "\n"
  }

  static func text(_ drifts: [AccountDrift], markdown: Bool) -> String {
    var output =
      markdown
      ? "## Drift since close\n\n| account | added | withdrawn | missed | re-dated | delivered "
        + "|\n| --- | --- | --- | --- | --- | --- |\n"
      : ""
    for drift in drifts {
      let redated = drift.redated.map { "\($0.id) (\($0.days >= 0 ? "+" : "")\($0.days) days)" }
      let cells = [drift.added, drift.withdrawn, drift.missed, redated, drift.delivered].map {
        $0.isEmpty ? "-" : $0.joined(separator: ", ")
      }
      output +=
        markdown
        ? "| \(drift.account) | " + cells.joined(separator: " | ") + " |\n"
        : "\(drift.account): added \(cells[0]); withdrawn \(cells[1]); missed \(cells[2]); "
          + "re-dated \(cells[3]); delivered \(cells[4])\n"
    }
    let added = drifts.reduce(0) { $0 + $1.added.count }
    let summary =
      "\(drifts.count) closed accounts: \(added) commitments added after close, "
      + "\(drifts.reduce(0) { $0 + $1.withdrawn.count }) withdrawn, "
      + "\(drifts.reduce(0) { $0 + $1.missed.count }) missed, "
      + "\(drifts.reduce(0) { $0 + $1.redated.count }) re-dated, "
      + "\(drifts.reduce(0) { $0 + $1.delivered.count }) delivered\n"
    return output + (markdown ? "\n" : "") + summary
  }
}
