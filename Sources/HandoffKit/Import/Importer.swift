import Foundation

/// `handoff import`: CRM exports into account folders of the work tree. Each account is found
/// by its `x-crm` id, then by its folder id; a new one starts from the templates. Only mapped
/// values change, in place; nothing is deleted; each file is written atomically, and an account
/// with a problem in its rows is not written at all while the others go on.
public enum Importer {
  public struct Options: Sendable {
    public var system: CRMPreset.System
    public var files: [String]
    public var mapping: String?
    public var dryRun: Bool

    public init(
      system: CRMPreset.System, files: [String], mapping: String? = nil, dryRun: Bool = false
    ) {
      self.system = system
      self.files = files
      self.mapping = mapping
      self.dryRun = dryRun
    }
  }

  /// One account the import created or changed.
  public struct Change: Sendable {
    public var account: String
    public var created: Bool
    public var fields: [String]
    /// Each file's path in the repository, its bytes before (nil when new) and after.
    public var files: [(path: String, before: [UInt8]?, after: [UInt8])]
  }

  public struct Result: Sendable {
    public var problems: [ImportProblem]
    public var changes: [Change]
    public var unchanged: Int
    public var dryRun: Bool

    public var hasErrors: Bool { problems.contains { $0.level == .error } }

    /// What `--dry-run` shows: a unified diff of every file that would change.
    public var diff: String { Importer.diff(changes) }
  }

  public static func run(_ options: Options, repositoryPath: String) throws(HandoffError) -> Result
  {
    let tree = try WorkTreeAccounts.open(repositoryPath)
    var preset = CRMPreset.preset(for: options.system)
    if let mapping = options.mapping {
      do {
        preset = try preset.overridden(by: try readInput(mapping), path: mapping)
      } catch let problem as ImportProblem {
        throw HandoffError.failed(problem.description)
      } catch {
        throw HandoffError(error, during: "import")
      }
    }
    var problems: [ImportProblem] = []
    var tables: [CSVTable] = []
    for path in options.files {
      do {
        tables.append(try CSVTable.read(bytes: try readInput(path), path: path))
      } catch let problem as ImportProblem {
        problems.append(problem)
      } catch {
        throw HandoffError(error, during: "import")
      }
    }
    var reader = CRMReader(preset: preset)
    let deals = reader.deals(from: tables)
    problems += reader.problems

    var assignment = Assignment(
      rules: tree.settings.assignment, records: Array(tree.records.values))
    var changes: [Change] = []
    var unchanged = 0
    var pending: [(String, [RecordFile: [UInt8]])] = []
    // A prospect with contacts gets a stakeholders.yaml too; one rendering serves them all.
    let stakeholdersTemplate = AccountTemplate.files(
      id: "x", stage: .closedWon, folder: tree.settings.accountsDirectory + "/x",
      settings: tree.settings
    ).first(where: { $0.0 == .stakeholders }).map { Array($0.1.utf8) }

    // Which folder each deal goes to. Deals found by their own id claim their folder first, so
    // the order of rows never decides; a second deal of one account is skipped, and another
    // customer whose name gives the same folder id gets its own.
    var claimed: [String: CRMDeal] = [:]
    var targets: [(deal: CRMDeal, folderID: String)] = []
    let matches = deals.map { tree.match($0) }
    for pass in [true, false] {
      for (deal, match) in zip(deals, matches) where match.byDealID == pass {
        var folderID = match.folder
        if let earlier = claimed[folderID], let theirs = earlier.accountID,
          let ours = deal.accountID, theirs != ours,
          !match.byDealID
        {
          folderID = WorkTreeAccounts.distinct(folderID, deal)
        }
        guard AccountID.isValid(folderID) else {
          problems.append(
            ImportProblem(
              path: deal.path, line: deal.line,
              "no account id can be made from `\(Excerpt.of(deal.name))`"))
          continue
        }
        if let earlier = claimed[folderID] {
          problems.append(
            ImportProblem(
              path: deal.path, line: deal.line,
              "skipped: accounts/\(folderID) is already imported from line \(earlier.line) of "
                + "\(earlier.path)",
              level: .warning))
          continue
        }
        claimed[folderID] = deal
        targets.append((deal, folderID))
      }
    }
    targets.sort { ($0.deal.path, $0.deal.line) < ($1.deal.path, $1.deal.line) }

    // Each account's edits on every core; the assignment after, in order, since every CSM
    // chosen changes the loads the next choice sees.
    let edited = Parallel.map(targets, makeContext: { _ in () }) {
      _, target -> Swift.Result<DealUpdate, ImportProblem> in
      let (deal, folderID) = target
      let existing = tree.files(of: folderID)
      var files = existing
      if existing.isEmpty {
        let folder = tree.settings.accountsDirectory + "/" + folderID
        for (kind, text) in AccountTemplate.files(
          id: folderID, stage: deal.stage, folder: folder, settings: tree.settings,
          name: deal.accountName ?? deal.name)
        {
          files[kind] = Array(text.utf8)
        }
      }
      if !deal.contacts.isEmpty, files[.stakeholders] == nil {
        files[.stakeholders] = stakeholdersTemplate
      }
      var update = DealUpdate(files: files)
      do throws(YAMLEditor.Failure) {
        try update.apply(deal, stageIsNew: existing.isEmpty)
      } catch {
        return .failure(
          ImportProblem(
            path: deal.path, line: deal.line,
            "accounts/\(folderID) could not be edited: \(error.message)"))
      }
      return .success(update)
    }
    for (target, outcome) in zip(targets, edited) {
      let (deal, folderID) = target
      let existing = tree.files(of: folderID)
      var update: DealUpdate
      switch outcome {
      case .failure(let problem):
        problems.append(problem)
        continue
      case .success(let done):
        update = done
      }
      let record = AccountRecord(
        id: folderID, present: [.account],
        roots: [.account: update.accountRoot].compactMapValues { $0 })
      if let stage = record.stage, stage.isCustomer, record.accountValue("owners.success") == nil {
        let keys = record.assignmentKeys
        if let person = assignment.assign(
          segment: keys.segment, region: keys.region, products: keys.products, stage: stage)
        {
          do {
            try update.assign(person)
          } catch {
            problems.append(
              ImportProblem(
                path: deal.path, line: deal.line,
                "accounts/\(folderID) could not be edited: \(error.message)"))
            continue
          }
        }
      }
      let written = update.files.filter { existing[$0.key] != $0.value }
      guard !written.isEmpty else {
        unchanged += 1
        continue
      }
      let folder = tree.settings.accountsDirectory + "/" + folderID
      let kinds = written.keys.sorted { $0.code < $1.code }
      let files: [(path: String, before: [UInt8]?, after: [UInt8])] = kinds.map { kind in
        (folder + "/" + kind.fileName, existing[kind], written[kind]!)
      }
      changes.append(
        Change(account: folderID, created: existing.isEmpty, fields: update.changed, files: files))
      pending.append((folderID, written))
    }
    if !options.dryRun {
      for (folderID, files) in pending {
        for (kind, bytes) in files {
          let path =
            tree.root + tree.settings.accountsDirectory + "/" + folderID + "/" + kind.fileName
          // Atomic (a temporary file renamed into place, its folder made when missing) but not
          // flushed, as git writes the work tree: a flush per file would cost an import of
          // thousands of accounts minutes.
          do { try SafeFile.write(bytes, to: path, keepBackup: false, durable: false) } catch {
            throw HandoffError.couldNotWrite(path: error.path, reason: error.reason)
          }
        }
      }
    }
    return Result(
      problems: problems, changes: changes, unchanged: unchanged, dryRun: options.dryRun)
  }

  /// A unified diff of every file the changes write.
  static func diff(_ changes: [Change]) -> String {
    changes.flatMap(\.files).map { file in
      LineDiff.unified(
        file.before.map { String(decoding: $0, as: UTF8.self) },
        String(decoding: file.after, as: UTF8.self),
        path: file.path)
    }.joined()
  }

  /// An input file as bytes; a missing or unreadable one stops the import.
  static func readInput(_ path: String) throws(HandoffError) -> [UInt8] {
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
      throw HandoffError.unreadable(path: path, reason: "it is a folder; name the exported files")
    }
    errno = 0
    guard let data = FileManager.default.contents(atPath: path) else {
      let reason = errno == 0 ? "not readable" : String(cString: strerror(errno))
      throw HandoffError.unreadable(path: path, reason: reason)
    }
    return [UInt8](data)
  }
}
