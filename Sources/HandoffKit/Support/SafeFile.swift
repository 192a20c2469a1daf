import Foundation

/// Writes files the way a user's data deserves: to a temporary file, then renamed into place,
/// keeping the previous version as `NAME.bak` when it differed.
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
    let url = URL(fileURLWithPath: path)
    let data = Data(contents.utf8)
    var backup: String?
    if let existing = FileManager.default.contents(atPath: path) {
      if existing == data { return nil }
      if keepBackup {
        backup = path + ".bak"
        do {
          try? FileManager.default.removeItem(atPath: backup!)
          try FileManager.default.copyItem(atPath: path, toPath: backup!)
        } catch {
          throw WriteError(path: path, reason: "could not keep a backup: \(error.localizedDescription)")
        }
      }
    }
    let temporary = url.deletingLastPathComponent()
      .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    do {
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try data.write(to: temporary)
    } catch {
      throw WriteError(path: path, reason: error.localizedDescription)
    }
    guard rename(temporary.path, path) == 0 else {
      try? FileManager.default.removeItem(at: temporary)
      throw WriteError(path: path, reason: String(cString: strerror(errno)))
    }
    return backup
  }
}
