/// What one deal changes in its account's files, edited in place: only the fields the import
/// maps, each only when its value differs, so comments, key order and every other value stay
/// and a second import of the same export changes no byte.
struct DealUpdate {
  /// Current bytes of the account's files (the templates' for a new account).
  var files: [RecordFile: [UInt8]]
  /// The fields that changed, as dotted paths, for the summary.
  private(set) var changed: [String] = []
  /// `account.yaml` as loaded after the edits (what the assignment reads next).
  private(set) var accountRoot: YAMLNode?

  init(files: [RecordFile: [UInt8]]) { self.files = files }

  /// Applies the deal's values to `account.yaml` (and `stakeholders.yaml` when it has contacts).
  mutating func apply(_ deal: CRMDeal, stageIsNew: Bool) throws(YAMLEditor.Failure) {
    var account = YAMLEditor(files[.account] ?? [])
    let current = YAMLLoader.load(account.bytes).root
    func set(_ path: [String], _ value: YAMLEditor.Value?) throws(YAMLEditor.Failure) {
      guard let value else { return }
      var node = current
      for key in path { node = node?[key] }
      guard !Self.holds(node, value) else { return }
      try account.set(path.map { .key($0) }, to: value)
      changed.append(path.joined(separator: "."))
    }
    let record = current.map { AccountRecord(id: "", present: [.account], roots: [.account: $0]) }
    let stage = Self.stage(after: record?.stage, crm: deal.stage, isNew: stageIsNew)
    try set(["name"], .string(deal.accountName ?? deal.name))
    try set(["stage"], .string(stage.rawValue))
    try set(["segment"], deal.segment.map { .string($0) })
    try set(["region"], deal.region.map { .string($0) })
    if !deal.products.isEmpty {
      let existing = record?.accountValue("products")?.strings ?? []
      try set(["products"], .list(existing + deal.products.filter { !existing.contains($0) }))
    }
    try set(["owners", "sales"], deal.owner.map { .string($0) })
    // An open deal's close date is only expected; the record has a closed_on once it closed.
    if deal.stage.isClosed {
      try set(["deal", "closed_on"], deal.closedOn.map { .string($0.description) })
    }
    try set(["deal", "arr"], deal.amount.map { .literal($0) })
    try set(["deal", "currency"], deal.currency.map { .string($0) })
    try set(["x-crm", "system"], .string(deal.system.rawValue))
    try set(["x-crm", "opportunity"], deal.dealID.map { .string($0) })
    try set(["x-crm", "account"], deal.accountID.map { .string($0) })
    accountRoot = current
    if account.bytes != files[.account] {
      (files[.account], accountRoot) = try account.finishedDocument()
    }

    guard !deal.contacts.isEmpty, var people = files[.stakeholders].map(YAMLEditor.init) else {
      return
    }
    try Self.merge(deal.contacts, into: &people, changed: &changed)
    if people.bytes != files[.stakeholders] { files[.stakeholders] = try people.finished() }
  }

  /// Sets `owners.success` (an assignment), when absent.
  mutating func assign(_ person: String) throws(YAMLEditor.Failure) {
    var account = YAMLEditor(files[.account] ?? [])
    guard YAMLLoader.load(account.bytes).root?["owners"]?["success"] == nil else { return }
    try account.set([.key("owners"), .key("success")], to: .string(person))
    (files[.account], accountRoot) = try account.finishedDocument()
    changed.append("owners.success")
  }

  /// A stage never moves backwards and never leaves lost or churned; a deal lost before it
  /// closed becomes lost.
  static func stage(after current: Stage?, crm: Stage, isNew: Bool) -> Stage {
    guard let current, !isNew else { return crm }
    if current == .lost || current == .churned { return current }
    if crm == .lost { return current.isClosed ? current : .lost }
    return crm.rank > current.rank ? crm : current
  }

  /// Whether the file already holds `value` there (numbers compared as numbers).
  static func holds(_ node: YAMLNode?, _ value: YAMLEditor.Value) -> Bool {
    guard let node else { return false }
    switch value {
    case .string(let text): return node.string == text
    case .literal(let text): return node.number.map { $0 == Double(text) } ?? (node.string == text)
    case .list(let items): return node.items?.compactMap(\.string) == items
    default: return false
    }
  }

  /// Each contact matched by its CRM id (`x-crm-contact`), else by name: a match gains the
  /// CRM's title, e-mail and roles (roles are only added); a new one fills the template's empty
  /// stakeholder or is appended. No stakeholder is ever removed.
  private static func merge(
    _ contacts: [CRMDeal.Contact], into people: inout YAMLEditor, changed: inout [String]
  )
    throws(YAMLEditor.Failure)
  {
    for contact in contacts {
      let list = YAMLLoader.load(people.bytes).root?["stakeholders"]?.items ?? []
      let index =
        list.firstIndex { item in contact.id != nil && item["x-crm-contact"]?.string == contact.id }
        ?? list.firstIndex { $0["name"]?.string?.lowercased() == contact.name.lowercased() }
      func set(_ position: Int, _ key: String, _ value: YAMLEditor.Value?) throws(YAMLEditor
        .Failure)
      {
        guard let value, !holds(list[position][key], value) else { return }
        try people.set([.key("stakeholders"), .index(position), .key(key)], to: value)
        changed.append("stakeholders[\(contact.name)].\(key)")
      }
      if let index {
        try set(index, "title", contact.title.map { .string($0) })
        try set(index, "contact", contact.email.map { .string($0) })
        let roles = list[index]["roles"]?.strings ?? []
        if contact.roles.contains(where: { !roles.contains($0) }) {
          try set(index, "roles", .list(roles + contact.roles.filter { !roles.contains($0) }))
        }
        try set(index, "x-crm-contact", contact.id.map { .string($0) })
      } else if let placeholder = list.firstIndex(where: {
        $0["name"]?.string == nil && $0.entries != nil
      }) {
        // The template's empty stakeholder is filled in rather than left beside the real one.
        try set(placeholder, "name", .string(contact.name))
        try set(placeholder, "title", contact.title.map { .string($0) })
        try set(placeholder, "roles", .list(contact.roles))
        if list[placeholder]["stance"]?.string == nil {
          try set(placeholder, "stance", .string("unknown"))
        }
        try set(placeholder, "contact", contact.email.map { .string($0) })
        try set(placeholder, "x-crm-contact", contact.id.map { .string($0) })
      } else {
        var item: [(String, YAMLEditor.Value)] = [("name", .string(contact.name))]
        if let title = contact.title { item.append(("title", .string(title))) }
        item.append(("roles", .list(contact.roles)))
        item.append(("stance", .string("unknown")))
        if let email = contact.email { item.append(("contact", .string(email))) }
        if let id = contact.id { item.append(("x-crm-contact", .string(id))) }
        try people.append(to: [.key("stakeholders")], item)
        changed.append("stakeholders[\(contact.name)]")
      }
    }
  }
}
