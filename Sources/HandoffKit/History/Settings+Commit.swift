extension Settings {
  /// The settings as committed in `commit`; defaults when there is no `.handoff.yaml`.
  ///
  /// - Throws: `HandoffError.settings` when the file is there but has a problem, as for
  ///   `validate`: history is never read with settings the repository did not mean.
  static func committed(in repository: Repository, at commit: OID) throws(HandoffError)
    -> Settings
  {
    try committedWithID(in: repository, at: commit).settings
  }

  /// The committed settings and the blob id that names them (the empty blob's id when there is
  /// no file), for data derived under these settings.
  static func committedWithID(in repository: Repository, at commit: OID) throws(HandoffError)
    -> (settings: Settings, id: OID)
  {
    let loaded: (settings: Settings, bytes: [UInt8]?)
    do {
      loaded = try Snapshot(repository: repository, source: .revision(commit.description))
        .loadSettings()
    } catch {
      throw HandoffError(error, during: "settings")
    }
    return (loaded.settings, (loaded.bytes ?? []).withUnsafeBytes { OID.ofBlob($0) })
  }
}
