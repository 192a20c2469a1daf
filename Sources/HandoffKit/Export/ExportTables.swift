/// The flat tables `export` writes for BI tools and warehouses: one row per account,
/// commitment, stakeholder, red flag (declared and derived), checklist item per account, and
/// commitment event from history. Column names are part of the contract (see the README).
struct ExportTable: Sendable {
  var name: String
  var columns: [String]
  /// Cells as JSON values: `null` is an empty CSV cell, a list is joined with `;`.
  var rows: [[JSONValue]] = []

  init(name: String, columns: [String]) {
    self.name = name
    self.columns = columns
  }
}

enum ExportTables {
  static let accountColumns = [
    "account", "name", "stage", "segment", "region", "products", "sales_owner", "success_owner",
    "closed_on", "arr",
    "currency", "discount_pct", "contract_start", "contract_renewal", "contract_ended_on",
    "intro_meeting", "kickoff",
    "reconciled_on", "warm_transition_until", "first_value_on", "effort_score", "csm_confidence",
    "errors",
    "completeness", "red_flags", "mitigation_plan", "crm_system", "crm_opportunity",
  ]
  static let commitmentColumns = [
    "account", "id", "promise", "kind", "source", "in_contract", "made_by", "owner", "due",
    "status", "roadmap",
  ]
  static let stakeholderColumns = [
    "account", "name", "title", "roles", "stance", "contact", "leaving_on",
    "involved_in_evaluation",
    "attended_kickoff",
  ]
  static let redFlagColumns = ["account", "id", "category", "derived", "flag"]
  static let checklistColumns = ["account", "item", "title", "coverage"]
  static let eventColumns = [
    "account", "commitment", "commit", "date", "author", "change", "fields", "status",
  ]

  /// The record tables for accounts in id order, with each account's error count.
  /// The five record tables, empty: their names and columns.
  static let recordTables = [
    ExportTable(name: "accounts", columns: accountColumns),
    ExportTable(name: "commitments", columns: commitmentColumns),
    ExportTable(name: "stakeholders", columns: stakeholderColumns),
    ExportTable(name: "red_flags", columns: redFlagColumns),
    ExportTable(name: "checklist", columns: checklistColumns),
  ]

  /// One account's rows of the five record tables.
  static func rows(of record: AccountRecord, errors: [String: Int], settings: Settings)
    -> [[[JSONValue]]]
  {
    let audit = Auditor.audit(record, settings: settings)
    let id = JSONValue.string(record.id)
    func value(_ path: String) -> JSONValue {
      record.accountValue(path).map(JSONValue.init) ?? .null
    }
    let account: [JSONValue] = [
      id, value("name"), value("stage"), value("segment"), value("region"), value("products"),
      value("owners.sales"), value("owners.success"), value("deal.closed_on"), value("deal.arr"),
      value("deal.currency"), value("deal.discount_pct"), value("contract.start"),
      value("contract.renewal"),
      value("contract.ended_on"), value("handoff.intro_meeting"), value("handoff.kickoff"),
      value("handoff.reconciled_on"), value("handoff.warm_transition_until"),
      value("handoff.first_value_on"),
      value("handoff.effort_score"), value("handoff.csm_confidence"), .int(errors[record.id] ?? 0),
      .double(PortfolioJSONRenderer.rounded(audit.completeness, 1)), .int(audit.redFlags.count),
      .bool(audit.mitigationPresent), value("x-crm.system"), value("x-crm.opportunity"),
    ]
    let commitments = record.commitments.map { item in
      [id] + commitmentColumns.dropFirst().map { item[$0].map(JSONValue.init) ?? .null }
    }
    let stakeholders = record.stakeholders.map { person in
      [id] + stakeholderColumns.dropFirst().map { person[$0].map(JSONValue.init) ?? .null }
    }
    let declared = Dictionary(
      record.redFlags.compactMap { flag in flag["id"]?.string.map { ($0, flag["flag"]?.string) } },
      uniquingKeysWith: { first, _ in first })
    let flags = audit.redFlags.map { flag -> [JSONValue] in
      let text =
        flag.derived ? RuleCatalog.info(RuleID(flag.id))?.summary : declared[flag.id] ?? nil
      return [id, .string(flag.id), .string(flag.category), .bool(flag.derived), .optional(text)]
    }
    let checklist = audit.items.map { item -> [JSONValue] in
      [id, .string(item.id), .string(item.title), .string(item.coverage.rawValue)]
    }
    return [[account], commitments, stakeholders, flags, checklist]
  }

  static func events(_ events: [CommitmentEvents.Event]) -> ExportTable {
    var table = ExportTable(name: "commitment_events", columns: eventColumns)
    table.rows = events.map { event in
      [
        .string(event.account), .string(event.commitment), .string(event.commit.description),
        .string(Timestamp.iso8601(event.time)), .string(event.author), .string(event.change),
        .array(event.fields.map(JSONValue.string)), .optional(event.status),
      ]
    }
    return table
  }

  // MARK: - Writing

  /// RFC 4180 CSV: a header row, CRLF line ends, a field quoted when it holds a comma, quote or
  /// line break, UTF-8 without a BOM.
  static func csv(_ table: ExportTable) -> [UInt8] {
    csvRows([table.columns.map(JSONValue.string)]) + csvRows(table.rows)
  }

  static func csvRows(_ rows: [[JSONValue]]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(64 * rows.count)
    for cells in rows {
      for (index, cell) in cells.enumerated() {
        if index > 0 { out.append(0x2C) }
        let text = text(cell)
        if text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
          out.append(0x22)
          for byte in text.utf8 {
            if byte == 0x22 { out.append(0x22) }
            out.append(byte)
          }
          out.append(0x22)
        } else {
          out += text.utf8
        }
      }
      out += [0x0D, 0x0A]
    }
    return out
  }

  /// One JSON object per line, keys in the column order.
  static func jsonl(_ table: ExportTable) -> [UInt8] {
    jsonlRows(table.rows, columns: table.columns)
  }

  static func jsonlRows(_ rows: [[JSONValue]], columns: [String]) -> [UInt8] {
    var out: [UInt8] = []
    for cells in rows {
      out += JSONValue.object(Array(zip(columns, cells))).serialized().utf8
      out.append(0x0A)
    }
    return out
  }

  /// A cell as CSV text: strings as they are, lists joined with `;`, null empty.
  static func text(_ value: JSONValue) -> String {
    switch value {
    case .null: return ""
    case .string(let text): return text
    case .array(let items): return items.map(text).joined(separator: ";")
    default: return value.serialized()
    }
  }
}
