import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The binary this process runs: the hook and the merge driver call it by this path, and the
/// caches are keyed by its identity (a rebuild is a new cache).
enum RunningExecutable {
  /// Linux's `/proc/self/exe`; where there is none (macOS, a chroot without /proc), what
  /// Foundation knows, then `argv[0]` found the way the shell found it.
  static let path: String = {
    if let linked = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
      return linked
    }
    if let known = Bundle.main.executablePath, FileManager.default.isExecutableFile(atPath: known) {
      return known
    }
    let invoked = CommandLine.arguments.first ?? "handoff"
    if invoked.contains("/") { return URL(fileURLWithPath: invoked).standardizedFileURL.path }
    let searchPath = ProcessInfo.processInfo.environment["PATH"] ?? ""
    for folder in searchPath.split(separator: ":") where !folder.isEmpty {
      let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(invoked).path
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return invoked
  }()

  /// Device, inode, size and modification time of the binary; its path alone when it cannot
  /// be looked at.
  static var identity: String {
    var info = stat()
    guard stat(path, &info) == 0 else { return path }
    #if canImport(Darwin)
      let modified = info.st_mtimespec
    #else
      let modified = info.st_mtim
    #endif
    return "\(info.st_dev):\(info.st_ino):\(info.st_size):\(modified.tv_sec):\(modified.tv_nsec)"
  }
}
