import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Lists and reads work-tree files with plain POSIX calls: one `readdir` per folder, one
/// `read` per file, no per-entry `stat` where the folder entry already tells the type.
enum WorkTreeListing {
  static func items(root: String, under directory: String) -> [TreeItem] {
    var items: [TreeItem] = []
    for (name, kind) in entries(root + directory) {
      let folder = directory + "/" + name
      let inside = kind == .directory ? entries(root + folder) : []
      // Git records no empty folder (an unpopulated submodule's is one): nor does the listing.
      if kind == .directory, inside.isEmpty { continue }
      items.append(TreeItem(directory: directory, parent: nil, name: name, kind: kind, oid: nil))
      for (inner, innerKind) in inside {
        if innerKind == .directory, isEmptyFolder(root + folder + "/" + inner) { continue }
        items.append(
          TreeItem(
            directory: folder, parent: name, name: inner,
            kind: innerKind,
            oid: nil))
      }
    }
    return items
  }

  /// Names in a folder (without `.`, `..` and `.git`) and the kind of each, as git would
  /// record it: links are links (never followed), a folder holding `.git` is a submodule.
  private static func entries(_ folder: String) -> [(String, TreeItem.Kind)] {
    guard let handle = opendir(folder) else { return [] }
    defer { closedir(handle) }
    var result: [(String, TreeItem.Kind)] = []
    while let entry = readdir(handle) {
      let name = withUnsafePointer(to: entry.pointee.d_name) {
        $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
      }
      if name == "." || name == ".." || name == ".git" { continue }
      var kind: TreeItem.Kind
      switch Int32(entry.pointee.d_type) {
      case Int32(DT_DIR): kind = .directory
      case Int32(DT_REG): kind = .file
      case Int32(DT_LNK): kind = .symlink
      case Int32(DT_UNKNOWN): kind = self.kind(atPath: folder + "/" + name) ?? .special
      default: kind = .special
      }
      if kind == .directory, access(folder + "/" + name + "/.git", F_OK) == 0 { kind = .submodule }
      result.append((name, kind))
    }
    return result
  }

  private static func isEmptyFolder(_ path: String) -> Bool {
    guard let handle = opendir(path) else { return false }
    defer { closedir(handle) }
    while let entry = readdir(handle) {
      let first = entry.pointee.d_name.0
      let second = entry.pointee.d_name.1
      let third = entry.pointee.d_name.2
      let isDot = first == 0x2E && (second == 0 || (second == 0x2E && third == 0))
      if !isDot { return false }
    }
    return true
  }

  /// The kind of what is at `path` without following a final link; nil when nothing is there.
  static func kind(atPath path: String) -> TreeItem.Kind? {
    var info = stat()
    guard lstat(path, &info) == 0 else { return nil }
    switch info.st_mode & S_IFMT {
    case S_IFREG: return .file
    case S_IFDIR: return .directory
    case S_IFLNK: return .symlink
    default: return .special
    }
  }

  /// What reading one work-tree file found.
  enum ReadResult {
    case bytes([UInt8])
    case absent
    /// A link, folder, FIFO, socket or device: never opened for reading.
    case notARegularFile(TreeItem.Kind)
    case failed(String)
  }

  /// Reads a regular file without following a link and without blocking on a FIFO; anything
  /// else is reported, not read.
  static func readRegularFile(_ path: String) -> ReadResult {
    guard let kind = kind(atPath: path) else { return .absent }
    guard kind == .file else { return .notARegularFile(kind) }
    guard let bytes = read(path) else {
      // Replaced between the check and the open (O_NOFOLLOW and the type check refuse it).
      if let now = self.kind(atPath: path), now != .file { return .notARegularFile(now) }
      return .failed(String(cString: strerror(errno)))
    }
    return .bytes(bytes)
  }

  /// The whole file, or nil when it cannot be opened or read.
  /// A link is not followed and a FIFO does not block the open; only a regular file is read.
  static func read(_ path: String) -> [UInt8]? {
    let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
      errno = EINVAL
      return nil
    }
    // Sized from fstat (plus one byte, so reaching the end needs no second buffer) and not
    // zero-filled first; grown if the file grows while it is read.
    let size = max(Int(info.st_size), 0) + 1
    var failed = false
    var ended = false
    var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
      initialized = 0
      while initialized < size {
        let got = SystemCall.read(descriptor, buffer.baseAddress! + initialized, size - initialized)
        if got < 0, errno == EINTR { continue }
        if got < 0 { failed = true }
        if got <= 0 {
          ended = true
          break
        }
        initialized += got
      }
    }
    guard !failed else { return nil }
    var count = bytes.count
    while !ended {
      bytes.append(contentsOf: repeatElement(0, count: max(4096, bytes.count)))
      let got = bytes.withUnsafeMutableBytes { buffer in
        SystemCall.read(descriptor, buffer.baseAddress! + count, buffer.count - count)
      }
      if got < 0, errno == EINTR { continue }
      if got < 0 { return nil }
      if got == 0 { ended = true }
      count += got
    }
    bytes.removeSubrange(count...)
    return bytes
  }
}
