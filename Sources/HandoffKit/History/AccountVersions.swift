/// The versions of one account folder along HEAD's first-parent history, oldest first: the
/// commits that added, changed or deleted the folder, each with the folder's tree after it (nil
/// once deleted). A change made on a merged branch shows in the merge commit that brought it in.
///
/// They come from the history index, brought up to date first (a cold index is the one walk
/// of the whole history); without it, or when its list does not read, every commit's accounts
/// tree is read.
enum AccountVersions {
  /// What `log` and `blame` start from: the repository with its whole history, HEAD, the
  /// settings there, a record store, and the account's versions.
  struct Walked {
    var repository: Repository
    var head: OID
    var settings: Settings
    var store: RecordHistoryStore
    var versions: [(commit: OID, folder: OID?)]
  }

  static func walk(account: String, in workspace: Workspace, useIndex: Bool, during action: String)
    throws(HandoffError) -> Walked
  {
    let repository = workspace.repository
    let head = try workspace.headCommit()
    let settings = try workspace.committedSettings().settings
    do {
      let store = RecordHistoryStore(
        repository: repository, accountsDirectory: settings.accountsDirectory)
      let versions = try read(
        account: account, to: head, repository: repository, store: store, useIndex: useIndex)
      return Walked(
        repository: repository, head: head, settings: settings, store: store, versions: versions)
    } catch {
      throw HandoffError(error, during: action)
    }
  }

  static func read(
    account: String, to head: OID, repository: Repository, store: RecordHistoryStore,
    useIndex: Bool = true
  )
    throws(GitError) -> [(commit: OID, folder: OID?)]
  {
    if useIndex {
      let walk = try CloseWalk.upToDate(
        head: head, repository: repository, store: store, useIndex: true)
      if let versions = walk.folderVersions.versions(of: account) { return versions }
    }
    var versions: [(commit: OID, folder: OID?)] = []
    var previous: OID?
    for commit in try repository.firstParentHistory(to: head) {
      let accounts = try store.accountsTree(ofCommitTree: repository.commitInfo(commit).tree)
      let folder = try accounts.flatMap { (tree) throws(GitError) in
        try repository.entryID(in: tree, at: account)
      }
      if folder != previous { versions.append((commit, folder)) }
      previous = folder
    }
    return versions
  }
}
