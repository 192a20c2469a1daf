extension Settings {
  /// The settings as committed in `commit`; defaults when there is no `.handoff.yaml`.
  ///
  /// - Throws: `ValidationFailure.settings` when the file is there but has a problem, as for
  ///   `validate`: history is never read with settings the repository did not mean.
  static func committed(in repository: Repository, at commit: OID) throws(ValidationFailure) -> Settings {
    do {
      guard let id = try repository.fileID(ofCommit: commit, at: fileName) else { return Settings() }
      return try load(repository.blob(id))
    } catch {
      throw ValidationFailure(error, during: "settings")
    }
  }
}
