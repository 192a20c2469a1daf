/// `handoff show`: an account's record as it stood in one commit.
public struct ShowRenderer: Renderer {
  public var format: HistoryFormat

  public init(format: HistoryFormat) { self.format = format }

  public func render(_ record: RecordAtCommit) -> String {
    switch format {
    case .json: Self.json(record)
    case .text: TerminalText.escapeLines(Self.text(record))
    }
  }

  /// `{"account","commit","date","record":{file: content},"commitments":[…]}`
  static func json(_ record: RecordAtCommit) -> String {
    let files = record.files.map { ($0.kind.rawValue, $0.root.map(JSONValue.init) ?? .null) }
    let commitments =
      record.files.first { $0.kind == .commitments }?.root?["commitments"]?.items ?? []
    return JSONValue.object([
      ("version", .int(1)),
      ("account", .string(record.account)),
      ("commit", .string(record.commit.id.description)),
      ("date", .string(Timestamp.iso8601(record.commit.time))),
      ("record", .object(files)),
      ("commitments", .array(commitments.map(JSONValue.init))),
    ]).serialized(indent: 2) + "\n"
  }

  /// A header, then each file normalised.
  static func text(_ record: RecordAtCommit) -> String {
    var output =
      "\(record.account) at \(record.commit.id.description.prefix(12)) "
      + "(\(Timestamp.iso8601(record.commit.time)), \(record.commit.author): "
      + "\(record.commit.summary))\n"
    for (kind, root) in record.files {
      output += "\n# \(kind.fileName)\n"
      output += root.map(CanonicalYAML.render) ?? "(not readable as YAML)\n"
    }
    return output
  }
}
