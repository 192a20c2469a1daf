/// Reads record data out of history by object id, each tree and blob at most once: the
/// account folders' files, commitment ids and stages. Git objects never change, so whatever was
/// read for one commit serves every other commit that shares the object.
final class RecordHistoryStore {
  let repository: Repository
  let accountsDirectory: String
  private var idsByBlob: [OID: [String]] = [:]
  private var closedByBlob: [OID: Bool] = [:]
  private var churnedByBlob: [OID: Bool] = [:]
  private var filesByTree: [OID: (account: OID?, commitments: OID?)] = [:]
  private var accountsTrees: [OID: OID?] = [:]
  private var recordsByTree: [OID: AccountRecord] = [:]

  /// Beyond this many entries a cache starts over, so memory stays bounded however long the
  /// history is (objects are immutable: a dropped entry only costs a re-read).
  static let cacheLimit = 200_000

  /// Blobs and folders' trees, read from the packs without libgit2's lock.
  private lazy var objects = ObjectReader(repository: repository)

  /// `objects`, when given, is a reader of `repository` already open on this thread.
  init(repository: Repository, accountsDirectory: String, objects: ObjectReader? = nil) {
    self.repository = repository
    self.accountsDirectory = accountsDirectory
    if let objects { self.objects = objects }
  }

  /// The accounts folder's tree in a commit's root tree.
  func accountsTree(ofCommitTree tree: OID) throws(GitError) -> OID? {
    if let known = accountsTrees[tree] { return known }
    let found = try repository.entryID(in: tree, at: accountsDirectory)
    if accountsTrees.count > 4096 { accountsTrees.removeAll() }
    accountsTrees[tree] = found
    return found
  }

  /// The blob ids of `account.yaml` and `commitments.yaml` in an account folder's tree.
  func files(ofFolder tree: OID) throws(GitError) -> (account: OID?, commitments: OID?) {
    if let known = filesByTree[tree] { return known }
    let entries = try objects.treeEntries(tree)
    let files = (
      entries.first { $0.name == RecordFile.account.fileName && $0.kind == .file }?.id,
      entries.first { $0.name == RecordFile.commitments.fileName && $0.kind == .file }?.id
    )
    if filesByTree.count > Self.cacheLimit { filesByTree.removeAll(keepingCapacity: true) }
    filesByTree[tree] = files
    return files
  }

  /// The commitment ids listed in a `commitments.yaml` blob, in file order.
  func commitmentIDs(ofBlob blob: OID) -> [String] {
    if let known = idsByBlob[blob] { return known }
    let root = (try? objects.blob(blob)).flatMap { YAMLLoader.load($0).root }
    let ids = (root?["commitments"]?.items ?? []).compactMap { $0["id"]?.string }
    if idsByBlob.count > Self.cacheLimit { idsByBlob.removeAll(keepingCapacity: true) }
    idsByBlob[blob] = ids
    return ids
  }

  /// The record files in an account folder's tree with their bytes.
  func recordFiles(ofFolder tree: OID) throws(GitError) -> [(RecordFile, [UInt8])] {
    var files: [(RecordFile, [UInt8])] = []
    for (kind, blob) in try recordEntries(ofFolder: tree).files {
      files.append((kind, try objects.blob(blob)))
    }
    return files
  }

  /// The record files in an account folder's tree that are regular files, with their blob ids,
  /// and whether every record file there is one (history skips a link named like a record file).
  func recordEntries(ofFolder tree: OID) throws(GitError) -> (
    files: [(RecordFile, OID)], allRegular: Bool
  ) {
    var files: [(RecordFile, OID)] = []
    var allRegular = true
    for entry in try objects.treeEntries(tree) {
      guard let kind = RecordFile(fileName: entry.name) else { continue }
      if entry.kind == .file { files.append((kind, entry.id)) } else { allRegular = false }
    }
    return (files, allRegular)
  }

  /// Record files each checked on its own. A file whose blob is in `previous` (the same
  /// account's version checked before, usually one file away) is taken from there instead of
  /// being read and checked again.
  func checked(_ files: [(RecordFile, OID)], reusing previous: [CheckedFile]) throws(GitError)
    -> [CheckedFile]
  {
    var checked: [CheckedFile] = []
    for (kind, blob) in files {
      if let known = previous.first(where: { $0.kind == kind && $0.blob == blob }) {
        checked.append(known)
      } else {
        let bytes = try objects.blob(blob)
        checked.append(CheckedFile(kind: kind, blob: blob, RecordChecker.check(bytes, as: kind)))
      }
    }
    return checked
  }

  /// The commitments listed in an account folder's `commitments.yaml` (none when it is absent or
  /// does not load).
  func commitments(ofFolder tree: OID) throws(GitError) -> [YAMLNode] {
    guard let blob = try files(ofFolder: tree).commitments else { return [] }
    let root = YAMLLoader.load(try objects.blob(blob)).root
    return (root?["commitments"]?.items ?? []).filter { $0.entries != nil }
  }

  /// Whether an `account.yaml` blob names a closed stage. Most versions before close (prospect,
  /// negotiation) cannot: a stage value is one of a few words, and without a backslash (the only
  /// escape YAML has) the word must stand in the bytes as it is; those are not parsed at all.
  func stageIsClosed(ofBlob blob: OID) -> Bool {
    if let known = closedByBlob[blob] { return known }
    let closed: Bool
    if let bytes = try? objects.blob(blob), Self.mayNameClosedStage(bytes) {
      closed =
        YAMLLoader.load(bytes).root?["stage"]?.string.flatMap(Stage.init(rawValue:))?.isClosed
        ?? false
    } else {
      closed = false
    }
    if closedByBlob.count > Self.cacheLimit { closedByBlob.removeAll(keepingCapacity: true) }
    closedByBlob[blob] = closed
    return closed
  }

  /// Whether an `account.yaml` blob has stage `churned` (the churn day of an account without
  /// `contract.ended_on`); parsed only when the word could be in it, as for `stageIsClosed`.
  func stageIsChurned(ofBlob blob: OID) -> Bool {
    if let known = churnedByBlob[blob] { return known }
    let churned: Bool
    if let bytes = try? objects.blob(blob), Self.mayName([Self.churnedName], in: bytes) {
      churned = YAMLLoader.load(bytes).root?["stage"]?.string == Stage.churned.rawValue
    } else {
      churned = false
    }
    if churnedByBlob.count > Self.cacheLimit { churnedByBlob.removeAll(keepingCapacity: true) }
    churnedByBlob[blob] = churned
    return churned
  }

  private static let closedStageNames = Stage.allCases.filter(\.isClosed).map {
    Array($0.rawValue.utf8)
  }
  private static let churnedName = Array(Stage.churned.rawValue.utf8)

  static func mayNameClosedStage(_ bytes: [UInt8]) -> Bool { mayName(closedStageNames, in: bytes) }

  /// Whether any of `names` stands in `bytes` as it is, or an escape could spell it.
  static func mayName(_ names: [[UInt8]], in bytes: [UInt8]) -> Bool {
    if bytes.contains(UInt8(ascii: "\\")) { return true }
    return names.contains { name in
      var index = bytes.startIndex
      while let first = bytes[index...].firstIndex(of: name[0]) {
        if bytes[first...].starts(with: name) { return true }
        index = first + 1
      }
      return false
    }
  }

  /// The whole record in an account folder's tree, loaded (cached by tree id).
  func record(ofFolder tree: OID, account: String) throws(GitError) -> AccountRecord {
    if let known = recordsByTree[tree] { return known }
    let files = try recordFiles(ofFolder: tree)
    var roots: [RecordFile: YAMLNode] = [:]
    for (kind, bytes) in files { roots[kind] = YAMLLoader.load(bytes).root }
    let record = AccountRecord(id: account, present: Set(files.map(\.0)), roots: roots)
    if recordsByTree.count > 20_000 { recordsByTree.removeAll() }
    recordsByTree[tree] = record
    return record
  }
}
