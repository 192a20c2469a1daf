internal import CLibGit2

/// Initialises libgit2 once per process, before the first repository is opened.
enum LibGit2 {
  private static let initialized: Bool = {
    git_libgit2_init()
    return true
  }()

  static func ensureInitialized() {
    _ = initialized
  }
}
