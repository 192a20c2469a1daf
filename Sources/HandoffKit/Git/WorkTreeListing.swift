import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Lists and reads work-tree files with plain POSIX calls: one `readdir` per folder, one
/// `read` per file, no per-entry `stat` where the folder entry already tells the type.
enum WorkTreeListing {
  static func items(root: String, under directory: String) -> [TreeItem] {
    var items: [TreeItem] = []
    for (name, isDirectory) in entries(root + directory) {
      guard isDirectory else {
        items.append(TreeItem(directory: directory, account: nil, name: name, kind: .file, oid: nil))
        continue
      }
      items.append(TreeItem(directory: directory, account: nil, name: name, kind: .directory, oid: nil))
      let folder = directory + "/" + name
      for (inner, innerIsDirectory) in entries(root + folder) {
        items.append(
          TreeItem(
            directory: folder, account: name, name: RecordFile.canonicalName(inner),
            kind: innerIsDirectory ? .directory : .file, oid: nil))
      }
    }
    return items
  }

  /// Names in a folder (without `.`, `..` and `.git`) and whether each is a folder.
  private static func entries(_ folder: String) -> [(String, Bool)] {
    guard let handle = opendir(folder) else { return [] }
    defer { closedir(handle) }
    var result: [(String, Bool)] = []
    while let entry = readdir(handle) {
      let name = withUnsafePointer(to: entry.pointee.d_name) {
        $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
      }
      if name == "." || name == ".." || name == ".git" { continue }
      var isDirectory: Bool
      switch Int32(entry.pointee.d_type) {
      case Int32(DT_DIR): isDirectory = true
      case Int32(DT_REG): isDirectory = false
      default:
        var info = stat()
        isDirectory = stat(folder + "/" + name, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
      }
      result.append((name, isDirectory))
    }
    return result
  }

  /// The whole file, or nil when it cannot be opened or read.
  static func read(_ path: String) -> [UInt8]? {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { return nil }
    // Sized from fstat, grown if the file grows while it is read.
    var bytes = [UInt8](repeating: 0, count: max(Int(info.st_size), 0))
    var count = 0
    while true {
      if count == bytes.count {
        bytes.append(contentsOf: repeatElement(0, count: max(4096, bytes.count)))
      }
      let got = bytes.withUnsafeMutableBytes { buffer in
        Glibc.read(descriptor, buffer.baseAddress! + count, buffer.count - count)
      }
      if got < 0 {
        if errno == EINTR { continue }
        return nil
      }
      if got == 0 { break }
      count += got
    }
    bytes.removeSubrange(count...)
    return bytes
  }
}
