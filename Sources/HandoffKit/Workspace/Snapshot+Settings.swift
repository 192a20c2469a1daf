extension Snapshot {
  /// The settings of this snapshot (defaults when it has no `.handoff.yaml`) and the bytes they
  /// came from.
  ///
  /// Settings that cannot be read as they are meant stop the run as a `config` error: a
  /// `.handoff.yaml` that is a folder, link or FIFO, or an `accounts_dir` that names no folder.
  func loadSettings(requireAccountsFolder: Bool = true) throws(HandoffError) -> (
    settings: Settings, bytes: [UInt8]?
  ) {
    let bytes: [UInt8]?
    do { bytes = try file(at: Settings.fileName) } catch {
      guard error.code == .notAFile else { throw .git(error) }
      throw .settings(
        SettingsError(
          message: Self.notAFileMessage(Settings.fileName, try? kind(at: Settings.fileName)),
          location: nil))
    }
    if bytes == nil, let kind = try? kind(at: Settings.fileName) {
      throw .settings(
        SettingsError(message: Self.notAFileMessage(Settings.fileName, kind), location: nil))
    }
    let settings: Settings
    do { settings = try bytes.map(Settings.load) ?? Settings() } catch { throw .settings(error) }
    if requireAccountsFolder { try checkAccountsFolder(settings) }
    return (settings, bytes)
  }

  /// The accounts folder the settings name must be a real folder: in the work tree it must exist
  /// (a commit or the index may simply have no account yet), and nowhere a link or a file.
  private func checkAccountsFolder(_ settings: Settings) throws(HandoffError) {
    guard let location = settings.accountsDirectoryLocation else { return }
    let directory = settings.accountsDirectory
    let kind: TreeItem.Kind?
    do { kind = try self.kind(at: directory) } catch { throw .git(error) }
    let problem: String? =
      switch kind {
      case .directory: nil
      case nil where source != .worktree: nil
      case nil:
        "`accounts_dir` names `\(directory)`, which does not exist; create it or fix the setting"
      case .symlink:
        "`accounts_dir` names `\(directory)`, a symbolic link; handoff never follows links, so "
          + "name the folder itself"
      case let other?:
        "`accounts_dir` names `\(directory)`, which is \(other.article), not a folder"
      }
    if let problem { throw .settings(SettingsError(message: problem, location: location)) }
  }

  private static func notAFileMessage(_ name: String, _ kind: TreeItem.Kind?) -> String {
    "`\(name)` is \(kind?.article ?? "something else"), not a regular file; the settings must "
      + "be a plain file, so nothing was judged"
  }
}
