/// `handoff log`: each commit that changed an account, newest first, with what it changed.
public struct LogRenderer: Renderer {
  public var format: HistoryFormat

  public init(format: HistoryFormat) { self.format = format }

  public func render(_ entries: [AccountLogEntry]) -> String {
    switch format {
    case .json: Self.json(entries)
    case .text: TerminalText.escapeLines(Self.text(entries))
    }
  }

  static func json(_ entries: [AccountLogEntry]) -> String {
    let items = entries.map { entry in
      JSONValue.object([
        ("commit", .string(entry.commit.id.description)),
        ("author", .string(entry.commit.author)),
        ("date", .string(Timestamp.iso8601(entry.commit.time))),
        ("message", .string(entry.commit.summary)),
        ("changes", DiffRenderer.json(entry.changes)),
      ])
    }
    return JSONValue.object([("version", .int(1)), ("commits", .array(items))]).serialized(
      indent: 2) + "\n"
  }

  static func text(_ entries: [AccountLogEntry]) -> String {
    var output = ""
    for entry in entries {
      output +=
        "\(entry.commit.id.description.prefix(12)) \(Timestamp.iso8601(entry.commit.time)) "
        + "\(entry.commit.author): \(entry.commit.summary)\n"
      for line in DiffRenderer.lines(entry.changes) { output += "  \(line)\n" }
    }
    return output.isEmpty ? "no changes\n" : output
  }
}
