/// The work tree's accounts as `import` and `assign` edit them: each folder's `account.yaml`
/// and `stakeholders.yaml` bytes, the records loaded from them, and the settings.
struct WorkTreeAccounts {
  /// The work tree's path, ending in `/`.
  var root: String
  var settings: Settings
  var records: [String: AccountRecord] = [:]
  private var bytes: [String: [RecordFile: [UInt8]]] = [:]
  /// `system:id` of each deal and CRM account named under `x-crm`, to the folder holding it.
  private var byCRM: [String: String] = [:]

  static let editedFiles: [RecordFile] = [.account, .stakeholders]

  static func open(_ repositoryPath: String) throws(HandoffError) -> WorkTreeAccounts {
    do {
      let repository = try Repository.open(forCommandAt: repositoryPath)
      guard let root = repository.workingDirectory else {
        throw HandoffError.notDone("this repository is bare and has no work tree")
      }
      let snapshot = try Snapshot.open(nil, in: repository)
      let settings = try snapshot.loadSettings(requireAccountsFolder: false).settings
      var tree = WorkTreeAccounts(root: root, settings: settings)
      let layout = AccountLayout.scan(
        try snapshot.items(under: settings.accountsDirectory),
        accountsDirectory: settings.accountsDirectory)
      let loaded = Parallel.map(layout.accounts, makeContext: { try? snapshot.makeReader(for: $0) })
      {
        reader, folder -> (String, [RecordFile: [UInt8]]) in
        var files: [RecordFile: [UInt8]] = [:]
        for (kind, item) in folder.files where Self.editedFiles.contains(kind) {
          files[kind] = try? reader?.contents(of: item).bytes
        }
        return (folder.id, files)
      }
      for (id, files) in loaded {
        tree.bytes[id] = files
        let record = AccountRecord(
          id: id, present: Set(files.keys),
          roots: files.compactMapValues { YAMLLoader.load($0).root })
        tree.records[id] = record
        if let crm = record.accountValue("x-crm"), let system = crm["system"]?.string {
          for key in ["opportunity", "account"] {
            if let value = crm[key]?.string, tree.byCRM["\(system):\(key):\(value)"] == nil {
              tree.byCRM["\(system):\(key):\(value)"] = id
            }
          }
        }
      }
      return tree
    } catch {
      throw HandoffError(error, during: "import")
    }
  }

  /// The folder for `deal`, and whether it was found by the deal's own id: by its deal id
  /// under `x-crm`, then by its CRM account id, then by the folder id its name gives, unless
  /// that folder belongs to another CRM account (then the id gets the account's CRM id).
  func match(_ deal: CRMDeal) -> (folder: String, byDealID: Bool) {
    let system = deal.system.rawValue
    if let id = deal.dealID, let folder = byCRM["\(system):opportunity:\(id)"] {
      return (folder, true)
    }
    if let id = deal.accountID, let folder = byCRM["\(system):account:\(id)"] {
      return (folder, false)
    }
    let slug = deal.accountFolderID
    guard let record = records[slug], belongsElsewhere(record, deal) else { return (slug, false) }
    return (Self.distinct(slug, deal), false)
  }

  /// Whether an existing folder's `x-crm` names another account or deal of the same CRM.
  private func belongsElsewhere(_ record: AccountRecord, _ deal: CRMDeal) -> Bool {
    guard let crm = record.accountValue("x-crm"), crm["system"]?.string == deal.system.rawValue
    else { return false }
    if let theirs = crm["account"]?.string, let ours = deal.accountID { return theirs != ours }
    if let theirs = crm["opportunity"]?.string, let ours = deal.dealID { return theirs != ours }
    return false
  }

  /// `acme` taken by another customer: `acme-0012` (the CRM account id, else the deal id).
  static func distinct(_ slug: String, _ deal: CRMDeal) -> String {
    let suffix = AccountID.slug(deal.accountID ?? deal.dealID ?? String(deal.line))
    return AccountID.slug(String(slug.prefix(62 - min(suffix.count, 30))) + "-" + suffix.prefix(30))
  }

  /// The edited files of an existing account (empty for a new one).
  func files(of id: String) -> [RecordFile: [UInt8]] { bytes[id] ?? [:] }
}
