import Foundation

/// Which accounts a validation judges.
public enum ValidationScope: String, Sendable {
  /// Every account of the snapshot.
  case all
  /// Only the accounts the change touches (`--staged` against HEAD, `--range` against the
  /// merge base); the rest are counted, not reported.
  case changed
}

/// What to validate: which snapshot of which repository, and optionally which accounts.
public struct ValidationRequest: Sendable {
  public var repositoryPath: String
  public var source: SnapshotSource
  public var accounts: [String]
  /// Whether to read and write the result cache in the git directory.
  public var useCache: Bool
  /// `A..B`: validate the tree at B and check every commit in the range for history rules.
  public var range: String?
  /// `.changed` applies to `--staged` and `--range` only; every other source judges all.
  public var scope: ValidationScope

  public init(
    repositoryPath: String, source: SnapshotSource, accounts: [String] = [], useCache: Bool = true,
    range: String? = nil, scope: ValidationScope = .all
  ) {
    self.range = range
    self.repositoryPath = repositoryPath
    self.source = source
    self.accounts = accounts
    self.useCache = useCache
    self.scope = scope
  }
}

/// Validates the accounts of one snapshot and returns a `Report`; prints nothing.
public enum Validator {
  /// Fewer changed accounts than this are parsed directly: loading the result cache would cost
  /// more than it saves.
  private static let directCheckLimit = 64

  /// Opens the request's repository and validates it.
  public static func run(_ request: ValidationRequest) throws(HandoffError) -> Report {
    let workspace = try Workspace.open(
      at: request.repositoryPath, readsIndex: request.source == .index
    ) {
      // libgit2 is starting on another core meanwhile: compile the record schemas the changed
      // accounts will need instead of waiting.
      if request.source == .index, request.scope == .changed {
        SchemaLibrary.shared.compileRecordSchemas()
      }
    }
    return try run(request, in: workspace)
  }

  public static func run(_ request: ValidationRequest, in workspace: Workspace)
    throws(HandoffError) -> Report
  {
    var timer = PhaseTimer()
    let repository = workspace.repository
    var source = request.source
    var rangeBase: OID?
    if let range = request.range {
      let (from, to) = try Self.parseRange(range)
      source = .revision(to)
      do { rangeBase = try repository.commit(for: from) } catch {
        throw repository.unresolved(from, error)
      }
    }
    if source == .index, repository.isBare { throw .noIndex }
    let snapshot: Snapshot
    do { snapshot = try Snapshot(repository: repository, source: source) } catch {
      if case .revision(let revision) = source { throw repository.unresolved(revision, error) }
      if error.code == .bareRepository { throw .noWorkTree }
      throw .git(error)
    }
    timer.mark("open")
    if source == .index { _ = repository.stagedIndex() }
    timer.mark("read index")
    let (settings, settingsBytes) = try snapshot.loadSettings()
    let settingsID = (settingsBytes ?? []).withUnsafeBytes { OID.ofBlob($0) }

    timer.mark("open and settings")
    // The index against HEAD by tree ids. When an earlier run recorded which accounts of HEAD's
    // accounts folder have errors, only the changed accounts are listed at all.
    let staged =
      source == .index
      ? try? StagedChange.read(
        repository: repository, accountsDirectory: settings.accountsDirectory,
        settingsID: settingsBytes == nil ? nil : settingsID) : nil
    let headErrors = staged.flatMap { change in
      change.headAccountsTree.flatMap {
        TreeErrorsStore.accounts(for: .init(tree: $0, settings: settingsID), in: repository)
      }
    }
    let fast =
      request.scope == .changed && request.accounts.isEmpty && request.useCache && staged != nil
      && staged!.scope != .everything && headErrors != nil
    timer.mark(fast ? "staged change (fast)" : "staged change")
    let items: [TreeItem]
    if fast {
      items = staged!.items
    } else {
      do {
        items = try snapshot.accountItems(
          under: settings.accountsDirectory, useCache: request.useCache)
      } catch {
        throw .git(error)
      }
    }
    timer.mark("list \(items.count) items")
    var layout = AccountLayout.scan(items, accountsDirectory: settings.accountsDirectory)
    timer.mark("layout")
    if !request.accounts.isEmpty {
      let known = Set(layout.accounts.map(\.id))
      for account in request.accounts where !known.contains(account) {
        throw .unknownAccount(account, accountsDirectory: settings.accountsDirectory)
      }
      let wanted = Set(request.accounts)
      layout.accounts.removeAll { !wanted.contains($0.id) }
      layout.findings.removeAll { $0.account.map { !wanted.contains($0) } ?? true }
    }

    let changes: ChangeScope
    if let known = staged?.scope {
      changes = known
    } else {
      changes = try Self.changes(
        source: source, range: request.range, items: items, settingsBytes: settingsBytes,
        rangeBase: rangeBase,
        snapshot: snapshot, settings: settings)
    }
    let scope = request.scope == .changed ? changes : .everything
    timer.mark("scope")
    let judged = layout.accounts.filter { scope.contains($0.id) }
    let others = layout.accounts.filter { !scope.contains($0.id) }

    let verdicts = request.useCache ? VerdictStore.open(repository: repository) : nil
    let judgeDirectly = scope != .everything && judged.count < directCheckLimit
    let cache = request.useCache && !judgeDirectly ? ResultCache.open(repository: repository) : nil
    let context = AccountChecker.Context(settings: settings, settingsID: settingsID, cache: cache)
    let checked = try AccountChecker.checkEach(judged, in: snapshot, context: context)
    timer.mark("check \(judged.count) accounts")

    var history: [Diagnostic] = []
    if settings.severity(of: .commitmentRemoved, default: .error) != nil {
      let reader = CommitmentHistory(
        repository: repository, accountsDirectory: settings.accountsDirectory)
      do {
        var removals: [CommitmentHistory.Removal] = []
        if request.range != nil, let tip = snapshot.commit {
          try repository.requireParents(from: rangeBase, to: tip)
          removals = try reader.removedInRange(from: rangeBase, to: tip)
        } else if case .index = source {
          removals = try reader.removedInIndex(
            layout.accounts, scope: changes,
            headFolders: changes == .everything ? nil : staged?.headFolders,
            closedInHistory: { (accounts) throws(HandoffError) in
              try CloseFinder.closedAccounts(accounts, in: workspace)
            })
        }
        let wanted = Set(request.accounts)
        history = RemovalReport.diagnostics(
          removals.filter { wanted.isEmpty || wanted.contains($0.account) }, layout: layout,
          snapshot: snapshot, accountsDirectory: settings.accountsDirectory)
      } catch let failure as HandoffError {
        throw failure
      } catch {
        throw HandoffError(error, during: "history")
      }
      timer.mark("history")
    }

    let layoutFindings = layout.findings.filter { finding in
      finding.account.map(scope.contains) ?? (scope == .everything)
    }
    let diagnostics = settings.applySeverities(
      layoutFindings + checked.flatMap(\.diagnostics) + history)
    for account in checked {
      guard let key = account.key else { continue }
      verdicts?.record(
        key, errors: settings.applySeverities(account.diagnostics).count { $0.severity == .error })
    }
    let judgedErrors = Set(
      settings.applySeverities(layoutFindings + checked.flatMap(\.diagnostics)).filter {
        $0.severity == .error
      }
      .compactMap(\.account))
    let otherErrors: Set<String>
    if fast {
      otherErrors = headErrors!.subtracting(changes.accounts ?? [])
    } else {
      otherErrors = try Self.accountsWithErrors(
        others, layout: layout, snapshot: snapshot, settings: settings, settingsID: settingsID,
        verdicts: verdicts, useCache: request.useCache)
    }
    timer.mark("other accounts")
    // What this run now knows of the whole accounts folder it read, for the next run there.
    if request.useCache, request.accounts.isEmpty {
      let tree: OID? =
        source == .index
        ? staged?.stagedAccountsTree
        : try? snapshot.commit.flatMap { (commit) throws(GitError) in
          try repository.entryID(
            in: repository.commitInfo(commit).tree, at: settings.accountsDirectory)
        }
      if let tree {
        TreeErrorsStore.record(
          otherErrors.union(judgedErrors), for: .init(tree: tree, settings: settingsID),
          keeping: staged?.headAccountsTree.map { .init(tree: $0, settings: settingsID) },
          in: repository)
      }
      if let tree, let bytes = staged?.stagedTreeBytes, tree != staged?.headAccountsTree {
        AccountsTreeCache.save(bytes, id: tree, as: .staged, in: repository)
      }
    }
    cache?.save()
    verdicts?.save()
    timer.mark("save caches")
    return Report(
      source: snapshot.label, accounts: judged.count,
      files: judged.reduce(0) { $0 + $1.files.count }, diagnostics: diagnostics,
      accountIDs: judged.map(\.id), scope: request.scope == .changed ? .changed : .all,
      otherAccountsWithErrors: otherErrors.count)
  }

  /// The accounts the change being validated touches: the index's against HEAD, a range's
  /// against its merge base; every account for the other sources.
  private static func changes(
    source: SnapshotSource, range: String?, items: [TreeItem], settingsBytes: [UInt8]?,
    rangeBase: OID?, snapshot: Snapshot, settings: Settings
  ) throws(HandoffError) -> ChangeScope {
    do {
      if range != nil, let tip = snapshot.commit {
        return try ChangeScope.range(
          base: rangeBase, tip: tip, repository: snapshot.repository,
          accountsDirectory: settings.accountsDirectory)
      }
      if source == .index {
        return try ChangeScope.staged(
          items: items, settingsID: settingsBytes.map { $0.withUnsafeBytes { OID.ofBlob($0) } },
          repository: snapshot.repository, accountsDirectory: settings.accountsDirectory)
      }
    } catch {
      throw .git(error)
    }
    return .everything
  }

  /// Which of `accounts` (outside the change) have errors: from what earlier runs recorded,
  /// judging afresh only the states never judged before.
  private static func accountsWithErrors(
    _ accounts: [AccountFolder], layout: AccountLayout, snapshot: Snapshot, settings: Settings,
    settingsID: OID,
    verdicts: VerdictStore?, useCache: Bool
  ) throws(HandoffError) -> Set<String> {
    guard !accounts.isEmpty else { return [] }
    var layoutErrors = Set<String>()
    for finding in settings.applySeverities(layout.findings) where finding.severity == .error {
      if let account = finding.account { layoutErrors.insert(account) }
    }
    var found = Set<String>()
    var unknown: [AccountFolder] = []
    for account in accounts {
      if layoutErrors.contains(account.id) {
        found.insert(account.id)
      } else if let key = AccountChecker.key(of: account, settingsID: settingsID),
        let errors = verdicts?.errors(for: key)
      {
        if errors > 0 { found.insert(account.id) }
      } else {
        unknown.append(account)
      }
    }
    guard !unknown.isEmpty else { return found }
    let cache = useCache ? ResultCache.open(repository: snapshot.repository) : nil
    let context = AccountChecker.Context(settings: settings, settingsID: settingsID, cache: cache)
    for account in try AccountChecker.checkEach(unknown, in: snapshot, context: context) {
      let errors = settings.applySeverities(account.diagnostics).count { $0.severity == .error }
      if let key = account.key { verdicts?.record(key, errors: errors) }
      if errors > 0 { found.insert(account.account) }
    }
    cache?.save()
    return found
  }

  /// `A..B` into its ends; an empty end means HEAD, as in git (`..HEAD` is an empty range).
  static func parseRange(_ text: String) throws(HandoffError) -> (from: String, to: String) {
    let parts = text.components(separatedBy: "..")
    guard parts.count == 2, !parts[0].hasSuffix("."), !parts[1].hasPrefix(".") else {
      throw .badRange(text)
    }
    return (parts[0].isEmpty ? "HEAD" : parts[0], parts[1].isEmpty ? "HEAD" : parts[1])
  }
}

extension Settings {
  /// Findings with the severities `.handoff.yaml` sets; those of rules set to `off` are gone.
  func applySeverities(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    guard !severities.isEmpty else { return diagnostics }
    return diagnostics.compactMap { diagnostic in
      guard let severity = severity(of: diagnostic.ruleID, default: diagnostic.severity) else {
        return nil
      }
      var adjusted = diagnostic
      adjusted.severity = severity
      return adjusted
    }
  }
}
