// Which accounts a commit changed: consecutive accounts trees compared on every core.

extension CloseWalk {
  /// For each consecutive pair of accounts trees, the entries that differ (`versions[i]` to
  /// `versions[i + 1]`), each version read once.
  static func changes(between versions: [OID?], repository: Repository, progress: Progress? = nil)
    throws(GitError)
    -> [[(name: String, old: OID?, new: OID?)]]
  {
    guard versions.count > 1 else { return [] }
    return try changes(
      pairs: (0..<(versions.count - 1)).map { (versions[$0], versions[$0 + 1]) },
      repository: repository,
      progress: progress)
  }

  /// For each pair of trees, the entries that differ, computed on every core. The pairs are cut
  /// into a few dozen runs, latest first (later trees are larger), and a core that finishes
  /// early picks up the next, so both stay busy to the end. Each worker reads the versions
  /// through its own `TreeVersionReader`, so a version costs what its pack delta changed, not
  /// the size of the tree, and consecutive pairs share the version between them.
  static func changes(
    pairs: [(old: OID?, new: OID?)], repository: Repository, progress: Progress? = nil
  ) throws(GitError)
    -> [[(name: String, old: OID?, new: OID?)]]
  {
    guard !pairs.isEmpty else { return [] }
    let chunk = max(256, (pairs.count + 31) / 32)
    let runs = stride(from: 0, to: pairs.count, by: chunk).map { $0..<min(pairs.count, $0 + chunk) }
      .reversed()
    let results = try onEveryCore(
      Array(runs), repository: repository, makeState: { TreeVersionReader(repository: $0) }
    ) {
      (reader, range) throws(GitError) in
      var result = [[(name: String, old: OID?, new: OID?)]](repeating: [], count: range.count)
      var known: (id: OID?, version: TreeVersion)?
      let before = reader.counts
      let timer = PhaseTimer()
      defer {
        let after = reader.counts
        PhaseTimer.note(
          "history: trees \(range) in \(timer.elapsedMilliseconds) ms: "
            + "\(after.deltas - before.deltas) from deltas, \(after.whole - before.whole) whole "
            + "(\((after.wholeBytes - before.wholeBytes) / 1024) KiB), "
            + "\(after.libgit2 - before.libgit2) through libgit2"
        )
      }
      for index in range where pairs[index].old != pairs[index].new {
        if index % 64 == 0 { progress?.advance(by: 64) }
        let (old, new) = pairs[index]
        if known == nil || known!.id != old { known = (old, try reader.version(of: old)) }
        let newer = try reader.version(of: new)
        result[index - range.lowerBound] = TreeVersion.changes(
          from: known!.version, to: newer, table: reader.table)
        known = (new, newer)
      }
      return [(range.lowerBound, result)]
    }
    var ordered = [[(name: String, old: OID?, new: OID?)]](repeating: [], count: pairs.count)
    for (lowerBound, part) in results {
      for (offset, changes) in part.enumerated() { ordered[lowerBound + offset] = changes }
    }
    return ordered
  }

  /// The first-parent chain from `tip` back to the root, oldest first, as
  /// `Repository.firstParentHistory` gives it, read from the packs' commits where they are
  /// whole: libgit2's walk held every commit it read (280 MB for 96,000 commits) and took
  /// twice as long.
  ///
  /// Each commit's root tree comes along where its first line named it: read again, it would be
  /// inflated a second time for every commit.
  static func firstParentChain(to tip: OID, repository: Repository) throws(GitError)
    -> (commits: [OID], roots: [OID?])
  {
    let packs = PackedObjects(objectsDirectory: repository.commonDirectory + "objects")
    var chain: [OID] = []
    var roots: [OID?] = []
    var current: OID? = tip
    while let commit = current {
      chain.append(commit)
      if let start = packs.commitStart(commit) {
        current = start.firstParent
        roots.append(start.tree)
      } else {
        current = try repository.commitInfo(commit).firstParent
        roots.append(nil)
      }
    }
    return (chain.reversed(), roots.reversed())
  }

  /// Each commit's accounts tree (nil where it has none), read on every core: the commit's
  /// first line and the trees down to the accounts folder, from the packs where they can be.
  /// `roots`, when given, holds each commit's root tree where it is already known.
  static func accountsTrees(
    of commits: [OID], roots: [OID?]? = nil, repository: Repository, accountsDirectory: String,
    progress: Progress? = nil
  ) throws(GitError) -> [OID?] {
    let path = accountsDirectory.split(separator: "/").map(String.init)
    let chunks = stride(from: 0, to: commits.count, by: 4096).map {
      $0..<min(commits.count, $0 + 4096)
    }
    return try onEveryCore(chunks, repository: repository) { (handle, chunk) throws(GitError) in
      // A reader of its own: root trees would push accounts trees out of a shared cache.
      let reader = TreeVersionReader(repository: handle, budget: 100_000)
      var trees: [OID?] = []
      trees.reserveCapacity(chunk.count)
      for index in chunk {
        let root: OID
        if let known = roots?[index] {
          root = known
        } else {
          root = try reader.tree(ofCommit: commits[index])
        }
        trees.append(try reader.entryID(at: path, below: root))
      }
      progress?.advance(by: chunk.count)
      return trees
    }
  }

  /// Runs `body` over `chunks` on every core, each worker with its own repository handle
  /// (libgit2 handles are not shared between threads); results in chunk order, or the first
  /// failure.
  static func onEveryCore<Chunk, Output>(
    _ chunks: [Chunk], repository: Repository,
    _ body: (Repository, Chunk) throws(GitError) -> [Output]
  ) throws(GitError) -> [Output] {
    try onEveryCore(chunks, repository: repository, makeState: { $0 }, body)
  }

  /// `onEveryCore` with state each worker keeps from chunk to chunk, made from its handle.
  static func onEveryCore<Chunk, State, Output>(
    _ chunks: [Chunk], repository: Repository, makeState: (Repository) -> State,
    _ body: (State, Chunk) throws(GitError) -> [Output]
  ) throws(GitError) -> [Output] {
    let runs = Parallel.map(
      chunks, minimumPerWorker: 1,
      makeContext: { worker -> State? in
        let handle = worker == .callingThread ? repository : try? repository.reopen()
        return handle.map(makeState)
      }
    ) { (state: inout State?, chunk: Chunk) -> Result<[Output], GitError> in
      guard let state else {
        return .failure(.unopened(during: "history"))
      }
      do throws(GitError) { return .success(try body(state, chunk)) } catch {
        return .failure(error)
      }
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

  /// Maps `items` on every core, in chunks of `chunk`, each worker reading through its own
  /// record store (and so its own repository handle and caches); results in input order.
  static func mapOnEveryCore<Item, Output>(
    _ items: [Item], chunk: Int = 256, repository: Repository, accountsDirectory: String,
    _ transform: (RecordHistoryStore, Item) throws(GitError) -> Output
  ) throws(GitError) -> [Output] {
    let chunks = stride(from: 0, to: items.count, by: chunk).map {
      Array(items[$0..<min(items.count, $0 + chunk)])
    }
    return try onEveryCore(chunks, repository: repository) { (handle, part) throws(GitError) in
      let store = RecordHistoryStore(repository: handle, accountsDirectory: accountsDirectory)
      var results: [Output] = []
      results.reserveCapacity(part.count)
      for item in part { results.append(try transform(store, item)) }
      return results
    }
  }

  /// The first-parent commits after `tip` up to `head`, oldest first; nil when `tip` is not on
  /// that chain (history was rewritten), which means walking from the start.
  static func commits(after tip: OID, to head: OID, repository: Repository) throws(GitError)
    -> [OID]?
  {
    var chain: [OID] = []
    var current: OID? = head
    while let commit = current, commit != tip {
      chain.append(commit)
      current = try repository.commitInfo(commit).firstParent
    }
    return current == nil ? nil : chain.reversed()
  }
}
