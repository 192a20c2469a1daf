import Foundation

/// Turns the tables of one CRM export into deals in the record's terms: stages and roles
/// mapped, dates and amounts checked, contacts, products and owners joined in. A problem in a
/// row costs that deal only (its account is not written); a missing column costs the file.
struct CRMReader {
  var preset: CRMPreset
  private(set) var problems: [ImportProblem] = []
  /// Column positions by file and field, found once per file.
  private var positions: [String: Int?] = [:]

  init(preset: CRMPreset) { self.preset = preset }

  /// Which kind of table a file is: by its name when that says it (`Opportunity.csv`), else by
  /// the headers only that kind has.
  func kind(of table: CSVTable) -> CRMPreset.Table? {
    let base = CSVTable.fold(table.path.split(separator: "/").last.map(String.init) ?? table.path)
    switch preset.system {
    case .csv:
      return .deals
    case .salesforce:
      if base.hasPrefix("opportunitycontactrole") { return .contactRoles }
      if base.hasPrefix("opportunitylineitem") { return .lineItems }
      if base.hasPrefix("opportunit") { return .deals }
      if base.hasPrefix("contact") { return .contacts }
      if base.hasPrefix("user") { return .users }
      if base.hasPrefix("account") { return .accounts }
      if table.has("OpportunityId") { return table.has("ContactId") ? .contactRoles : .lineItems }
      if table.has("StageName") || table.has("Stage") { return .deals }
      if table.has("Username") || table.has("Alias") { return .users }
      if table.has("FirstName") || table.has("LastName") { return .contacts }
      if table.has("Name") { return .accounts }
      return nil
    case .hubspot:
      if table.has("dealname") || table.has("Deal Name") || table.has("dealstage")
        || table.has("Deal Stage")
      {
        return .deals
      }
      if table.has("firstname") || table.has("First Name") || table.has("email") {
        return .contacts
      }
      if base.hasPrefix("owner") || base.hasPrefix("user") { return .users }
      return nil
    }
  }

  private mutating func column(_ table: CSVTable, _ field: String) -> Int? {
    let key = table.path + "\u{0}" + field
    if let known = positions[key] { return known }
    let found = table.column(preset.columns[field] ?? [])
    positions[key] = found
    return found
  }

  /// The columns `fields` of `table`, or a problem at line 1 naming the first one missing.
  private mutating func require(_ fields: [String], in table: CSVTable) -> Bool {
    for field in fields where column(table, field) == nil {
      let names = (preset.columns[field] ?? []).map { "`\($0)`" }.joined(separator: " or ")
      problems.append(
        ImportProblem(
          path: table.path, line: 1,
          "missing column \(names.isEmpty ? "for `\(field)`" : names) (\(field)); map it under "
            + "`columns` in a mapping file"
        ))
      return false
    }
    return true
  }

  mutating func deals(from tables: [CSVTable]) -> [CRMDeal] {
    var byKind: [CRMPreset.Table: [CSVTable]] = [:]
    for table in tables {
      guard let kind = kind(of: table) else {
        problems.append(
          ImportProblem(
            path: table.path, line: 1,
            "cannot tell which \(preset.system.rawValue) export this is from its headers"))
        continue
      }
      byKind[kind, default: []].append(table)
    }
    // A column the mapping file names must be there: a typo in it would otherwise import nothing.
    for (kind, list) in byKind {
      for table in list {
        for field in preset.mapped.sorted()
        where field.hasPrefix(kind.rawValue + ".") && column(table, field) == nil {
          problems.append(
            ImportProblem(
              path: table.path, line: 1,
              "missing column `\(preset.columns[field]?.first ?? field)`, which the mapping "
                + "file names for `\(field)`"
            ))
        }
      }
    }
    if byKind[.deals] == nil, !tables.isEmpty {
      problems.append(
        ImportProblem(
          path: tables[0].path, line: 1,
          "no deals among the files: give the opportunity or deal export too"))
    }
    let users = readUsers(byKind[.users] ?? [])
    let accounts = readAccounts(byKind[.accounts] ?? [])
    let contacts = readContacts(byKind[.contacts] ?? [])
    var roles = readContactRoles(byKind[.contactRoles] ?? [], contacts: contacts.byID)
    let products = readLineItems(byKind[.lineItems] ?? [])
    var deals: [CRMDeal] = []
    for table in byKind[.deals] ?? [] {
      guard require(["deals.name", "deals.stage"], in: table) else { continue }
      var columns: [String: Int?] = [:]
      for field in Self.dealFields { columns[field] = column(table, field) }
      for row in table.rows {
        guard var deal = deal(row, in: table, columns: columns, users: users, accounts: accounts)
        else { continue }
        if let id = deal.dealID {
          deal.products += products[id] ?? []
          if let linked = roles.removeValue(forKey: id) {
            guard !linked.failed else { continue }
            deal.contacts += linked.contacts
          }
          for contact in contacts.byDeal[id] ?? []
          where !deal.contacts.contains(where: { $0.id == contact.id }) {
            deal.contacts.append(contact)
          }
        }
        if contacts.failedDeals.contains(deal.dealID ?? "") { continue }
        deals.append(deal)
      }
    }
    return deals
  }

  // MARK: - One deal

  static let dealFields = [
    "deals.id", "deals.name", "deals.account", "deals.account_name", "deals.stage",
    "deals.close_date", "deals.amount",
    "deals.currency", "deals.owner", "deals.region", "deals.segment", "deals.products",
    "deals.contacts",
  ]

  private mutating func deal(
    _ row: CSVTable.Row, in table: CSVTable, columns: [String: Int?], users: [String: String],
    accounts: [String: AccountRow]
  ) -> CRMDeal? {
    func value(_ field: String) -> String? { row.value(columns[field] ?? nil) }
    func fail(_ message: String) -> CRMDeal? {
      problems.append(ImportProblem(path: table.path, line: row.line, message))
      return nil
    }
    guard let name = value("deals.name") else { return fail("the deal has no name") }
    guard let rawStage = value("deals.stage") else {
      return fail("`\(Excerpt.of(name))` has no stage")
    }
    guard let stage = preset.stages[rawStage.lowercased()] else {
      return fail(
        "unknown stage `\(Excerpt.of(rawStage))`; map it under `stages` in a mapping file")
    }
    var closedOn: CalendarDate?
    if let text = value("deals.close_date") {
      guard let date = Self.date(text) else {
        return fail("bad close date `\(Excerpt.of(text))`; expected YYYY-MM-DD or M/D/YYYY")
      }
      closedOn = date
    }
    var amount: String?
    if let text = value("deals.amount") {
      guard let number = Self.amount(text) else {
        return fail(
          "bad amount `\(Excerpt.of(text))`; expected a number of 0 or more, such as 84000 or "
            + "84,000.50"
        )
      }
      amount = number
    }
    var currency = value("deals.currency")
    if let code = currency {
      guard code.count == 3, code.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) else {
        return fail("bad currency `\(Excerpt.of(code))`; expected an ISO 4217 code such as USD")
      }
    } else if let text = value("deals.amount"), let code = Self.currencyPrefix(text) {
      currency = code
    }
    let accountID = value("deals.account")
    let account = accountID.flatMap { accounts[$0] }
    var deal = CRMDeal(
      path: table.path, line: row.line, system: preset.system, dealID: value("deals.id"),
      accountID: accountID,
      accountName: account?.name ?? value("deals.account_name"), name: name, stage: stage,
      closedOn: closedOn,
      amount: amount, currency: currency,
      owner: value("deals.owner").map { owner($0, users: users) },
      region: value("deals.region") ?? account?.region)
    if let raw = value("deals.segment") ?? account?.segment {
      guard let segment = preset.segments[raw.lowercased()] else {
        return fail(
          "unknown segment `\(Excerpt.of(raw))`; map it under `segments` in a mapping file")
      }
      deal.segment = segment
    }
    if let list = value("deals.products") {
      deal.products = Self.split(list)
    }
    if let list = value("deals.contacts") {
      deal.contacts = Self.split(list, separators: ";").map(Self.contact(fromLabel:))
    }
    return deal
  }

  /// The name the records use for a CRM owner: the mapping's, else the user's e-mail name
  /// (`jane.doe@acme.com` → `jane.doe`), else the name with dots (`Jane Doe` → `jane.doe`).
  private func owner(_ raw: String, users: [String: String]) -> String {
    if let mapped = preset.owners[raw] { return mapped }
    if let user = users[raw] { return user }
    // A CRM user id without the users export stays as it is (Salesforce ids are case-sensitive).
    if !raw.contains(" "), !raw.contains("@"), raw.contains(where: \.isASCIIDigit) { return raw }
    return Self.handle(fromName: raw)
  }

  static func handle(fromName name: String) -> String {
    if let at = name.firstIndex(of: "@") { return String(name[..<at]).lowercased() }
    let folded = name.folding(options: [.diacriticInsensitive], locale: nil).lowercased()
    return folded.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: ".")
  }

  // MARK: - Joined tables

  struct AccountRow {
    var name: String?
    var region: String?
    var segment: String?
  }

  private mutating func readUsers(_ tables: [CSVTable]) -> [String: String] {
    var users: [String: String] = [:]
    for table in tables {
      guard require(["users.id"], in: table) else { continue }
      for row in table.rows {
        guard let id = row.value(column(table, "users.id")) else { continue }
        let name = row.value(column(table, "users.name"))
        if let mapped = preset.owners[id] ?? name.flatMap({ preset.owners[$0] }) {
          users[id] = mapped
        } else if let email = row.value(column(table, "users.email")) {
          users[id] = Self.handle(fromName: email)
        } else if let name {
          users[id] = Self.handle(fromName: name)
        }
      }
    }
    return users
  }

  private mutating func readAccounts(_ tables: [CSVTable]) -> [String: AccountRow] {
    var accounts: [String: AccountRow] = [:]
    for table in tables {
      guard require(["accounts.id", "accounts.name"], in: table) else { continue }
      for row in table.rows {
        guard let id = row.value(column(table, "accounts.id")) else { continue }
        accounts[id] = AccountRow(
          name: row.value(column(table, "accounts.name")),
          region: row.value(column(table, "accounts.region")),
          segment: row.value(column(table, "accounts.segment")))
      }
    }
    return accounts
  }

  struct Contacts {
    var byID: [String: CRMDeal.Contact] = [:]
    /// HubSpot's contacts export names the deals each contact is associated with.
    var byDeal: [String: [CRMDeal.Contact]] = [:]
    var failedDeals: Set<String> = []
  }

  private mutating func readContacts(_ tables: [CSVTable]) -> Contacts {
    var contacts = Contacts()
    for table in tables {
      guard require(["contacts.id"], in: table) else { continue }
      for row in table.rows {
        guard let id = row.value(column(table, "contacts.id")) else { continue }
        let first = row.value(column(table, "contacts.first_name"))
        let last = row.value(column(table, "contacts.last_name"))
        let email = row.value(column(table, "contacts.email"))
        let name =
          row.value(column(table, "contacts.name"))
          ?? [first, last].compactMap { $0 }.joined(separator: " ").nonEmpty ?? email ?? id
        var contact = CRMDeal.Contact(
          id: id, name: name, title: row.value(column(table, "contacts.title")), email: email,
          roles: [])
        let deals =
          row.value(column(table, "contacts.deal")).map { Self.split($0, separators: ";,") } ?? []
        if let raw = row.value(column(table, "contacts.role")) {
          var failed = false
          for part in Self.split(raw, separators: ";") {
            guard let role = preset.roles[part.lowercased()] else {
              problems.append(
                ImportProblem(
                  path: table.path, line: row.line,
                  "unknown contact role `\(Excerpt.of(part))`; map it under `roles` in a "
                    + "mapping file"
                ))
              failed = true
              continue
            }
            if !contact.roles.contains(role) { contact.roles.append(role) }
          }
          if failed { contacts.failedDeals.formUnion(deals) }
        }
        contacts.byID[id] = contact
        for deal in deals { contacts.byDeal[deal, default: []].append(contact) }
      }
    }
    return contacts
  }

  /// Contacts by deal, with the roles they play in it; a deal with an unmappable role fails.
  private mutating func readContactRoles(_ tables: [CSVTable], contacts: [String: CRMDeal.Contact])
    -> [String: (contacts: [CRMDeal.Contact], failed: Bool)]
  {
    var byDeal: [String: (contacts: [CRMDeal.Contact], failed: Bool)] = [:]
    for table in tables {
      guard
        require(["contact_roles.deal", "contact_roles.contact", "contact_roles.role"], in: table)
      else { continue }
      for row in table.rows {
        guard let deal = row.value(column(table, "contact_roles.deal")),
          let contactID = row.value(column(table, "contact_roles.contact"))
        else { continue }
        var entry = byDeal[deal] ?? ([], false)
        var role: String?
        if let raw = row.value(column(table, "contact_roles.role")) {
          guard let mapped = preset.roles[raw.lowercased()] else {
            problems.append(
              ImportProblem(
                path: table.path, line: row.line,
                "unknown contact role `\(Excerpt.of(raw))`; map it under `roles` in a mapping file")
            )
            entry.failed = true
            byDeal[deal] = entry
            continue
          }
          role = mapped
        }
        guard var contact = contacts[contactID] else {
          problems.append(
            ImportProblem(
              path: table.path, line: row.line,
              "contact `\(Excerpt.of(contactID))` is not in the contacts export; left out",
              level: .warning))
          continue
        }
        if let index = entry.contacts.firstIndex(where: { $0.id == contactID }) {
          if let role, !entry.contacts[index].roles.contains(role) {
            entry.contacts[index].roles.append(role)
          }
        } else {
          contact.roles = role.map { [$0] } ?? []
          entry.contacts.append(contact)
        }
        byDeal[deal] = entry
      }
    }
    return byDeal
  }

  private mutating func readLineItems(_ tables: [CSVTable]) -> [String: [String]] {
    var products: [String: [String]] = [:]
    for table in tables {
      guard require(["line_items.deal", "line_items.product"], in: table) else { continue }
      for row in table.rows {
        guard let deal = row.value(column(table, "line_items.deal")),
          let product = row.value(column(table, "line_items.product"))
        else { continue }
        if !(products[deal] ?? []).contains(product) { products[deal, default: []].append(product) }
      }
    }
    return products
  }

  // MARK: - Values

  /// `2026-08-14`, `2026-08-14T10:00:00Z`, `2026-08-14 10:00` or the US `8/14/2026`.
  static func date(_ text: String) -> CalendarDate? {
    if text.count >= 10, let date = CalendarDate(String(text.prefix(10))),
      text.count == 10 || [" ", "T"].contains(text[text.index(text.startIndex, offsetBy: 10)])
    {
      return date
    }
    let parts =
      text.split(separator: " ").first?.split(separator: "/", omittingEmptySubsequences: false)
      ?? []
    guard parts.count == 3, let month = Int(parts[0]), let day = Int(parts[1]),
      let year = Int(parts[2]),
      parts[2].count == 4
    else { return nil }
    func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
    return CalendarDate("\(year)-\(pad(month))-\(pad(day))")
  }

  /// `84000`, `84000.00`, `84,000.50`, `$84,000`, `USD 84000` as a plain number literal.
  static func amount(_ text: String) -> String? {
    var body = Substring(text.trimmingCharacters(in: .whitespaces))
    if let code = currencyPrefix(text) {
      body = body.dropFirst(code.count).drop(while: { $0 == " " })
    }
    if let first = body.first, "$€£¥".contains(first) { body = body.dropFirst() }
    let parts = body.split(separator: ".", omittingEmptySubsequences: false)
    guard (1...2).contains(parts.count) else { return nil }
    var whole = String(parts[0])
    if whole.contains(",") {
      let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
      guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 })
      else { return nil }
      whole = groups.joined()
    }
    let fraction = parts.count == 2 ? String(parts[1]) : ""
    guard !whole.isEmpty, whole.allSatisfy(\.isASCIIDigit), fraction.allSatisfy(\.isASCIIDigit),
      parts.count == 1 || !fraction.isEmpty
    else { return nil }
    let trimmedWhole = String(whole.drop(while: { $0 == "0" })).nonEmpty ?? "0"
    let trimmedFraction = String(fraction.reversed().drop(while: { $0 == "0" }).reversed())
    return trimmedFraction.isEmpty ? trimmedWhole : trimmedWhole + "." + trimmedFraction
  }

  /// `USD 84000` → `USD`.
  static func currencyPrefix(_ text: String) -> String? {
    let head = text.trimmingCharacters(in: .whitespaces).prefix(3)
    guard head.count == 3, head.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) else {
      return nil
    }
    return String(head)
  }

  static func split(_ list: String, separators: String = ";,") -> [String] {
    list.split(whereSeparator: { separators.contains($0) }).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    .filter { !$0.isEmpty }
  }

  /// HubSpot's `Jane Doe (jane@acme.com)`.
  static func contact(fromLabel label: String) -> CRMDeal.Contact {
    if label.hasSuffix(")"), let open = label.lastIndex(of: "(") {
      let name = label[..<open].trimmingCharacters(in: .whitespaces)
      let email = String(label[label.index(after: open)..<label.index(before: label.endIndex)])
      return CRMDeal.Contact(
        id: nil, name: name.isEmpty ? email : name, email: email.contains("@") ? email : nil,
        roles: [])
    }
    return CRMDeal.Contact(
      id: nil, name: label, email: label.contains("@") ? label : nil, roles: [])
  }
}

extension String {
  var nonEmpty: String? { isEmpty ? nil : self }
}

extension Character {
  var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
