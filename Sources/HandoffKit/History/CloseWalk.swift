import Foundation

/// The state of one walk down the first-parent history: which accounts exist, when each
/// closed, and which commitment ids appeared after close. Kept in the git directory
/// (`handoff/history-v3.bin`) so the next run only walks the commits added since: derived
/// data, written atomically, rebuilt when missing, stale (the tip is no longer on HEAD's
/// first-parent chain) or unreadable, and never needed for a correct answer.
///
/// It also records when each closed account's record first had no errors (the report's
/// "complete within 24 hours of close"), judged with the settings whose blob id it keeps (a
/// report under other settings walks afresh), and the versions not judged yet.
struct CloseWalk {
  /// The settings that completeness is judged with, and the blob id that names them.
  struct Judge: Sendable {
    var settings: Settings
    var settingsID: OID
  }

  struct Close {
    var commit: CommitDetails
    var commitments: OID?
    var folder: OID?
  }

  var tip: OID?
  var accountsTree: OID?
  /// Accounts in the order they first appeared.
  var order: [String] = []
  var closes: [String: Close] = [:]
  /// Commitment ids each closed account has had since close, in order of appearance.
  var seenIDs: [String: [String]] = [:]
  var added: [String: [String]] = [:]
  /// Commit time at which each closed account's record first had no errors, at or after close.
  var completeAt: [String: Int64] = [:]
  var judgedWith: OID?

  /// Versions of closed accounts not yet judged for completeness, in commit order: judging is
  /// left to the one command that needs it (`report`), so the other history commands never pay
  /// for it.
  var unjudged: [String: [(folder: OID, commit: OID)]] = [:]

  /// Walks `commits` (oldest first, each the first-parent child of the previous).
  ///
  /// The accounts trees are compared newest first: packs store older versions as deltas
  /// against newer ones, so walking that way reuses the delta bases libgit2 just inflated.
  /// Then each account's versions are followed oldest first, as the definition of "close"
  /// requires, accounts in parallel.
  mutating func advance(
    through commits: [OID], repository: Repository, store: RecordHistoryStore, progress: Progress? = nil
  ) throws(GitError) {
    guard !commits.isEmpty else { return }
    var timer = PhaseTimer()
    var trees: [OID?] = []
    trees.reserveCapacity(commits.count)
    progress?.begin("history: reading commits", total: commits.count)
    for commit in commits {
      trees.append(try store.accountsTree(ofCommitTree: repository.commitInfo(commit).tree))
      progress?.advance()
    }
    timer.mark("history: \(commits.count) commits' accounts trees")
    progress?.begin("history: comparing versions", total: commits.count)
    let changes = try Self.changes(between: [accountsTree] + trees, repository: repository, progress: progress)
    timer.mark("history: compare versions")

    var versions: [String: [AccountVersion]] = [:]
    var firstSeen: [String: (commit: Int, position: Int)] = [:]
    for (index, list) in changes.enumerated() {
      for (position, change) in list.enumerated() {
        guard let folder = change.new else { continue }
        versions[change.name, default: []].append(AccountVersion(commit: index, folder: folder))
        if firstSeen[change.name] == nil { firstSeen[change.name] = (index, position) }
      }
    }
    let paths = versions.keys.map { name in
      AccountPath(
        name: name, closed: closes[name] != nil, seen: Set(seenIDs[name] ?? []),
        needsJudging: completeAt[name] == nil, versions: versions[name]!)
    }
    progress?.begin("history: following \(paths.count) accounts", total: paths.count)
    let followed = try Self.follow(paths, repository: repository, accountsDirectory: store.accountsDirectory, progress: progress)
    timer.mark("history: follow \(paths.count) accounts through their versions")

    let known = Set(order)
    order += firstSeen.keys.filter { !known.contains($0) }.sorted { firstSeen[$0]! < firstSeen[$1]! }
    for result in followed {
      if let close = result.close {
        closes[result.name] = Close(
          commit: try repository.details(of: commits[close.commit]), commitments: close.commitments, folder: close.folder)
        seenIDs[result.name] = close.ids
      }
      if !result.newIDs.isEmpty {
        seenIDs[result.name, default: []] += result.newIDs
        added[result.name, default: []] += result.newIDs
      }
      if !result.unjudged.isEmpty {
        unjudged[result.name, default: []] += result.unjudged.map { ($0.folder, commits[$0.commit]) }
      }
    }
    timer.mark("history: merge")
    accountsTree = trees[trees.count - 1]
    tip = commits[commits.count - 1]
  }

  /// One version of an account folder: the index of the commit that made it, and its tree.
  struct AccountVersion: Sendable {
    var commit: Int
    var folder: OID
  }

  /// An account's versions in the commits being walked, and what the walk knew of it before.
  struct AccountPath: Sendable {
    var name: String
    var closed: Bool
    var seen: Set<String>
    var needsJudging: Bool
    var versions: [AccountVersion]
  }

  /// What following one account's versions found.
  struct FollowedAccount: Sendable {
    var name: String
    var close: (commit: Int, commitments: OID?, folder: OID, ids: [String])?
    /// Commitment ids first seen after close.
    var newIDs: [String] = []
    var unjudged: [AccountVersion] = []
  }

  /// Follows every account through its versions, accounts spread over every core. Before close
  /// only the stage is read (and only when the bytes could name a closed stage at all); from
  /// close on only the commitment ids.
  static func follow(
    _ paths: [AccountPath], repository: Repository, accountsDirectory: String, progress: Progress?
  ) throws(GitError) -> [FollowedAccount] {
    let chunks = stride(from: 0, to: paths.count, by: 256).map { Array(paths[$0..<min(paths.count, $0 + 256)]) }
    return try onEveryCore(chunks, repository: repository) { (handle, chunk) throws(GitError) in
      let store = RecordHistoryStore(repository: handle, accountsDirectory: accountsDirectory)
      var results: [FollowedAccount] = []
      for path in chunk {
        var result = FollowedAccount(name: path.name)
        var closed = path.closed
        var seen = path.seen
        for version in path.versions {
          let files = try store.files(ofFolder: version.folder)
          if closed {
            for id in files.commitments.map(store.commitmentIDs(ofBlob:)) ?? [] where seen.insert(id).inserted {
              result.newIDs.append(id)
            }
          } else if let account = files.account, store.stageIsClosed(ofBlob: account) {
            let ids = files.commitments.map(store.commitmentIDs(ofBlob:)) ?? []
            result.close = (version.commit, files.commitments, version.folder, ids)
            seen = Set(ids)
            closed = true
          } else {
            continue
          }
          if path.needsJudging { result.unjudged.append(version) }
        }
        results.append(result)
        progress?.advance()
      }
      return results
    }
  }

  /// Judges the versions waiting since close: the first of each account's whose record has no
  /// errors gives its completion time. Round `k` judges every account's `k`-th version at once
  /// (on every core), so an account complete at close costs one check however often it changed.
  mutating func judge(with judge: Judge, repository: Repository, accountsDirectory: String) throws(GitError) {
    judgedWith = judge.settingsID
    var round = 0
    let versions = unjudged
    unjudged = [:]
    while true {
      let due = versions.filter { completeAt[$0.key] == nil && $0.value.count > round }
      if due.isEmpty { return }
      let folders = Array(Set(due.values.map { $0[round].folder }))
      let chunks = stride(from: 0, to: folders.count, by: 256).map { Array(folders[$0..<min(folders.count, $0 + 256)]) }
      let clean = try Self.onEveryCore(chunks, repository: repository) { (handle, chunk) throws(GitError) in
        let store = RecordHistoryStore(repository: handle, accountsDirectory: accountsDirectory)
        var part: [(OID, Bool)] = []
        for folder in chunk {
          let files = try store.recordFiles(ofFolder: folder)
          let findings = AccountChecker.check(account: "", files: files.map { ($0.0, $0.1) }, settings: judge.settings).findings
          part.append((folder, !findings.contains { judge.settings.isError($0.ruleID) }))
        }
        return part
      }
      let verdicts = Dictionary(clean, uniquingKeysWith: { first, _ in first })
      for (name, queue) in due where verdicts[queue[round].folder] == true {
        completeAt[name] = try repository.details(of: queue[round].commit).time
      }
      round += 1
    }
  }

  /// For each consecutive pair of accounts trees, the entries that differ (`versions[i]` to
  /// `versions[i + 1]`), newest first so each version is read once and along the pack's deltas.
  static func changes(between versions: [OID?], repository: Repository, progress: Progress? = nil) throws(GitError)
    -> [[(name: String, old: OID?, new: OID?)]]
  {
    guard versions.count > 1 else { return [] }
    return try changes(
      pairs: (0..<(versions.count - 1)).map { (versions[$0], versions[$0 + 1]) }, repository: repository,
      progress: progress)
  }

  /// For each pair of trees, the entries that differ, computed on every core: each worker takes
  /// a contiguous run of pairs, walked from the last, keeping the last version it read
  /// (consecutive pairs share one).
  static func changes(pairs: [(old: OID?, new: OID?)], repository: Repository, progress: Progress? = nil) throws(GitError)
    -> [[(name: String, old: OID?, new: OID?)]]
  {
    guard !pairs.isEmpty else { return [] }
    let workers = pairs.count < 64 ? 1 : Parallel.workerCount
    let chunk = (pairs.count + workers - 1) / workers
    let runs = (0..<workers).map { ($0 * chunk)..<min(pairs.count, ($0 + 1) * chunk) }
    return try onEveryCore(runs, repository: repository) { (handle, range) throws(GitError) in
      var result = [[(name: String, old: OID?, new: OID?)]](repeating: [], count: range.count)
      // The version read last, with its layout: the next (older) version is parsed from it.
      var known: (id: OID?, object: RawObject, layout: RawTree.Layout)?
      for index in range.reversed() where pairs[index].old != pairs[index].new {
        if index % 64 == 0 { progress?.advance(by: 64) }
        let (old, new) = pairs[index]
        if known == nil || known!.id != new {
          let object = try handle.rawObject(new)
          known = (new, object, RawTree(bytes: object.bytes).layout())
        }
        let newer = known!
        let older = try handle.rawObject(old)
        let (layout, changes) = RawTree.changes(
          from: RawTree(bytes: newer.object.bytes), layout: newer.layout, to: RawTree(bytes: older.bytes))
        result[index - range.lowerBound] = changes.map { ($0.name, $0.new, $0.old) }
        known = (old, older, layout)
      }
      return result
    }
  }

  /// Runs `body` over `chunks` on every core, each worker with its own repository handle
  /// (libgit2 handles are not shared between threads); results in chunk order, or the first
  /// failure.
  static func onEveryCore<Chunk, Output>(
    _ chunks: [Chunk], repository: Repository,
    _ body: (Repository, Chunk) throws(GitError) -> [Output]
  ) throws(GitError) -> [Output] {
    let path = repository.workingDirectory ?? repository.commonDirectory
    let single = chunks.count == 1
    let runs = Parallel.map(chunks, minimumPerWorker: 1, makeContext: {
      single ? repository : try? Repository.discover(from: path)
    }) { (handle: inout Repository?, chunk: Chunk) -> Result<[Output], GitError> in
      guard let handle else {
        return .failure(GitError(code: .generic, message: "could not open the repository", function: "history"))
      }
      do throws(GitError) { return .success(try body(handle, chunk)) } catch { return .failure(error) }
    }
    var all: [Output] = []
    for run in runs {
      switch run {
      case .success(let part): all += part
      case .failure(let error): throw error
      }
    }
    return all
  }

  /// The first-parent commits after `tip` up to `head`, oldest first; nil when `tip` is not on
  /// that chain (history was rewritten), which means walking from the start.
  static func commits(after tip: OID, to head: OID, repository: Repository) throws(GitError) -> [OID]? {
    var chain: [OID] = []
    var current: OID? = head
    while let commit = current, commit != tip {
      chain.append(commit)
      current = try repository.commitInfo(commit).firstParent
    }
    return current == nil ? nil : chain.reversed()
  }

  // MARK: - Persistence

  private static let magic = Array("handoff-history-3\n".utf8)

  static func file(for repository: Repository) -> URL {
    URL(fileURLWithPath: repository.commonDirectory).appendingPathComponent("handoff/history-v3.bin")
  }

  /// The saved walk for `accountsDirectory`, or nil when there is none or it does not read.
  static func load(from file: URL, accountsDirectory: String) -> CloseWalk? {
    guard let data = try? Data(contentsOf: file) else { return nil }
    return data.withUnsafeBytes { bytes -> CloseWalk? in
      var reader = ByteReader(bytes)
      guard reader.matches(magic), reader.string() == accountsDirectory, let hasTip = reader.byte() else { return nil }
      var walk = CloseWalk()
      if hasTip == 1 {
        guard let tip = reader.oid() else { return nil }
        walk.tip = tip
      }
      guard let hasTree = reader.byte() else { return nil }
      if hasTree == 1 {
        guard let tree = reader.oid() else { return nil }
        walk.accountsTree = tree
      }
      guard let hasJudge = reader.byte() else { return nil }
      if hasJudge == 1 {
        guard let judge = reader.oid() else { return nil }
        walk.judgedWith = judge
      }
      guard let count = reader.integer() else { return nil }
      for _ in 0..<count {
        guard let name = reader.string(), let closed = reader.byte() else { return nil }
        walk.order.append(name)
        if closed == 1 {
          guard let commit = reader.oid(), let high = reader.integer(), let low = reader.integer(),
            let author = reader.string(), let summary = reader.string(), let flags = reader.byte()
          else { return nil }
          var close = Close(
            commit: CommitDetails(id: commit, time: Int64(high) << 32 | Int64(low), author: author, summary: summary),
            commitments: nil, folder: nil)
          if flags & 1 != 0 { close.commitments = reader.oid() }
          if flags & 2 != 0 { close.folder = reader.oid() }
          if flags & 4 != 0 {
            guard let high = reader.integer(), let low = reader.integer() else { return nil }
            walk.completeAt[name] = Int64(high) << 32 | Int64(low)
          }
          walk.closes[name] = close
          guard let seen = reader.strings(), let added = reader.strings(), let pending = reader.integer() else { return nil }
          walk.seenIDs[name] = seen
          if !added.isEmpty { walk.added[name] = added }
          for _ in 0..<pending {
            guard let folder = reader.oid(), let commit = reader.oid() else { return nil }
            walk.unjudged[name, default: []].append((folder, commit))
          }
        }
      }
      return reader.isAtEnd ? walk : nil
    }
  }

  /// Writes the walk atomically; failures are ignored (the index is optional).
  func save(to file: URL, accountsDirectory: String) {
    var writer = ByteWriter()
    writer.bytes(Self.magic)
    writer.string(accountsDirectory)
    writer.bytes(tip.map { [1] + $0.bytes } ?? [0])
    writer.bytes(accountsTree.map { [1] + $0.bytes } ?? [0])
    writer.bytes(judgedWith.map { [1] + $0.bytes } ?? [0])
    writer.integer(UInt32(order.count))
    for name in order {
      writer.string(name)
      guard let close = closes[name] else {
        writer.bytes([0])
        continue
      }
      writer.bytes([1])
      writer.bytes(close.commit.id.bytes)
      writer.integer(UInt32(truncatingIfNeeded: close.commit.time >> 32))
      writer.integer(UInt32(truncatingIfNeeded: close.commit.time))
      writer.string(close.commit.author)
      writer.string(close.commit.summary)
      let complete = completeAt[name]
      writer.bytes([(close.commitments == nil ? 0 : 1) | (close.folder == nil ? 0 : 2) | (complete == nil ? 0 : 4)])
      if let commitments = close.commitments { writer.bytes(commitments.bytes) }
      if let folder = close.folder { writer.bytes(folder.bytes) }
      if let complete {
        writer.integer(UInt32(truncatingIfNeeded: complete >> 32))
        writer.integer(UInt32(truncatingIfNeeded: complete))
      }
      writer.strings(seenIDs[name] ?? [])
      writer.strings(added[name] ?? [])
      let pending = unjudged[name] ?? []
      writer.integer(UInt32(pending.count))
      for version in pending {
        writer.bytes(version.folder.bytes)
        writer.bytes(version.commit.bytes)
      }
    }
    let folder = file.deletingLastPathComponent()
    let temporary = folder.appendingPathComponent(
      ".history-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max)).tmp")
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try Data(writer.output).write(to: temporary)
      if rename(temporary.path, file.path) != 0 { try? FileManager.default.removeItem(at: temporary) }
    } catch {
      try? FileManager.default.removeItem(at: temporary)
    }
  }
}

extension ByteWriter {
  mutating func strings(_ list: [String]) {
    integer(UInt32(list.count))
    for item in list { string(item) }
  }
}

extension ByteReader {
  mutating func strings() -> [String]? {
    guard let count = integer() else { return nil }
    var list: [String] = []
    for _ in 0..<count {
      guard let item = string() else { return nil }
      list.append(item)
    }
    return list
  }
}
