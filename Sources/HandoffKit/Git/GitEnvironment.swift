#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The variables git reads to find a repository, as a hook or a script may set them.
struct GitEnvironment {
  /// `GIT_DIR`: the repository folder itself, with no search.
  var directory: String?
  /// `GIT_WORK_TREE`: the top of the work tree.
  var workTree: String?

  static var current: GitEnvironment {
    GitEnvironment(directory: value("GIT_DIR"), workTree: value("GIT_WORK_TREE"))
  }

  private static func value(_ name: String) -> String? {
    guard let raw = getenv(name), raw.pointee != 0 else { return nil }
    return String(cString: raw)
  }
}
