/// One record file checked on its own (YAML, schema), kept with the blob it was read from:
/// the result depends on nothing else, so a later version of the account that has the same
/// blob for the same file takes it as it is.
struct CheckedFile {
  var kind: RecordFile
  /// Nil when the file was not read from the object store (the work tree, an unreadable file).
  var blob: OID?
  var findings: [FileFinding]
  var root: YAMLNode?

  /// `checked` is nil for a file that is present but could not be read: no content, no finding.
  init(kind: RecordFile, blob: OID?, _ checked: (findings: [FileFinding], root: YAMLNode?)?) {
    self.kind = kind
    self.blob = blob
    self.findings = checked?.findings ?? []
    self.root = checked?.root
  }
}
