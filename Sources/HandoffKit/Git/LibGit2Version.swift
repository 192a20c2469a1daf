internal import CLibGit2

extension LibGit2 {
  /// The version of the libgit2 this process runs with (not the one it was built against).
  ///
  /// The corresponding C function is `git_libgit2_version`.
  public static var version: String {
    var major: Int32 = 0
    var minor: Int32 = 0
    var revision: Int32 = 0
    git_libgit2_version(&major, &minor, &revision)
    return "\(major).\(minor).\(revision)"
  }
}
