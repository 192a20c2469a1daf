import Foundation

// The history index on disk: a versioned binary file in the git directory, written atomically.

extension CloseWalk {
  private static let magic = Array("handoff-history-5\n".utf8)

  static func file(for repository: Repository) -> URL {
    URL(fileURLWithPath: repository.commonDirectory).appendingPathComponent(
      "handoff/history-v5.bin")
  }

  /// The saved walk for `accountsDirectory`, or nil when there is none or it does not read.
  static func load(from file: URL, accountsDirectory: String) -> CloseWalk? {
    guard let data = try? Data(contentsOf: file) else { return nil }
    return data.withUnsafeBytes { bytes -> CloseWalk? in
      var reader = ByteReader(bytes)
      guard reader.matches(magic), reader.string() == accountsDirectory, let hasTip = reader.byte()
      else { return nil }
      var walk = CloseWalk()
      if hasTip == 1 {
        guard let tip = reader.oid() else { return nil }
        walk.tip = tip
      }
      guard let hasTree = reader.byte() else { return nil }
      if hasTree == 1 {
        guard let tree = reader.oid() else { return nil }
        walk.accountsTree = tree
      }
      guard let hasJudge = reader.byte() else { return nil }
      if hasJudge == 1 {
        guard let judge = reader.oid() else { return nil }
        walk.judgedWith = judge
      }
      guard let count = reader.integer() else { return nil }
      for _ in 0..<count {
        guard let name = reader.string(), let closed = reader.byte() else { return nil }
        walk.order.append(name)
        if closed == 1 {
          guard let commit = reader.oid(), let high = reader.integer(), let low = reader.integer(),
            let author = reader.string(), let summary = reader.string(), let flags = reader.byte()
          else { return nil }
          var close = Close(
            commit: CommitDetails(
              id: commit, time: Int64(high) << 32 | Int64(low), author: author, summary: summary),
            commitments: nil, folder: nil)
          if flags & 1 != 0 { close.commitments = reader.oid() }
          if flags & 2 != 0 { close.folder = reader.oid() }
          if flags & 4 != 0 {
            guard let high = reader.integer(), let low = reader.integer() else { return nil }
            walk.completeAt[name] = Int64(high) << 32 | Int64(low)
          }
          if flags & 8 != 0 {
            guard let day = reader.integer() else { return nil }
            walk.churnedOn[name] = CalendarDate(dayNumber: Int(Int32(bitPattern: day)))
          }
          walk.closes[name] = close
          guard let seen = reader.strings(), let added = reader.strings(),
            let pending = reader.integer()
          else { return nil }
          walk.seenIDs[name] = seen
          if !added.isEmpty { walk.added[name] = added }
          for _ in 0..<pending {
            guard let folder = reader.oid(), let commit = reader.oid() else { return nil }
            walk.unjudged[name, default: []].append((folder, commit))
          }
        }
      }
      guard let length = reader.integer(), let versions = reader.slice(Int(length)) else {
        return nil
      }
      walk.folderVersions = FolderVersions(encoded: Array(versions))
      return reader.isAtEnd ? walk : nil
    }
  }

  /// Writes the walk atomically; failures are ignored (the index is optional).
  func save(to file: URL, accountsDirectory: String) {
    var writer = ByteWriter()
    writer.bytes(Self.magic)
    writer.string(accountsDirectory)
    writer.bytes(tip.map { [1] + $0.bytes } ?? [0])
    writer.bytes(accountsTree.map { [1] + $0.bytes } ?? [0])
    writer.bytes(judgedWith.map { [1] + $0.bytes } ?? [0])
    writer.integer(UInt32(order.count))
    for name in order {
      writer.string(name)
      guard let close = closes[name] else {
        writer.bytes([0])
        continue
      }
      writer.bytes([1])
      writer.bytes(close.commit.id.bytes)
      writer.integer(UInt32(truncatingIfNeeded: close.commit.time >> 32))
      writer.integer(UInt32(truncatingIfNeeded: close.commit.time))
      writer.string(close.commit.author)
      writer.string(close.commit.summary)
      let complete = completeAt[name]
      let churned = churnedOn[name]
      writer.bytes([
        (close.commitments == nil ? 0 : 1) | (close.folder == nil ? 0 : 2)
          | (complete == nil ? 0 : 4)
          | (churned == nil ? 0 : 8)
      ])
      if let commitments = close.commitments { writer.bytes(commitments.bytes) }
      if let folder = close.folder { writer.bytes(folder.bytes) }
      if let complete {
        writer.integer(UInt32(truncatingIfNeeded: complete >> 32))
        writer.integer(UInt32(truncatingIfNeeded: complete))
      }
      if let churned {
        writer.integer(UInt32(bitPattern: Int32(truncatingIfNeeded: churned.dayNumber)))
      }
      writer.strings(seenIDs[name] ?? [])
      writer.strings(added[name] ?? [])
      let pending = unjudged[name] ?? []
      writer.integer(UInt32(pending.count))
      for version in pending {
        writer.bytes(version.folder.bytes)
        writer.bytes(version.commit.bytes)
      }
    }
    let versions = folderVersions.encode()
    writer.integer(UInt32(versions.count))
    writer.bytes(versions)
    let folder = file.deletingLastPathComponent()
    let temporary = folder.appendingPathComponent(
      ".history-\(ProcessInfo.processInfo.processIdentifier)-"
        + "\(UInt32.random(in: 0...UInt32.max)).tmp")
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try Data(writer.output).write(to: temporary)
      if rename(temporary.path, file.path) != 0 {
        try? FileManager.default.removeItem(at: temporary)
      }
    } catch {
      try? FileManager.default.removeItem(at: temporary)
    }
  }
}

extension ByteWriter {
  mutating func strings(_ list: [String]) {
    integer(UInt32(list.count))
    for item in list { string(item) }
  }
}

extension ByteReader {
  mutating func strings() -> [String]? {
    guard let count = integer() else { return nil }
    var list: [String] = []
    for _ in 0..<count {
      guard let item = string() else { return nil }
      list.append(item)
    }
    return list
  }
}
