import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes files the way a user's data deserves: to a temporary file, then renamed into place,
/// keeping the previous version as `NAME.bak` when it differed.
///
/// Any failure (a full disk, a read-only folder) leaves the earlier file and its backup as they
/// were and no temporary file behind. The backup is a hard link to the earlier file where the
/// file system allows it, so keeping it needs no space; elsewhere it is a copy.
public enum SafeFile {
  public struct WriteError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var reason: String
    public var description: String { "could not write \(path): \(reason)" }
  }

  /// Writes `contents` to `path` atomically; returns the backup path when one was kept.
  @discardableResult
  public static func write(_ contents: String, to path: String, keepBackup: Bool = true)
    throws(WriteError) -> String?
  {
    try write(Array(contents.utf8), to: path, keepBackup: keepBackup)
  }

  /// Writes derived data in the git directory (a cache, an index): its folder made when
  /// missing, no backup, no flush, and a failure ignored, since the data is never needed for a
  /// correct answer.
  static func writeDerived(_ bytes: [UInt8], to file: URL) {
    _ = try? write(bytes, to: file.path, keepBackup: false, durable: false)
  }

  /// Makes the folder `path` and any missing parents (mode 0755), as `mkdir -p` does; a failure
  /// names the folder and says why in the system's words (`Not a directory`), where Foundation
  /// reports `NSCocoaErrorDomain error 512`.
  public static func makeFolder(_ path: String) throws(WriteError) {
    func isFolder(_ path: String) -> Bool {
      var folder: ObjCBool = false
      return FileManager.default.fileExists(atPath: path, isDirectory: &folder) && folder.boolValue
    }
    if path.isEmpty || isFolder(path) { return }
    let parent = (path as NSString).deletingLastPathComponent
    if !parent.isEmpty, parent != path { try makeFolder(parent) }
    if mkdir(path, 0o755) != 0 {
      let code = errno
      guard code == EEXIST else {
        throw WriteError(path: path, reason: String(cString: strerror(code)))
      }
      if !isFolder(path) {
        throw WriteError(path: path, reason: String(cString: strerror(ENOTDIR)))
      }
    }
  }

  /// `durable: false` skips flushing to disk: for derived data (caches) that a lost write only
  /// makes slower, where a flush would cost every pre-commit check milliseconds.
  @discardableResult
  public static func write(
    _ bytes: [UInt8], to path: String, keepBackup: Bool = true, durable: Bool = true
  )
    throws(WriteError) -> String?
  {
    let folder = (path as NSString).deletingLastPathComponent
    // Derived data (not durable, no backup) is rewritten without reading what it replaces.
    let existing =
      !durable && !keepBackup ? nil : FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    if existing == bytes { return nil }
    var existingMode: mode_t = 0o644
    var info = stat()
    if stat(path, &info) == 0 { existingMode = info.st_mode & 0o7777 }
    try makeFolder(folder)

    let temporary = temporaryName(for: path)
    if let reason = writeNew(bytes, to: temporary, mode: existingMode, durable: durable) {
      unlink(temporary)
      throw WriteError(path: path, reason: reason)
    }
    var keptBackup: String?
    if keepBackup, let existing {
      keptBackup = temporaryName(for: path + ".bak")
      if link(path, keptBackup!) != 0,
        writeNew(existing, to: keptBackup!, mode: existingMode, durable: durable) != nil
      {
        let reason = String(cString: strerror(errno))
        unlink(temporary)
        unlink(keptBackup!)
        throw WriteError(path: path, reason: "could not keep a backup: \(reason)")
      }
    }
    // Derived data replaces its file by removing it first: on ext4 a rename over an existing
    // file makes the kernel write the new one out at once (auto_da_alloc), 0.7 ms a cache on
    // every pre-commit check. A reader in between finds no cache, which is only slower.
    if !durable && !keepBackup { unlink(path) }
    guard rename(temporary, path) == 0 else {
      let reason = String(cString: strerror(errno))
      unlink(temporary)
      if let keptBackup { unlink(keptBackup) }
      throw WriteError(path: path, reason: reason)
    }
    guard let keptBackup else { return nil }
    guard rename(keptBackup, path + ".bak") == 0 else {
      throw WriteError(
        path: path,
        reason:
          "the new version is written, but the previous one could not be renamed to \(path).bak; "
          + "it is kept as \(keptBackup)")
    }
    return path + ".bak"
  }

  /// A fresh name beside `path`, hidden, unique to this process and call.
  private static func temporaryName(for path: String) -> String {
    let url = URL(fileURLWithPath: path)
    let name = ".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
    return url.deletingLastPathComponent().appendingPathComponent(name).path
  }

  /// Creates `path` (which must not exist), writes every byte and, when `durable`, flushes it
  /// to disk; the reason on failure.
  private static func writeNew(_ bytes: [UInt8], to path: String, mode: mode_t, durable: Bool)
    -> String?
  {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
    guard descriptor >= 0 else { return String(cString: strerror(errno)) }
    defer { close(descriptor) }
    var written = 0
    while written < bytes.count {
      let result = bytes.withUnsafeBytes { buffer in
        Foundation.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
      }
      if result < 0 {
        if errno == EINTR { continue }
        return String(cString: strerror(errno))
      }
      written += result
    }
    guard !durable || fsync(descriptor) == 0 else { return String(cString: strerror(errno)) }
    return nil
  }
}
