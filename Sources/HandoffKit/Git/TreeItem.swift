/// A file or folder in a snapshot, named by its repository-relative path.
public struct TreeItem: Hashable, Sendable {
  public enum Kind: Sendable { case file, directory }

  public var path: String
  public var kind: Kind
  /// The blob (or tree) id; nil for work-tree files, whose id comes from their contents.
  public var oid: OID?

  public init(path: String, kind: Kind, oid: OID?) {
    self.path = path
    self.kind = kind
    self.oid = oid
  }
}
