/// Commit times as the outputs print them.
public enum Timestamp {
  /// An ISO 8601 UTC timestamp for a commit time (`2026-08-14T10:00:00Z`), computed directly:
  /// a date formatter costs more than everything else `at-close` does for 10,000 accounts.
  public static func iso8601(_ seconds: Int64) -> String {
    let day = CalendarDate(utcDayOf: seconds)
    let rest = Int(seconds - Int64(day.dayNumber) * 86_400)
    func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    return "\(day)T\(pad(rest / 3600)):\(pad(rest / 60 % 60)):\(pad(rest % 60))Z"
  }
}
