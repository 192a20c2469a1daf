extension Settings {
  /// The settings as committed in `commit`; defaults when there is no `.handoff.yaml`.
  ///
  /// - Throws: `ValidationFailure.settings` when the file is there but has a problem, as for
  ///   `validate`: history is never read with settings the repository did not mean.
  static func committed(in repository: Repository, at commit: OID) throws(ValidationFailure) -> Settings {
    do {
      guard let id = try repository.fileID(ofCommit: commit, at: fileName) else { return Settings() }
      return try load(repository.blob(id))
    } catch let error as SettingsError {
      throw .settings(error)
    } catch let error as GitError {
      throw .git(error)
    } catch {
      throw .git(GitError(code: .generic, message: "\(error)", function: "settings"))
    }
  }
}
