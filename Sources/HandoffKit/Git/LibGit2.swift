internal import CLibGit2
import Foundation

/// Initialises libgit2 once per process, before the first repository is opened.
public enum LibGit2 {
  private static let initialized: Bool = {
    git_libgit2_init()
    // Trees of a 10,000-account folder are about 600 KB; libgit2 caches trees up to 4 KB by
    // default, so history walks would inflate every version twice. The whole cache and the
    // mapped pack windows are bounded, so a walk of the whole history stays within a few hundred
    // MB however long it is: 64 MB and 128 MB measured as fast as 256 MB and libgit2's 8 GB
    // (at-close --no-cache, 95,781 commits: 13.1 s against 13.9 s; 684 MB resident against 1 GB).
    _ = handoff_set_object_cache(64 << 20, 4 << 20)
    _ = handoff_set_pack_windows(4 << 20, 32 << 20)
    // Keep large buffers (inflated trees) in the heap instead of a fresh mmap per object:
    // the kernel would zero every page of every tree version again.
    _ = handoff_keep_large_buffers_in_heap(64 << 20)
    // Objects are not re-hashed on every read (as in git): see the shim for why.
    _ = handoff_skip_object_hash_verification()
    return true
  }()

  static func ensureInitialized() {
    _ = initialized
  }
}

/// Start-up work a command can overlap with parsing its arguments.
public enum Startup {
  /// Initialises libgit2 on another core (its TLS library's start-up, see NoCertificateStore,
  /// and its settings); the first repository opened waits for it only if it has not finished.
  public static func warmUp() {
    Thread.detachNewThread { LibGit2.ensureInitialized() }
  }
}
