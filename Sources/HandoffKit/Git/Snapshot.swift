import Foundation

/// Which version of the records to read.
public enum SnapshotSource: Sendable, Equatable {
  /// The files on disk in the work tree.
  case worktree
  /// The staged content, read from the index: no stash, no checkout.
  case index
  /// Any commit-ish: `HEAD~3`, a tag, a full or short id.
  case revision(String)
}

/// One readable version of a repository's files: the work tree, the index or a commit.
///
/// Listing happens once, up front; contents are read through a `SnapshotReader`, one per
/// thread, because libgit2 handles must not be shared between threads.
public final class Snapshot {
  public let repository: Repository
  public let source: SnapshotSource
  /// The commit read, for `.revision`.
  public let commit: OID?

  /// - Throws: `GitError` when the revision does not name a commit, or the repository has no
  ///   work tree for `.worktree`.
  public init(repository: Repository, source: SnapshotSource) throws(GitError) {
    self.repository = repository
    self.source = source
    switch source {
    case .revision(let revision):
      commit = try repository.commit(for: revision)
    case .worktree:
      guard repository.workingDirectory != nil else {
        throw GitError(
          code: .bareRepository, message: "a bare repository has no work tree; use --rev",
          function: "git_repository_workdir")
      }
      commit = nil
    case .index:
      commit = nil
    }
  }

  /// `worktree`, `index`, or the full commit id: the `source` field of JSON output.
  public var label: String {
    switch source {
    case .worktree: "worktree"
    case .index: "index"
    case .revision: commit?.description ?? "unknown"
    }
  }

  /// The files and folders under `directory`, two levels deep. For a commit, the folders'
  /// listings are taken from `memory` where it has them, and given to it where it had not.
  public func items(under directory: String, memory: TreeListingMemory? = nil) throws(GitError)
    -> [TreeItem]
  {
    switch source {
    case .worktree:
      return WorkTreeListing.items(root: repository.workingDirectory ?? "", under: directory)
    case .index:
      return try repository.indexItems(under: directory)
    case .revision:
      // Listed from the packs, the folders on every core: ten thousand folders' trees lie all
      // over a pack, each at the end of a delta chain of its own, and libgit2's small pack
      // windows would be mapped anew for nearly each of them.
      guard
        let folder = try repository.entry(
          inTree: repository.commitInfo(commit!).tree, at: directory),
        folder.kind == .directory
      else { return [] }
      let objects = ObjectReader(repository: repository)
      let top: TreeListing
      if let known = memory?.listing(of: folder.id) {
        top = known
      } else {
        top = try objects.treeEntries(folder.id)
        memory?.remember(top, of: folder.id)
      }
      let folders = top.filter { $0.kind == .directory }
      var listings = folders.map { memory?.listing(of: $0.id) }
      let unknown = folders.indices.filter { listings[$0] == nil }
      let read = Parallel.map(
        unknown,
        makeContext: { worker in
          worker == .callingThread
            ? objects : (try? repository.reopen()).map { ObjectReader(repository: $0) }
        }
      ) { (objects, index) -> Result<TreeListing, GitError> in
        guard let objects else { return .failure(.unopened(during: "git_repository_open")) }
        do throws(GitError) { return .success(try objects.treeEntries(folders[index].id)) } catch {
          return .failure(error)
        }
      }
      for (index, result) in zip(unknown, read) {
        let listing = try result.get()
        memory?.remember(listing, of: folders[index].id)
        listings[index] = listing
      }
      var items: [TreeItem] = []
      var inner = zip(folders, listings).makeIterator()
      for entry in top {
        items.append(
          TreeItem(
            directory: directory, parent: nil, name: entry.name, kind: entry.kind, oid: entry.id,
            mode: entry.mode))
        guard entry.kind == .directory, let (folder, listing) = inner.next() else { continue }
        let path = directory + "/" + folder.name
        items += (listing ?? []).map {
          TreeItem(
            directory: path, parent: folder.name, name: $0.name, kind: $0.kind, oid: $0.id,
            mode: $0.mode)
        }
      }
      return items
    }
  }

  /// The contents of one file at a repository-relative path, or nil when it does not exist.
  public func file(at path: String) throws(GitError) -> [UInt8]? {
    switch source {
    case .worktree:
      switch WorkTreeListing.readRegularFile((repository.workingDirectory ?? "") + path) {
      case .bytes(let bytes): return bytes
      case .absent: return nil
      case .notARegularFile(let kind):
        throw GitError(
          code: .notAFile, message: "`\(path)` is \(kind.article), not a regular file",
          function: "lstat")
      case .failed(let reason):
        throw GitError(
          code: .generic, message: "could not read `\(path)`: \(reason)", function: "read")
      }
    case .index:
      return try repository.indexFileID(at: path).map { (id) throws(GitError) in
        try repository.blob(id)
      }
    case .revision:
      return try repository.fileID(ofCommit: commit!, at: path).map { (id) throws(GitError) in
        try repository.blob(id)
      }
    }
  }

  /// The kind of what is at a repository-relative path, never following a link; nil when
  /// nothing is there.
  public func kind(at path: String) throws(GitError) -> TreeItem.Kind? {
    switch source {
    case .worktree: WorkTreeListing.kind(atPath: (repository.workingDirectory ?? "") + path)
    case .index: try repository.indexEntryKind(at: path)
    case .revision: try repository.entryKind(ofCommit: commit!, at: path)
    }
  }

  /// A reader for this thread, sharing the snapshot's repository handle.
  public func makeReader() throws(GitError) -> SnapshotReader {
    try makeReader(for: .callingThread)
  }

  /// A reader for a worker: on another thread it has its own repository handle; on the calling
  /// thread it shares this snapshot's (opening a repository costs a pre-commit check 2 ms).
  func makeReader(for worker: Parallel.Worker) throws(GitError) -> SnapshotReader {
    switch source {
    case .worktree:
      return SnapshotReader(workTree: repository.workingDirectory ?? "", repository: nil)
    case .index:
      return SnapshotReader(
        workTree: nil, repository: worker == .callingThread ? repository : try repository.reopen())
    case .revision:
      // A commit's blobs mostly lie in packs, read there without libgit2's lock (a pass over
      // every account at HEAD on two cores went at the speed of one) or its pack windows; the
      // index's are mostly new, loose objects, which only libgit2 reads.
      let handle = worker == .callingThread ? repository : try repository.reopen()
      return SnapshotReader(
        workTree: nil, repository: handle, objects: ObjectReader(repository: handle))
    }
  }
}

/// Reads file contents of one snapshot on one thread.
public struct SnapshotReader {
  let workTree: String?
  let repository: Repository?
  var objects: ObjectReader? = nil

  /// The bytes of `item` and their blob id.
  public func contents(of item: TreeItem) throws(SnapshotReadError) -> (bytes: [UInt8], id: OID) {
    if let workTree {
      guard let bytes = WorkTreeListing.read(workTree + item.path) else {
        throw SnapshotReadError(path: item.path, message: String(cString: strerror(errno)))
      }
      return (bytes, bytes.withUnsafeBytes { OID.ofBlob($0) })
    }
    guard let repository, let id = item.oid else {
      throw SnapshotReadError(path: item.path, message: "the file has no blob id")
    }
    do {
      if let objects { return (try objects.blob(id), id) }
      return (try repository.blob(id), id)
    } catch {
      throw SnapshotReadError(path: item.path, message: error.description)
    }
  }

  /// The blob id of `item` without reading it, when the snapshot already knows it.
  public func knownID(of item: TreeItem) -> OID? {
    workTree == nil ? item.oid : nil
  }
}

/// A file that could not be read from its snapshot.
public struct SnapshotReadError: Error, Sendable {
  public var path: String
  public var message: String
}
