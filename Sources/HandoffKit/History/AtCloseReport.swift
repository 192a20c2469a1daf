/// Renders `handoff at-close`: the close commit and the commitment ids of every account.
public enum AtCloseReport {
  /// `{"accounts":{"<id>":{"commit":"<id>"|null,"date":"…"|null,"commitments":[…]}}}`
  public static func json(_ closes: [AccountClose]) -> String {
    let accounts = closes.map { close in
      (
        close.account,
        JSONValue.object([
          ("commit", .optional(close.commit?.id.description)),
          ("date", .optional(close.commit.map { date($0.time) })),
          ("commitments", .array(close.commitments.map(JSONValue.string))),
        ])
      )
    }
    return JSONValue.object([("version", .int(1)), ("accounts", .object(accounts))]).serialized(
      indent: 2) + "\n"
  }

  /// One line per account: id, close commit and date (or "never closed"), commitment ids.
  public static func text(_ closes: [AccountClose]) -> String {
    var output = ""
    for close in closes {
      guard let commit = close.commit else {
        output += "\(close.account): never closed\n"
        continue
      }
      let ids =
        close.commitments.isEmpty ? "no commitments" : close.commitments.joined(separator: ", ")
      output +=
        "\(close.account): closed in \(commit.id.description.prefix(12)) on \(date(commit.time)): \(ids)\n"
    }
    let closed = closes.count { $0.commit != nil }
    output += "\(closed) of \(closes.count) accounts closed\n"
    return output
  }

  /// An ISO 8601 UTC timestamp for a commit time (`2026-08-14T10:00:00Z`), computed directly:
  /// a date formatter costs more than everything else `at-close` does for 10,000 accounts.
  public static func date(_ seconds: Int64) -> String {
    let day = CalendarDate(utcDayOf: seconds)
    let rest = Int(seconds - Int64(day.dayNumber) * 86_400)
    func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    return "\(day)T\(pad(rest / 3600)):\(pad(rest / 60 % 60)):\(pad(rest % 60))Z"
  }
}
