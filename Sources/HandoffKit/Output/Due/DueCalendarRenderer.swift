/// The queue as an iCalendar file (RFC 5545) a CSM subscribes to: one all-day event per item,
/// CRLF line ends, lines folded at 75 octets, and a UID per obligation so that a calendar
/// updates an event in place when its date moves. DTSTAMP is the day asked about, so the same
/// records and day give the same bytes.
public struct DueCalendarRenderer: Renderer {
  public init() {}

  public func render(_ queue: DueQueue) -> String {
    var lines = [
      "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//handoff//due \(HandoffVersion.current)//EN",
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      "X-WR-CALNAME:" + Self.text("Handoff: due" + (queue.owner.map { " for \($0)" } ?? "")),
    ]
    let stamp = Self.date(queue.asOf) + "T000000Z"
    for item in queue.items {
      let end = CalendarDate(dayNumber: item.due.dayNumber + 1)
      var description =
        item.title + "\nWhere: accounts/\(item.account)/" + DueWording.position(item)
      if let owner = item.owner { description += "\nOwner: \(owner)" }
      lines += [
        "BEGIN:VEVENT",
        "UID:" + Self.text(item.uid),
        "DTSTAMP:" + stamp,
        "DTSTART;VALUE=DATE:" + Self.date(item.due),
        "DTEND;VALUE=DATE:" + Self.date(end),
        "SUMMARY:" + Self.text("\(item.account): \(item.title)"),
        "DESCRIPTION:" + Self.text(description),
        "CATEGORIES:" + Self.text(item.kind.rawValue),
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
      ]
    }
    lines.append("END:VCALENDAR")
    return lines.map(Self.fold).joined()
  }

  static func date(_ day: CalendarDate) -> String {
    day.description.replacingOccurrences(of: "-", with: "")
  }

  /// A TEXT value: backslash, semicolon, comma and line breaks escaped, other controls dropped.
  static func text(_ value: String) -> String {
    var out = ""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\\": out += "\\\\"
      case ";": out += "\\;"
      case ",": out += "\\,"
      case "\n": out += "\\n"
      case "\t": out.unicodeScalars.append(scalar)
      case _ where scalar.value < 0x20 || scalar.value == 0x7F: continue
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// One content line ended by CRLF, folded so that no line is longer than 75 octets (a
  /// continuation starts with a space); a UTF-8 sequence is never split.
  static func fold(_ line: String) -> String {
    var out = ""
    var octets = 0
    for character in line.unicodeScalars {
      let size = String(character).utf8.count
      if octets + size > 75 {
        out += "\r\n "
        octets = 1
      }
      out.unicodeScalars.append(character)
      octets += size
    }
    return out + "\r\n"
  }
}
