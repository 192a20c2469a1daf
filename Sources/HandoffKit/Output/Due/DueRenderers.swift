/// The formats `due --format` accepts.
public enum DueFormat: String, CaseIterable, Sendable {
  case text, json, markdown, ics

  public var renderer: any Renderer<DueQueue> {
    switch self {
    case .text: DueTextRenderer(markdown: false)
    case .markdown: DueTextRenderer(markdown: true)
    case .json: DueJSONRenderer()
    case .ics: DueCalendarRenderer()
    }
  }
}

/// How an item's date reads against the day asked about.
enum DueWording {
  static func when(_ item: DueItem, on day: CalendarDate) -> String {
    let days = item.daysOverdue(on: day)
    switch days {
    case 0: return "due today"
    case 1: return "1 day overdue"
    case 2...: return "\(days) days overdue"
    case -1: return "due tomorrow"
    default: return "due in \(-days) days"
    }
  }

  static func position(_ item: DueItem) -> String {
    item.file.fileName + (item.location.map { ":\($0.line):\($0.column)" } ?? "")
  }

  static func heading(_ queue: DueQueue) -> String {
    let scope = queue.owner.map { " for \($0)" } ?? ""
    let count = queue.items.count == 1 ? "1 item" : "\(queue.items.count) items"
    return "\(count) due\(scope) as of \(queue.asOf), looking \(queue.withinDays) days ahead"
  }

  static let nobody = "(no owner)"
}

/// The queue as text for a terminal, or as Markdown: grouped by owner, oldest first.
public struct DueTextRenderer: Renderer {
  public var markdown: Bool

  public init(markdown: Bool) { self.markdown = markdown }

  public func render(_ queue: DueQueue) -> String {
    var out =
      markdown ? "# Due\n\n\(DueWording.heading(queue)).\n" : DueWording.heading(queue) + ".\n"
    var owner: String??
    for item in queue.items {
      if owner != .some(item.owner) {
        owner = .some(item.owner)
        let name = TerminalText.escape(item.owner ?? DueWording.nobody)
        out +=
          markdown
          ? "\n## \(name)\n\n| due | when | account | what | where |\n| --- | --- | --- | --- | "
            + "--- |\n"
          : "\n\(name)\n"
      }
      let when = DueWording.when(item, on: queue.asOf)
      let place = "accounts/\(item.account)/" + DueWording.position(item)
      // A value from a record is one line here, whatever it holds.
      let title = TerminalText.escape(item.title)
      if markdown {
        let cells = [item.due.description, when, item.account, title, "`\(place)`"]
        out += "| " + cells.map(MarkdownText.cell).joined(separator: " | ") + " |\n"
      } else {
        out += "  \(item.due)  \(when)  \(item.account): \(title) (\(place))\n"
      }
    }
    return TerminalText.escapeLines(out)
  }
}

/// The queue as JSON, for scripts and dashboards.
public struct DueJSONRenderer: Renderer {
  public init() {}

  public func render(_ queue: DueQueue) -> String {
    JSONValue.object([
      ("version", .int(1)),
      ("as_of", .string(queue.asOf.description)),
      ("within_days", .int(queue.withinDays)),
      ("owner", .optional(queue.owner)),
      (
        "items",
        .array(
          queue.items.map { item in
            .object([
              ("uid", .string(item.uid)),
              ("owner", .optional(item.owner)),
              ("account", .string(item.account)),
              ("kind", .string(item.kind.rawValue)),
              ("due", .string(item.due.description)),
              ("days_overdue", .int(item.daysOverdue(on: queue.asOf))),
              ("subject", .optional(item.subject)),
              ("title", .string(item.title)),
              ("file", .string(item.file.fileName)),
              ("line", item.location.map { .int($0.line) } ?? .null),
              ("column", item.location.map { .int($0.column) } ?? .null),
            ])
          })
      ),
    ]).serialized(indent: 2) + "\n"
  }
}
