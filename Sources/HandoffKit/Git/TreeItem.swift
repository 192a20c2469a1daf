/// A file or folder in a listed folder of a snapshot, at most two levels deep (the listing
/// knows folders, not what they mean: Record/ reads the first level as account folders).
///
/// Listings of 60,000 files are built on every run, so an item shares its folder string with its
/// neighbours and builds its full path only when asked.
public struct TreeItem: Hashable, Sendable {
  public enum Kind: Sendable {
    case file, directory
    /// A symbolic link: never followed, whatever it points at (git stores the link itself).
    case symlink
    /// A gitlink: a submodule's commit, not a folder of ours.
    case submodule
    /// A FIFO, socket or device in the work tree: opening it could block or read a device.
    case special

    /// "a symbolic link", "a folder", …: for messages.
    public var article: String {
      switch self {
      case .file: "a file"
      case .directory: "a folder"
      case .symlink: "a symbolic link"
      case .submodule: "a submodule"
      case .special: "a FIFO, socket or device"
      }
    }

    /// The kind of a git file mode (`0o100644`, `0o120000`, `0o160000`, `0o040000`).
    public init(gitMode mode: UInt32) {
      switch mode & 0o170000 {
      case 0o040000: self = .directory
      case 0o120000: self = .symlink
      case 0o160000: self = .submodule
      default: self = .file
      }
    }
  }

  /// Repository-relative folder that holds the item (`accounts` or `accounts/acme`).
  public var directory: String
  /// The first-level folder the item is inside, or nil for an item directly in the listed one.
  public var parent: String?
  public var name: String
  public var kind: Kind
  /// The blob (or tree) id; nil for work-tree files, whose id comes from their contents.
  public var oid: OID?
  /// The file mode recorded in the index (`0o100644`, `0o100755`, `0o120000`), when known.
  public var mode: UInt32?

  public init(
    directory: String, parent: String?, name: String, kind: Kind, oid: OID?, mode: UInt32? = nil
  ) {
    self.directory = directory
    self.parent = parent
    self.name = name
    self.kind = kind
    self.oid = oid
    self.mode = mode
  }

  /// Repository-relative path.
  public var path: String { directory + "/" + name }
}
