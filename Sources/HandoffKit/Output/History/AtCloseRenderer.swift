/// `handoff at-close`: the close commit and the commitment ids of every account.
public struct AtCloseRenderer: Renderer {
  public var format: HistoryFormat

  public init(format: HistoryFormat) { self.format = format }

  public func render(_ closes: [AccountClose]) -> String {
    switch format {
    case .json: Self.json(closes)
    case .text: TerminalText.escapeLines(Self.text(closes))
    }
  }

  /// `{"accounts":{"<id>":{"commit":"<id>"|null,"date":"…"|null,"commitments":[…]}}}`
  static func json(_ closes: [AccountClose]) -> String {
    let accounts = closes.map { close in
      (
        close.account,
        JSONValue.object([
          ("commit", .optional(close.commit?.id.description)),
          ("date", .optional(close.commit.map { Timestamp.iso8601($0.time) })),
          ("commitments", .array(close.commitments.map(JSONValue.string))),
        ])
      )
    }
    return JSONValue.object([("version", .int(1)), ("accounts", .object(accounts))]).serialized(
      indent: 2) + "\n"
  }

  /// One line per account: id, close commit and date (or "never closed"), commitment ids.
  static func text(_ closes: [AccountClose]) -> String {
    var output = ""
    for close in closes {
      guard let commit = close.commit else {
        output += "\(close.account): never closed\n"
        continue
      }
      let ids =
        close.commitments.isEmpty ? "no commitments" : close.commitments.joined(separator: ", ")
      output +=
        "\(close.account): closed in \(commit.id.description.prefix(12)) on "
        + "\(Timestamp.iso8601(commit.time)): \(ids)\n"
    }
    let closed = closes.count { $0.commit != nil }
    output += "\(closed) of \(closes.count) accounts closed\n"
    return output
  }
}
