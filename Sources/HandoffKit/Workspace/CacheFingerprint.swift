/// What every cache in the git directory is stamped with, so a new binary or new schemas never
/// read what an old one derived.
enum CacheFingerprint {
  /// Changes whenever the schemas or the checking code may change a finding: it covers the
  /// schemas, the version, and the identity of the running binary (a rebuild is a new cache).
  static let current: OID = {
    var text = "checker-3\n\(HandoffVersion.current)\n\(RunningExecutable.identity)\n"
    for file in EmbeddedSchemas.files { text += file.name + "\n" + file.text }
    return Array(text.utf8).withUnsafeBytes { OID.ofBlob($0) }
  }()
}
