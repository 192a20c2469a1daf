/// Builds the queue of what is due from the work tree or a commit.
public enum DueRunner {
  public static func run(
    in workspace: Workspace, revision: String?, asOf: CalendarDate,
    withinDays: Int = DueQueue.defaultWindow,
    owner: String? = nil, useCache: Bool = true
  ) throws(HandoffError) -> DueQueue {
    let repository = workspace.repository
    let snapshot = try Snapshot.open(revision, in: repository)
    let (settings, settingsBytes) = try snapshot.loadSettings()
    let settingsID = (settingsBytes ?? []).withUnsafeBytes { OID.ofBlob($0) }
    let layout: AccountLayout
    do {
      layout = AccountLayout.scan(
        try snapshot.accountItems(under: settings.accountsDirectory, useCache: useCache),
        accountsDirectory: settings.accountsDirectory)
    } catch {
      throw HandoffError(error, during: "due")
    }
    let cache = useCache ? DueCache.open(repository: repository) : nil
    let levels = settings.serviceLevels
    let candidates = Parallel.map(
      layout.accounts, makeContext: { try? snapshot.makeReader(for: $0) }
    ) { reader, folder in
      guard let reader else { return [DueCandidate]() }
      return Self.candidates(
        of: folder, reader: reader, levels: levels, settingsID: settingsID, cache: cache)
    }
    cache?.save()
    let items = candidates.joined().compactMap { $0.item(asOf: asOf, withinDays: withinDays) }
    return DueQueue(asOf: asOf, withinDays: withinDays, owner: owner, items: items)
  }

  /// One account's candidates: from the cache when its files' state was seen before, else
  /// from its record (and then remembered).
  private static func candidates(
    of folder: AccountFolder, reader: SnapshotReader, levels: ServiceLevels, settingsID: OID,
    cache: KeyedCache<[DueCandidate]>?
  ) -> [DueCandidate] {
    let (key, contents, failures) = AccountChecker.state(
      of: folder, reader: reader, settingsID: settingsID)
    let readAll = failures.isEmpty
    if readAll, let known = cache?.value(for: key) {
      return known.map { candidate in
        var copy = candidate
        copy.item.account = folder.id
        return copy
      }
    }
    let record = AccountRecord(folder, reader: reader, preloaded: contents)
    let found = DueCandidate.candidates(of: record, levels: levels)
    if readAll { cache?.store(found, for: key) }
    return found
  }
}
