/// What one command reads the repository through: opened once, HEAD resolved once, the
/// settings committed at HEAD read once, and the closes walked at most once, so a command made
/// of several steps (drift and the report need the closes, then HEAD's records) never opens the
/// repository or walks its history twice.
public final class Workspace {
  public let repository: Repository
  /// The folder the command was pointed at (any folder inside the repository).
  public let path: String
  private var head: OID?
  private var settingsAtHead: (settings: Settings, id: OID)?
  private var closes: [CloseKey: [AccountClose]] = [:]

  private struct CloseKey: Hashable {
    var accounts: [String]
    var useIndex: Bool
    var judgeCompleteness: Bool
  }

  private init(repository: Repository, path: String) {
    self.repository = repository
    self.path = path
  }

  /// The repository containing `path`. A command that reads the index starts reading it on
  /// another core first (see `IndexFile.prefetch`), and `meanwhile` runs while libgit2 starts.
  public static func open(
    at path: String, readsIndex: Bool = false, meanwhile: () -> Void = {}
  ) throws(HandoffError) -> Workspace {
    if readsIndex { IndexFile.prefetch(forRepositoryAt: path) }
    meanwhile()
    return Workspace(repository: try Repository.open(forCommandAt: path), path: path)
  }

  /// HEAD's commit, for commands that read the whole first-parent history (which must be here).
  func headCommit() throws(HandoffError) -> OID {
    if let head { return head }
    try repository.requireHistory()
    do { head = try repository.commit(for: "HEAD") } catch { throw .git(error) }
    return head!
  }

  /// The settings committed at HEAD, and the blob id that names them.
  func committedSettings() throws(HandoffError) -> (settings: Settings, id: OID) {
    if let settingsAtHead { return settingsAtHead }
    let read = try Settings.committedWithID(in: repository, at: try headCommit())
    settingsAtHead = read
    return read
  }

  /// The closes `CloseFinder.find` gives, worked out once per way of asking.
  func closes(
    of accounts: [String], useIndex: Bool, judgeCompleteness: Bool, progress: Progress?,
    _ find: () throws(HandoffError) -> [AccountClose]
  ) throws(HandoffError) -> [AccountClose] {
    let key = CloseKey(accounts: accounts, useIndex: useIndex, judgeCompleteness: judgeCompleteness)
    if let known = closes[key] { return known }
    let found = try find()
    closes[key] = found
    return found
  }
}
