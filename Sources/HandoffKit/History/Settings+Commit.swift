extension Settings {
  /// The settings as committed in `commit`; defaults when there is no `.handoff.yaml`.
  ///
  /// - Throws: `ValidationFailure.settings` when the file is there but has a problem, as for
  ///   `validate`: history is never read with settings the repository did not mean.
  static func committed(in repository: Repository, at commit: OID) throws(ValidationFailure) -> Settings {
    try committedWithID(in: repository, at: commit).settings
  }

  /// The committed settings and the blob id that names them (the empty blob's id when there is
  /// no file), for data derived under these settings.
  static func committedWithID(in repository: Repository, at commit: OID) throws(ValidationFailure)
    -> (settings: Settings, id: OID)
  {
    do {
      guard let id = try repository.fileID(ofCommit: commit, at: fileName) else {
        return (Settings(), [UInt8]().withUnsafeBytes { OID.ofBlob($0) })
      }
      return (try load(repository.blob(id)), id)
    } catch {
      throw ValidationFailure(error, during: "settings")
    }
  }
}
