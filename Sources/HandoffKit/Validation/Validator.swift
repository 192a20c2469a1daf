import Foundation

/// What to validate: which snapshot of which repository, and optionally which accounts.
public struct ValidationRequest: Sendable {
  public var repositoryPath: String
  public var source: SnapshotSource
  public var accounts: [String]
  /// Whether to read and write the result cache in the git directory.
  public var useCache: Bool
  /// `A..B`: validate the tree at B and check every commit in the range for history rules.
  public var range: String?

  public init(
    repositoryPath: String, source: SnapshotSource, accounts: [String] = [], useCache: Bool = true,
    range: String? = nil
  ) {
    self.range = range
    self.repositoryPath = repositoryPath
    self.source = source
    self.accounts = accounts
    self.useCache = useCache
  }
}

/// Validates every account of one snapshot and returns a `Report`; prints nothing.
public enum Validator {
  public static func run(_ request: ValidationRequest) throws(ValidationFailure) -> Report {
    var timer = PhaseTimer()
    let repository = try Repository.open(forCommandAt: request.repositoryPath)
    var source = request.source
    var rangeBase: OID?
    if let range = request.range {
      let (from, to) = try Self.parseRange(range)
      source = .revision(to)
      if let from {
        do { rangeBase = try repository.commit(for: from) } catch { throw repository.unresolved(from, error) }
      }
    }
    let snapshot: Snapshot
    do { snapshot = try Snapshot(repository: repository, source: source) } catch {
      if case .revision(let revision) = source { throw repository.unresolved(revision, error) }
      if error.code == .bareRepository { throw .noWorkTree }
      throw .git(error)
    }
    let (settings, settingsBytes) = try snapshot.loadSettings()

    timer.mark("open and settings")
    let items: [TreeItem]
    do { items = try snapshot.items(under: settings.accountsDirectory) } catch { throw .git(error) }
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

    let cache = request.useCache ? ResultCache.open(repository: repository) : nil
    timer.mark("load cache")
    let settingsID = (settingsBytes ?? []).withUnsafeBytes { OID.ofBlob($0) }
    let checked = AccountChecker.check(
      layout.accounts, in: snapshot,
      context: AccountChecker.Context(settings: settings, settingsID: settingsID, cache: cache))
    timer.mark("check accounts")
    cache?.save()
    timer.mark("save cache")

    var history: [Diagnostic] = []
    if settings.severity(of: .commitmentRemoved, default: .error) != nil {
      let reader = CommitmentHistory(repository: repository, accountsDirectory: settings.accountsDirectory)
      do {
        var removals: [CommitmentHistory.Removal] = []
        if request.range != nil, let tip = snapshot.commit {
          removals = try reader.removedInRange(from: rangeBase, to: tip)
        } else if case .index = source {
          removals = try reader.removedInIndex(layout.accounts, items: items)
        }
        let wanted = Set(request.accounts)
        history = RemovalReport.diagnostics(
          removals.filter { wanted.isEmpty || wanted.contains($0.account) }, layout: layout,
          snapshot: snapshot, accountsDirectory: settings.accountsDirectory)
      } catch {
        throw .git(error)
      }
      timer.mark("history")
    }

    var diagnostics = layout.findings + checked + history
    if !settings.severities.isEmpty {
      diagnostics = diagnostics.compactMap { diagnostic in
        guard let severity = settings.severity(of: diagnostic.ruleID, default: diagnostic.severity)
        else { return nil }
        var adjusted = diagnostic
        adjusted.severity = severity
        return adjusted
      }
    }
    timer.mark("severities")
    return Report(
      source: snapshot.label, accounts: layout.accounts.count,
      files: layout.accounts.reduce(0) { $0 + $1.files.count }, diagnostics: diagnostics,
      accountIDs: layout.accounts.map(\.id))
  }

  /// `A..B` into its ends; an empty end means the root (A) or HEAD (B).
  static func parseRange(_ text: String) throws(ValidationFailure) -> (from: String?, to: String) {
    let parts = text.components(separatedBy: "..")
    guard parts.count == 2, !parts[0].hasSuffix("."), !parts[1].hasPrefix(".") else {
      throw .badRange(text)
    }
    return (parts[0].isEmpty ? nil : parts[0], parts[1].isEmpty ? "HEAD" : parts[1])
  }
}
