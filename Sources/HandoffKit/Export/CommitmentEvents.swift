import Foundation

/// Every change to a commitment on HEAD's first-parent history: added, changed (with the
/// fields) and removed, per account, in commit order. One walk over the history compares
/// consecutive accounts trees (as the close walk does), and only the commitments files that
/// changed are read. Kept in the git directory (`handoff/events-v1.bin`), so the next export
/// reads only the commits added since; derived data, rebuilt when missing or stale.
struct CommitmentEvents {
  struct Event: Sendable, Equatable {
    var account: String
    var commitment: String
    var commit: OID
    var time: Int64
    var author: String
    /// `added`, `changed` or `removed`.
    var change: String
    /// The fields that changed (for `changed`).
    var fields: [String]
    /// The status after the change (nil when removed or not set).
    var status: String?
  }

  var tip: OID?
  var accountsTree: OID?
  /// Each account's commitments blob at `tip`, to compare the next version with.
  var lastBlob: [String: OID] = [:]
  var events: [Event] = []

  static func load(repository: Repository, accountsDirectory: String, head: OID, useCache: Bool)
    throws(GitError)
    -> [Event]
  {
    let file = URL(fileURLWithPath: repository.commonDirectory).appendingPathComponent(
      "handoff/events-v1.bin")
    var walk = CommitmentEvents()
    var commits: [OID]?
    if useCache, let saved = Self.read(file, accountsDirectory: accountsDirectory),
      let tip = saved.tip,
      let newer = try CloseWalk.commits(after: tip, to: head, repository: repository)
    {
      walk = saved
      commits = newer
    }
    let pending: [OID]
    if let commits {
      pending = commits
    } else {
      pending = try repository.firstParentHistory(to: head)
    }
    try walk.advance(through: pending, repository: repository, accountsDirectory: accountsDirectory)
    if useCache, !pending.isEmpty { walk.write(file, accountsDirectory: accountsDirectory) }
    return walk.events
  }

  mutating func advance(through commits: [OID], repository: Repository, accountsDirectory: String)
    throws(GitError)
  {
    guard !commits.isEmpty else { return }
    let trees = try CloseWalk.accountsTrees(
      of: commits, repository: repository, accountsDirectory: accountsDirectory)
    let changes = try CloseWalk.changes(between: [accountsTree] + trees, repository: repository)
    var versions: [String: [(commit: Int, folder: OID?)]] = [:]
    for (index, list) in changes.enumerated() {
      for change in list { versions[change.name, default: []].append((index, change.new)) }
    }
    let names = versions.keys.sorted()
    let previous = lastBlob
    let followed = try CloseWalk.mapOnEveryCore(
      names, repository: repository, accountsDirectory: accountsDirectory
    ) {
      (store, name) throws(GitError) -> (String, OID?, [(Int, String, String, [String], String?)])
      in
      var blob = previous[name]
      var found: [(Int, String, String, [String], String?)] = []
      for version in versions[name]! {
        let next = try version.folder.flatMap { (tree) throws(GitError) in
          try store.files(ofFolder: tree).commitments
        }
        guard next != blob else { continue }
        let before = try Self.commitments(blob, store)
        let after = try Self.commitments(next, store)
        let diff = RecordDiff.items(before, after, key: "id")
        func id(_ value: JSONValue) -> String? {
          guard case .object(let members) = value,
            case .string(let id)? = members.first(where: { $0.0 == "id" })?.1
          else { return nil }
          return id
        }
        let statusByID = Dictionary(
          after.compactMap { node in node["id"]?.string.map { ($0, node["status"]?.string) } },
          uniquingKeysWith: { first, _ in first })
        for item in diff.added {
          if let id = id(item) {
            found.append((version.commit, id, "added", [], statusByID[id] ?? nil))
          }
        }
        for change in diff.changed {
          found.append(
            (
              version.commit, change.key, "changed", change.fields.map(\.field),
              statusByID[change.key] ?? nil
            ))
        }
        for item in diff.removed {
          if let id = id(item) { found.append((version.commit, id, "removed", [], nil)) }
        }
        blob = next
      }
      return (name, blob, found)
    }
    var details: [Int: CommitDetails] = [:]
    var fresh: [Event] = []
    for (name, blob, found) in followed {
      lastBlob[name] = blob
      for (index, id, change, fields, status) in found {
        if details[index] == nil { details[index] = try repository.details(of: commits[index]) }
        let commit = details[index]!
        fresh.append(
          Event(
            account: name, commitment: id, commit: commit.id, time: commit.time,
            author: commit.author, change: change,
            fields: fields, status: status))
      }
    }
    // Commit order, then account, then the order found within the account.
    let order = Dictionary(uniqueKeysWithValues: commits.enumerated().map { ($1, $0) })
    events += fresh.enumerated().sorted { left, right in
      let a = order[left.element.commit]!
      let b = order[right.element.commit]!
      if a != b { return a < b }
      if left.element.account != right.element.account {
        return left.element.account < right.element.account
      }
      return left.offset < right.offset
    }.map(\.element)
    accountsTree = trees.last ?? accountsTree
    tip = commits.last
  }

  private static func commitments(_ blob: OID?, _ store: RecordHistoryStore) throws(GitError)
    -> [YAMLNode]
  {
    guard let blob else { return [] }
    let root = YAMLLoader.load(try store.repository.blob(blob)).root
    return (root?["commitments"]?.items ?? []).filter { $0.entries != nil }
  }

  // MARK: - On disk

  private static let magic = Array("handoff-events-1\n".utf8)

  private static func read(_ file: URL, accountsDirectory: String) -> CommitmentEvents? {
    guard let data = try? Data(contentsOf: file) else { return nil }
    return data.withUnsafeBytes { bytes -> CommitmentEvents? in
      var reader = ByteReader(bytes)
      guard reader.matches(magic), reader.oid() == CacheFingerprint.current,
        reader.string() == accountsDirectory,
        let tip = reader.oid(), let hasTree = reader.byte()
      else { return nil }
      var walk = CommitmentEvents()
      walk.tip = tip
      if hasTree == 1 { walk.accountsTree = reader.oid() }
      guard let blobs = reader.integer() else { return nil }
      for _ in 0..<blobs {
        guard let name = reader.string(), let blob = reader.oid() else { return nil }
        walk.lastBlob[name] = blob
      }
      guard let count = reader.integer() else { return nil }
      walk.events.reserveCapacity(Int(count))
      for _ in 0..<count {
        guard let account = reader.string(), let commitment = reader.string(),
          let commit = reader.oid(),
          let high = reader.integer(), let low = reader.integer(), let author = reader.string(),
          let change = reader.string(), let fields = reader.strings(),
          let status = reader.optionalString()
        else { return nil }
        walk.events.append(
          Event(
            account: account, commitment: commitment, commit: commit,
            time: Int64(high) << 32 | Int64(low),
            author: author, change: change, fields: fields, status: status))
      }
      return reader.isAtEnd ? walk : nil
    }
  }

  private func write(_ file: URL, accountsDirectory: String) {
    guard let tip else { return }
    var writer = ByteWriter()
    writer.bytes(Self.magic)
    writer.bytes(CacheFingerprint.current.bytes)
    writer.string(accountsDirectory)
    writer.bytes(tip.bytes)
    writer.bytes(accountsTree.map { [1] + $0.bytes } ?? [0])
    writer.integer(UInt32(lastBlob.count))
    for (name, blob) in lastBlob.sorted(by: { $0.key < $1.key }) {
      writer.string(name)
      writer.bytes(blob.bytes)
    }
    writer.integer(UInt32(events.count))
    for event in events {
      writer.string(event.account)
      writer.string(event.commitment)
      writer.bytes(event.commit.bytes)
      writer.integer(UInt32(truncatingIfNeeded: event.time >> 32))
      writer.integer(UInt32(truncatingIfNeeded: event.time))
      writer.string(event.author)
      writer.string(event.change)
      writer.strings(event.fields)
      writer.optionalString(event.status)
    }
    SafeFile.writeDerived(writer.output, to: file)
  }
}
