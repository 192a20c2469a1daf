/// `commitment-removed`: once an account is closed, every commitment id it has must stay in
/// every later commit. Withdrawing with a reason is the way to retire a promise.
///
/// Works on trees and blobs by id: an account whose folder (tree id) did not change between two
/// commits costs one comparison, and each blob is parsed at most once.
final class CommitmentHistory {
  /// A commitment that disappeared: from which account, and in which commit (nil for the index).
  struct Removal: Hashable {
    var account: String
    var id: String
    var commit: OID?
  }

  private let repository: Repository
  private let store: RecordHistoryStore

  init(repository: Repository, accountsDirectory: String) {
    self.repository = repository
    self.store = RecordHistoryStore(repository: repository, accountsDirectory: accountsDirectory)
  }

  // MARK: - Staged changes

  /// Commitments present in HEAD for closed accounts but missing from the index, among the
  /// accounts `scope` says the index changed (HEAD's folders that the index deleted included;
  /// `headFolders`, when the caller already knows HEAD's folder ids of those accounts).
  ///
  /// An account is closed when it was closed at any commit of HEAD's first-parent history: at
  /// HEAD itself (read here), or earlier and moved back since (`closedInHistory`, asked only for
  /// accounts that would lose ids while HEAD has them open). The commit that closes an account
  /// may still drop promises: they were never made at close.
  func removedInIndex(
    _ index: [AccountFolder], scope: ChangeScope, headFolders known: [String: OID]? = nil,
    closedInHistory: ([String]) throws(HandoffError) -> Set<String>
  ) throws(HandoffError) -> [Removal] {
    do {
      guard try !repository.isHeadUnborn else { return [] }
      let head = try repository.commit(for: "HEAD")
      let staged = Dictionary(index.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
      var candidates: [(name: String, ids: [String], closedAtHead: Bool)] = []
      for (name, folder) in try known ?? accountFolders(ofCommit: head, only: scope.accounts) {
        let before = try store.files(ofFolder: folder)
        guard let commitmentsBefore = before.commitments else { continue }
        let commitmentsAfter = staged[name]?.files.first { $0.kind == .commitments }?.item.oid
        if commitmentsAfter == commitmentsBefore { continue }
        let remaining = Set(commitmentsAfter.map(store.commitmentIDs(ofBlob:)) ?? [])
        let lost = store.commitmentIDs(ofBlob: commitmentsBefore).filter { !remaining.contains($0) }
        guard !lost.isEmpty else { continue }
        candidates.append((name, lost, before.account.map(store.stageIsClosed(ofBlob:)) ?? false))
      }
      let moveBack = try closedInHistory(candidates.filter { !$0.closedAtHead }.map(\.name))
      return candidates.filter { $0.closedAtHead || moveBack.contains($0.name) }.flatMap {
        candidate in
        candidate.ids.map { Removal(account: candidate.name, id: $0, commit: nil) }
      }
    } catch let failure as HandoffError {
      throw failure
    } catch {
      throw HandoffError(error, during: "history")
    }
  }

  // MARK: - Ranges

  /// Every removal in the commits of `from..to`, each commit compared with its first parent,
  /// each id reported once (with the commit that first removed it).
  func removedInRange(from: OID?, to: OID) throws(GitError) -> [Removal] {
    // Each commit against its first parent: the accounts trees of both, compared on every core,
    // then the changed folders read on every core, then the removals found in commit order.
    var commits: [OID] = []
    var pairs: [(old: OID?, new: OID?)] = []
    for commit in try repository.commits(from: from, to: to) {
      let info = try repository.commitInfo(commit)
      guard let parent = info.firstParent else { continue }
      commits.append(commit)
      pairs.append(
        (
          try store.accountsTree(ofCommitTree: repository.commitInfo(parent).tree),
          try store.accountsTree(ofCommitTree: info.tree)
        ))
    }
    let changes = try CloseWalk.changes(pairs: pairs, repository: repository)
    var folders = Set<OID>()
    for list in changes {
      for change in list {
        if let old = change.old { folders.insert(old) }
        if let new = change.new { folders.insert(new) }
      }
    }
    let summaries = try Self.summaries(
      of: Array(folders), repository: repository, accountsDirectory: store.accountsDirectory)
    var closed = Set<String>()
    var reported = Set<String>()
    var removals: [Removal] = []
    for (index, commit) in commits.enumerated() {
      for change in changes[index] {
        let old = change.old.flatMap { summaries[$0] }
        let new = change.new.flatMap { summaries[$0] }
        let name = change.name
        // Closed as of the parent: earlier in the walk, or at the parent itself. A commit that
        // closes the account protects its ids from the next commit on.
        let wasClosed = closed.contains(name) || (old?.closed ?? false)
        if wasClosed || (new?.closed ?? false) { closed.insert(name) }
        guard wasClosed, let oldCommitments = old?.commitments, new?.commitments != oldCommitments
        else { continue }
        let remaining = Set(new?.ids ?? [])
        for id in old?.ids ?? [] where !remaining.contains(id) {
          if reported.insert(name + "\u{0}" + id).inserted {
            removals.append(Removal(account: name, id: id, commit: commit))
          }
        }
      }
    }
    return removals
  }

  /// What the range check needs from one version of an account folder.
  struct FolderSummary: Sendable {
    var commitments: OID?
    var ids: [String]
    var closed: Bool
  }

  /// Reads account folders on every core: their commitments blob, its ids, and whether the
  /// stage is closed.
  static func summaries(of folders: [OID], repository: Repository, accountsDirectory: String)
    throws(GitError)
    -> [OID: FolderSummary]
  {
    let summaries = try CloseWalk.mapOnEveryCore(
      folders, chunk: 512, repository: repository, accountsDirectory: accountsDirectory
    ) { (store, folder) throws(GitError) in
      let files = try store.files(ofFolder: folder)
      return (
        folder,
        FolderSummary(
          commitments: files.commitments,
          ids: files.commitments.map(store.commitmentIDs(ofBlob:)) ?? [],
          closed: files.account.map(store.stageIsClosed(ofBlob:)) ?? false)
      )
    }
    return Dictionary(summaries, uniquingKeysWith: { first, _ in first })
  }

  /// The account folders of `commit` by name (only those named in `only`, when given: one
  /// lookup each instead of listing a large accounts tree).
  private func accountFolders(ofCommit commit: OID, only names: Set<String>? = nil) throws(GitError)
    -> [String: OID]
  {
    guard let accounts = try store.accountsTree(ofCommitTree: repository.commitInfo(commit).tree)
    else {
      return [:]
    }
    if let names {
      var folders: [String: OID] = [:]
      for name in names {
        guard let folder = try repository.entry(inTree: accounts, at: name),
          folder.kind == .directory
        else { continue }
        folders[name] = folder.id
      }
      return folders
    }
    var folders: [String: OID] = [:]
    for entry in try repository.treeEntries(accounts) where entry.kind == .directory {
      folders[entry.name] = entry.id
    }
    return folders
  }
}
