/// The versions of one account folder along HEAD's first-parent history, oldest first: the
/// commits that added, changed or deleted the folder, each with the folder's tree after it (nil
/// once deleted). A change made on a merged branch shows in the merge commit that brought it in.
enum AccountVersions {
  static func read(account: String, to head: OID, repository: Repository, store: RecordHistoryStore)
    throws(GitError) -> [(commit: OID, folder: OID?)]
  {
    var versions: [(commit: OID, folder: OID?)] = []
    var previous: OID?
    for commit in try repository.firstParentHistory(to: head) {
      let accounts = try store.accountsTree(ofCommitTree: repository.commitInfo(commit).tree)
      let folder = try accounts.flatMap { (tree) throws(GitError) in try repository.entryID(in: tree, at: account) }
      if folder != previous { versions.append((commit, folder)) }
      previous = folder
    }
    return versions
  }
}
