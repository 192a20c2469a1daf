internal import CLibGit2
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An open Git repository. Owns its libgit2 handle; not shared between threads.
public final class Repository {
  let pointer: OpaquePointer
  /// What it was opened from, so another thread can open its own handle the same way.
  private let origin: String

  private init(_ pointer: OpaquePointer, origin: String) {
    self.pointer = pointer
    self.origin = origin
  }

  deinit {
    if let loadedIndex { git_index_free(loadedIndex) }
    git_repository_free(pointer)
  }

  /// Opens the repository that contains `path`, searching upward as `git` does, so it works
  /// from any subdirectory and in linked worktrees.
  ///
  /// The corresponding C function is `git_repository_open_ext`.
  ///
  /// From the current folder (`.`), `GIT_DIR` and `GIT_WORK_TREE` are honoured as git honours
  /// them (libgit2 1.5 does not), so a hook run in a `--separate-git-dir` layout finds its
  /// repository: `GIT_DIR` is opened as it is, and the work tree is `GIT_WORK_TREE`, else
  /// `core.worktree`, else the current folder. `GIT_INDEX_FILE` is honoured by `index()`.
  public static func discover(from path: String) throws(GitError) -> Repository {
    LibGit2.ensureInitialized()
    let environment = path == "." ? GitEnvironment.current : GitEnvironment()
    var handle: OpaquePointer?
    if let directory = environment.directory {
      try check(
        "git_repository_open_ext",
        git_repository_open_ext(&handle, directory, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil))
    } else {
      try check("git_repository_open_ext", git_repository_open_ext(&handle, path, 0, nil))
    }
    guard let handle else {
      throw GitError(code: .generic, message: "no repository", function: "git_repository_open_ext")
    }
    let repository = Repository(handle, origin: path)
    let workTree =
      environment.workTree
      ?? (environment.directory != nil && !repository.isBare && repository.configuredWorkTree == nil
        ? FileManager.default.currentDirectoryPath : nil)
    if let workTree {
      try check("git_repository_set_workdir", git_repository_set_workdir(handle, workTree, 0))
    }
    return repository
  }

  /// `core.worktree`, when the configuration sets it.
  private var configuredWorkTree: String? { configValue("core.worktree", isPath: true) }

  /// Another handle on the same repository, opened the same way (for another thread).
  public func reopen() throws(GitError) -> Repository {
    try Repository.discover(from: origin)
  }

  /// The work tree folder, with a trailing slash; nil for a bare repository.
  ///
  /// The corresponding C function is `git_repository_workdir`.
  public var workingDirectory: String? {
    git_repository_workdir(pointer).map { String(cString: $0) }
  }

  /// The folder shared by all worktrees (`.git` of the main worktree), with a trailing slash.
  ///
  /// The corresponding C function is `git_repository_commondir`.
  public var commonDirectory: String {
    String(cString: git_repository_commondir(pointer))
  }

  /// Whether HEAD names a branch that has no commit yet.
  ///
  /// The corresponding C function is `git_repository_head_unborn`.
  public var isHeadUnborn: Bool {
    get throws(GitError) {
      let answer = git_repository_head_unborn(pointer)
      try check("git_repository_head_unborn", answer)
      return answer == 1
    }
  }

  /// The short name of the branch HEAD points at (`main`), also when it has no commit yet.
  ///
  /// The corresponding C function is `git_reference_lookup` on `HEAD`.
  public var headBranchName: String? {
    var head: OpaquePointer?
    guard git_reference_lookup(&head, pointer, "HEAD") == 0 else {
      git_error_clear()
      return nil
    }
    defer { git_reference_free(head) }
    guard let target = git_reference_symbolic_target(head) else { return nil }
    let name = String(cString: target)
    return name.hasPrefix("refs/heads/") ? String(name.dropFirst("refs/heads/".count)) : name
  }

  /// The local branches that have commits, by short name, sorted.
  public func branchNames() throws(GitError) -> [String] {
    try commits(ofReferencesMatching: "refs/heads/*").keys.map {
      String($0.dropFirst("refs/heads/".count))
    }.sorted()
  }

  // MARK: - Revisions

  /// Resolves any commit-ish (`HEAD~3`, a tag, a full or short id) to a commit id.
  ///
  /// The corresponding C functions are `git_revparse_single` and `git_object_peel`.
  public func commit(for revision: String) throws(GitError) -> OID {
    var object: OpaquePointer?
    try check("git_revparse_single", git_revparse_single(&object, pointer, revision))
    defer { git_object_free(object) }
    var commit: OpaquePointer?
    try check("git_object_peel", git_object_peel(&commit, object, GIT_OBJECT_COMMIT))
    defer { git_object_free(commit) }
    return OID(git_object_id(commit).pointee)
  }

  /// Runs `body` with the root tree of `commit`, freeing it afterwards.
  ///
  /// The corresponding C functions are `git_commit_lookup` and `git_commit_tree`.
  func withTree<T>(ofCommit commit: OID, _ body: (OpaquePointer) throws(GitError) -> T)
    throws(GitError) -> T
  {
    var id = commit.raw
    var commitHandle: OpaquePointer?
    try check("git_commit_lookup", git_commit_lookup(&commitHandle, pointer, &id))
    defer { git_commit_free(commitHandle) }
    var tree: OpaquePointer?
    try check("git_commit_tree", git_commit_tree(&tree, commitHandle))
    defer { git_tree_free(tree) }
    return try body(tree!)
  }

  // MARK: - Trees

  /// The blob id of the file at `path` in `commit`, or nil when there is none.
  public func fileID(ofCommit commit: OID, at path: String) throws(GitError) -> OID? {
    try withTree(ofCommit: commit) { (root) throws(GitError) -> OID? in
      guard let found = try entry(at: path, below: root) else { return nil }
      switch found.kind {
      case .file: return found.id
      case .directory: return nil
      default:
        throw GitError(
          code: .notAFile, message: "`\(path)` is not a regular file",
          function: "git_tree_entry_bypath")
      }
    }
  }

  /// The kind of the entry at `path` in `commit`, or nil when there is none.
  public func entryKind(ofCommit commit: OID, at path: String) throws(GitError) -> TreeItem.Kind? {
    try entryKind(inTree: commitInfo(commit).tree, at: path)
  }

  /// The kind of the entry at `path` below `tree`, or nil when there is none.
  public func entryKind(inTree tree: OID, at path: String) throws(GitError) -> TreeItem.Kind? {
    try entry(inTree: tree, at: path)?.kind
  }

  // MARK: - Index

  private var loadedIndex: OpaquePointer?

  /// The repository's index (or the one `GIT_INDEX_FILE` names, as git does), loaded once per
  /// `Repository`: reading a large index is the most expensive step of `validate --staged`.
  ///
  /// The corresponding C functions are `git_repository_index` and `git_index_open`.
  private func index() throws(GitError) -> OpaquePointer {
    if let loadedIndex { return loadedIndex }
    var index: OpaquePointer?
    do throws(GitError) {
      if let override = getenv("GIT_INDEX_FILE").map({ String(cString: $0) }), !override.isEmpty {
        // Set by git for hooks: `git commit -a` and `git commit PATH` stage into a temporary index.
        try check("git_index_open", git_index_open(&index, override))
      } else {
        try check("git_repository_index", git_repository_index(&index, pointer))
      }
    } catch {
      guard error.message.contains("'link'") else { throw error }
      throw GitError(
        code: error.code, errorClass: error.errorClass,
        message:
          "the index is split (core.splitIndex), which libgit2 1.5 cannot read; to commit with "
          + "the handoff hook, "
          + "run `git config core.splitIndex false && git update-index --no-split-index`",
        function: "reading the index")
    }
    loadedIndex = index
    return index!
  }

  /// The index read by `IndexFile` (nil when its format needs libgit2), read once.
  private var directIndex: IndexFile?? = .none

  /// The index file git uses here: `GIT_INDEX_FILE` when set, else `index` in the git folder.
  var indexPath: String {
    if let override = getenv("GIT_INDEX_FILE").map({ String(cString: $0) }), !override.isEmpty {
      return URL(fileURLWithPath: override).path
    }
    return String(cString: git_repository_path(pointer)) + "index"
  }

  /// The staged entries read directly, when the index's format allows (see `IndexFile`).
  func stagedIndex() -> IndexFile? {
    if case .some(let known) = directIndex { return known }
    var read: IndexFile?
    if !isBare {
      do { read = try IndexFile.read(path: indexPath) } catch {
        PhaseTimer.note("index read by libgit2: \(error)")
      }
    }
    directIndex = .some(read)
    return read
  }

  /// Calls `body` with each stage-0 entry whose path starts with `prefix`, in path order.
  private func forEachStagedEntry(
    under prefix: [UInt8], _ body: (UnsafeBufferPointer<UInt8>, UInt32, OID) -> Void
  ) throws(GitError) {
    if let own = stagedIndex() {
      own.names.withUnsafeBytes { names in
        let names = names.assumingMemoryBound(to: UInt8.self)
        for position in own.entries(under: prefix) {
          let entry = own.entries[position]
          body(
            UnsafeBufferPointer(
              rebasing: names[entry.nameStart..<(entry.nameStart + entry.nameCount)]), entry.mode,
            entry.id)
        }
      }
      return
    }
    let index = try self.index()
    for position in 0..<git_index_entrycount(index) {
      guard let entry = git_index_get_byindex(index, position) else { continue }
      // Stage bits: a conflicted path appears once per side; the merged result is stage 0.
      guard (entry.pointee.flags >> 12) & 0x3 == 0 else { continue }
      let path = UnsafeRawPointer(entry.pointee.path!).assumingMemoryBound(to: UInt8.self)
      let length = strlen(entry.pointee.path)
      guard length >= prefix.count, memcmp(path, prefix, prefix.count) == 0 else { continue }
      body(
        UnsafeBufferPointer(start: path, count: length), entry.pointee.mode, OID(entry.pointee.id))
    }
  }

  /// Every stage-0 entry as libgit2 reads the index (path, mode, id): the reference the direct
  /// reader is tested against.
  func libgit2IndexEntries() throws(GitError) -> [(path: String, mode: UInt32, id: OID)] {
    let index = try self.index()
    var entries: [(path: String, mode: UInt32, id: OID)] = []
    for position in 0..<git_index_entrycount(index) {
      guard let entry = git_index_get_byindex(index, position),
        (entry.pointee.flags >> 12) & 0x3 == 0
      else { continue }
      entries.append(
        (String(cString: entry.pointee.path), entry.pointee.mode, OID(entry.pointee.id)))
    }
    return entries
  }

  /// The staged files under `directory` (and the folders they imply), read straight from the
  /// index: no checkout, no stash.
  ///
  /// The index of a large repository holds tens of thousands of entries, so paths are parsed as
  /// bytes and each first-level folder's name is made into a string once.
  public func indexItems(under directory: String) throws(GitError) -> [TreeItem] {
    let prefix = Array((directory + "/").utf8)
    var items: [TreeItem] = []
    var parent: (name: String, bytes: [UInt8], folder: String)?
    var lastNested: String?
    try forEachStagedEntry(under: prefix) { path, mode, id in
      guard path.count > prefix.count else { return }
      let rest = UnsafeBufferPointer(rebasing: path[prefix.count...])
      guard let slash = rest.firstIndex(of: UInt8(ascii: "/")) else {
        items.append(
          TreeItem(
            directory: directory, parent: nil, name: String(decoding: rest, as: UTF8.self),
            kind: TreeItem.Kind(gitMode: mode), oid: id, mode: mode))
        return
      }
      let folderBytes = UnsafeBufferPointer(rebasing: rest[..<slash])
      if parent == nil || !parent!.bytes.elementsEqual(folderBytes) {
        let name = String(decoding: folderBytes, as: UTF8.self)
        parent = (name, Array(folderBytes), directory + "/" + name)
        items.append(
          TreeItem(directory: directory, parent: nil, name: name, kind: .directory, oid: nil))
      }
      let inner = UnsafeBufferPointer(rebasing: rest[(slash + 1)...])
      if let nestedSlash = inner.firstIndex(of: UInt8(ascii: "/")) {
        let nested = String(
          decoding: UnsafeBufferPointer(rebasing: inner[..<nestedSlash]), as: UTF8.self)
        if lastNested != parent!.folder + "/" + nested {
          lastNested = parent!.folder + "/" + nested
          items.append(
            TreeItem(
              directory: parent!.folder, parent: parent!.name, name: nested, kind: .directory,
              oid: nil))
        }
        return
      }
      items.append(
        TreeItem(
          directory: parent!.folder, parent: parent!.name,
          name: String(decoding: inner, as: UTF8.self),
          kind: TreeItem.Kind(gitMode: mode), oid: id, mode: mode))
    }
    return items
  }

  /// The kind of the staged entry at `path`: a file, link or submodule entry, a folder when
  /// entries lie below it, nil when neither.
  public func indexEntryKind(at path: String) throws(GitError) -> TreeItem.Kind? {
    if let own = stagedIndex() {
      if let entry = own.entry(at: path) { return TreeItem.Kind(gitMode: entry.mode) }
      let prefix = Array((path + "/").utf8)
      let position = own.firstEntry(atOrAfter: prefix)
      return position < own.entries.count && own.name(position).starts(with: prefix)
        ? .directory : nil
    }
    let index = try self.index()
    if let entry = git_index_get_bypath(index, path, 0) {
      return TreeItem.Kind(gitMode: entry.pointee.mode)
    }
    var position = 0
    let found = git_index_find_prefix(&position, index, path + "/")
    if found == GIT_ENOTFOUND.rawValue {
      git_error_clear()
      return nil
    }
    try check("git_index_find_prefix", found)
    return .directory
  }

  /// The staged blob id of `path`, or nil when it is not in the index.
  public func indexFileID(at path: String) throws(GitError) -> OID? {
    let staged: (mode: UInt32, id: OID)?
    if let own = stagedIndex() {
      staged = own.entry(at: path).map { ($0.mode, $0.id) }
    } else {
      staged = git_index_get_bypath(try self.index(), path, 0).map {
        ($0.pointee.mode, OID($0.pointee.id))
      }
    }
    guard let staged else { return nil }
    guard TreeItem.Kind(gitMode: staged.mode) == .file else {
      throw GitError(
        code: .notAFile, message: "`\(path)` is not a regular file in the index",
        function: "git_index_get_bypath")
    }
    return staged.id
  }

  // MARK: - Blobs

  /// The contents of a blob.
  ///
  /// The corresponding C functions are `git_blob_lookup` and `git_blob_rawcontent`.
  public func blob(_ id: OID) throws(GitError) -> [UInt8] {
    var raw = id.raw
    var blob: OpaquePointer?
    try check("git_blob_lookup", git_blob_lookup(&blob, pointer, &raw))
    defer { git_blob_free(blob) }
    let size = Int(git_blob_rawsize(blob))
    guard size > 0, let content = git_blob_rawcontent(blob) else { return [] }
    return Array(UnsafeRawBufferPointer(start: content, count: size))
  }
}

// MARK: - History

extension Repository {
  /// The commits reachable from `to` but not from `from`, oldest first (parents before children).
  ///
  /// The corresponding C functions are `git_revwalk_push` and `git_revwalk_hide`.
  public func commits(from: OID?, to: OID) throws(GitError) -> [OID] {
    var walk: OpaquePointer?
    try check("git_revwalk_new", git_revwalk_new(&walk, pointer))
    defer { git_revwalk_free(walk) }
    try check(
      "git_revwalk_sorting",
      git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_REVERSE.rawValue))
    var tip = to.raw
    try check("git_revwalk_push", git_revwalk_push(walk, &tip))
    if let from {
      var base = from.raw
      try check("git_revwalk_hide", git_revwalk_hide(walk, &base))
    }
    do {
      return try Self.drain(walk!)
    } catch  where (try? isShallow) == true && error.code == .notFound {
      // libgit2 1.5 walks past a shallow clone's boundary into parents that were never fetched.
      return try commitsWithinShallowClone(from: from, to: to)
    }
  }

  /// `from..to` in a shallow clone, oldest first (parents before children): every commit
  /// reachable from `to` without passing `from` or a parent the clone does not have. Commits
  /// that only `from`'s missing ancestry would exclude cannot be told apart here; a range
  /// whose commits all lie above its base is exact.
  private func commitsWithinShallowClone(from: OID?, to: OID) throws(GitError) -> [OID] {
    let boundary = try shallowBoundary()
    var order: [OID] = []
    var seen: Set<OID> = from.map { [$0] } ?? []
    var stack: [(commit: OID, expanded: Bool)] = [(to, false)]
    while let (commit, expanded) = stack.popLast() {
      if expanded {
        order.append(commit)
        continue
      }
      guard seen.insert(commit).inserted else { continue }
      stack.append((commit, true))
      guard !boundary.contains(commit) else { continue }
      for parent in try parents(of: commit) where !seen.contains(parent) {
        stack.append((parent, false))
      }
    }
    return order
  }

  /// Every parent of a commit.
  ///
  /// The corresponding C functions are `git_commit_parentcount` and `git_commit_parent_id`.
  private func parents(of commit: OID) throws(GitError) -> [OID] {
    var id = commit.raw
    var handle: OpaquePointer?
    try check("git_commit_lookup", git_commit_lookup(&handle, pointer, &id))
    defer { git_commit_free(handle) }
    return (0..<git_commit_parentcount(handle)).compactMap {
      git_commit_parent_id(handle, $0).map { OID($0.pointee) }
    }
  }

  /// The best common ancestor of two commits, or nil when they share no history.
  ///
  /// The corresponding C function is `git_merge_base`.
  public func mergeBase(_ one: OID, _ two: OID) throws(GitError) -> OID? {
    var result = git_oid()
    var a = one.raw
    var b = two.raw
    let found = git_merge_base(&result, pointer, &a, &b)
    if found == GIT_ENOTFOUND.rawValue {
      git_error_clear()
      return nil
    }
    try check("git_merge_base", found)
    return OID(result)
  }

  /// Whether this is a shallow clone: some commits' parents were never fetched.
  ///
  /// The corresponding C function is `git_repository_is_shallow`.
  public var isShallow: Bool {
    get throws(GitError) {
      let answer = git_repository_is_shallow(pointer)
      try check("git_repository_is_shallow", answer)
      return answer == 1
    }
  }

  /// The commits whose parents a shallow clone cut off (`.git/shallow`); empty otherwise.
  public func shallowBoundary() throws(GitError) -> Set<OID> {
    guard try isShallow,
      let text = try? String(contentsOfFile: commonDirectory + "shallow", encoding: .utf8)
    else {
      return []
    }
    return Set(text.split(separator: "\n").compactMap { OID(hex: String($0)) })
  }

  /// Every commit a revision walk yields. Only `GIT_ITEROVER` ends it: any other error (a
  /// missing or damaged object) is an error, not the end of history.
  private static func drain(_ walk: OpaquePointer) throws(GitError) -> [OID] {
    var result: [OID] = []
    var next = git_oid()
    while true {
      let status = git_revwalk_next(&next, walk)
      if status == GIT_ITEROVER.rawValue { return result }
      try check("git_revwalk_next", status)
      result.append(OID(next))
    }
  }

  /// The first parent of `commit` and the id of its root tree.
  ///
  /// The corresponding C functions are `git_commit_parent_id` and `git_commit_tree_id`.
  public func commitInfo(_ commit: OID) throws(GitError) -> (tree: OID, firstParent: OID?) {
    var id = commit.raw
    var handle: OpaquePointer?
    try check("git_commit_lookup", git_commit_lookup(&handle, pointer, &id))
    defer { git_commit_free(handle) }
    let tree = OID(git_commit_tree_id(handle).pointee)
    let parent =
      git_commit_parentcount(handle) > 0
      ? git_commit_parent_id(handle, 0).map { OID($0.pointee) } : nil
    return (tree, parent)
  }

  /// The entries of a tree: name, id and whether each is a tree, in Git's order.
  ///
  /// The corresponding C functions are `git_tree_lookup` and `git_tree_entry_byindex`.
  public func treeEntries(_ tree: OID) throws(GitError) -> [(
    name: String, id: OID, kind: TreeItem.Kind, mode: UInt32
  )] {
    var raw = tree.raw
    var handle: OpaquePointer?
    try check("git_tree_lookup", git_tree_lookup(&handle, pointer, &raw))
    defer { git_tree_free(handle) }
    var entries: [(name: String, id: OID, kind: TreeItem.Kind, mode: UInt32)] = []
    let count = git_tree_entrycount(handle)
    entries.reserveCapacity(count)
    for index in 0..<count {
      guard let entry = git_tree_entry_byindex(handle, index) else { continue }
      let mode = git_tree_entry_filemode_raw(entry).rawValue
      entries.append(
        (
          String(cString: git_tree_entry_name(entry)), OID(git_tree_entry_id(entry).pointee),
          TreeItem.Kind(gitMode: mode), mode
        ))
    }
    return entries
  }

  /// The id of the entry at `path` (slash-separated) below `tree`, or nil when there is none.
  ///
  /// One lookup by path in libgit2: no list of a large tree's entries is built.
  ///
  /// The corresponding C functions are `git_tree_lookup` and `git_tree_entry_bypath`.
  public func entryID(in tree: OID, at path: String) throws(GitError) -> OID? {
    try entry(inTree: tree, at: path)?.id
  }

  /// The id and kind of the entry at `path` below `tree`, or nil when there is none.
  public func entry(inTree tree: OID, at path: String) throws(GitError) -> (
    id: OID, kind: TreeItem.Kind
  )? {
    var raw = tree.raw
    var handle: OpaquePointer?
    try check("git_tree_lookup", git_tree_lookup(&handle, pointer, &raw))
    defer { git_tree_free(handle) }
    return try entry(at: path, below: handle!)
  }

  /// One `git_tree_entry_bypath` lookup: the entry's id and kind, nil when there is none.
  func entry(at path: String, below root: OpaquePointer) throws(GitError) -> (
    id: OID, kind: TreeItem.Kind
  )? {
    var entry: OpaquePointer?
    let found = git_tree_entry_bypath(&entry, root, path)
    if found == GIT_ENOTFOUND.rawValue {
      git_error_clear()
      return nil
    }
    try check("git_tree_entry_bypath", found)
    defer { git_tree_entry_free(entry) }
    return (
      OID(git_tree_entry_id(entry).pointee),
      TreeItem.Kind(gitMode: git_tree_entry_filemode_raw(entry).rawValue)
    )
  }
}

// MARK: - Configuration and layout

extension Repository {
  /// Whether the repository has no work tree.
  ///
  /// The corresponding C function is `git_repository_is_bare`.
  public var isBare: Bool { git_repository_is_bare(pointer) == 1 }

  /// The folder git runs hooks from: `core.hooksPath` when set (relative to the work tree),
  /// otherwise `hooks` in the common git directory, shared by linked worktrees.
  ///
  /// The corresponding C functions are `git_config_get_path` and `git_repository_item_path`.
  public func hooksDirectory() throws(GitError) -> String {
    if let path = configValue("core.hooksPath", isPath: true) {
      return path.hasPrefix("/") ? path : (workingDirectory ?? commonDirectory) + path
    }
    var item = git_buf()
    defer { git_buf_dispose(&item) }
    try check(
      "git_repository_item_path",
      git_repository_item_path(&item, pointer, GIT_REPOSITORY_ITEM_HOOKS))
    return String(cString: item.ptr)
  }
}

// MARK: - Raw objects

extension Repository {
  /// A raw object's bytes, held by libgit2 until the returned value goes away (no copy): for
  /// callers that keep one version of a large tree while reading the next.
  ///
  /// The corresponding C functions are `git_odb_read` and `git_odb_object_data`.
  func rawObject(_ id: OID?) throws(GitError) -> RawObject {
    guard var raw = id?.raw else { return RawObject(object: nil) }
    var odb: OpaquePointer?
    try check("git_repository_odb", git_repository_odb(&odb, pointer))
    defer { git_odb_free(odb) }
    var object: OpaquePointer?
    try check("git_odb_read", git_odb_read(&object, odb, &raw))
    return RawObject(object: object)
  }
}

// MARK: - Commit details

/// What history commands show about a commit, copied out of libgit2.
public struct CommitDetails: Sendable {
  public var id: OID
  /// Seconds since 1970 (committer time).
  public var time: Int64
  public var author: String
  public var summary: String
}

extension Repository {
  /// The first-parent chain from `tip` back to the root, oldest first.
  ///
  /// The corresponding C functions are `git_revwalk_simplify_first_parent` and `git_revwalk_next`.
  public func firstParentHistory(to tip: OID) throws(GitError) -> [OID] {
    var walk: OpaquePointer?
    try check("git_revwalk_new", git_revwalk_new(&walk, pointer))
    defer { git_revwalk_free(walk) }
    try check(
      "git_revwalk_sorting",
      git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_REVERSE.rawValue))
    try check("git_revwalk_simplify_first_parent", git_revwalk_simplify_first_parent(walk))
    var raw = tip.raw
    try check("git_revwalk_push", git_revwalk_push(walk, &raw))
    return try Self.drain(walk!)
  }

  /// Author, time and summary of a commit.
  ///
  /// The corresponding C functions are `git_commit_author`, `git_commit_time` and
  /// `git_commit_summary`.
  public func details(of commit: OID) throws(GitError) -> CommitDetails {
    var id = commit.raw
    var handle: OpaquePointer?
    try check("git_commit_lookup", git_commit_lookup(&handle, pointer, &id))
    defer { git_commit_free(handle) }
    let author =
      git_commit_author(handle).flatMap { $0.pointee.name.map { String(cString: $0) } } ?? ""
    return CommitDetails(
      id: commit, time: Int64(git_commit_time(handle)), author: author,
      summary: git_commit_summary(handle).map { String(cString: $0) } ?? "")
  }
}

extension Repository {
  /// The author's own calendar day of a commit (the author time in the author's time zone),
  /// which is what `git log` shows as the author date.
  ///
  /// The corresponding C function is `git_commit_author`.
  public func authorDay(of commit: OID) throws(GitError) -> CalendarDate {
    var id = commit.raw
    var handle: OpaquePointer?
    try check("git_commit_lookup", git_commit_lookup(&handle, pointer, &id))
    defer { git_commit_free(handle) }
    guard let signature = git_commit_author(handle)?.pointee else {
      return CalendarDate(utcDayOf: Int64(git_commit_time(handle)))
    }
    return CalendarDate(utcDayOf: Int64(signature.when.time) + Int64(signature.when.offset) * 60)
  }
}

extension Repository {
  /// A configuration value as git resolves it (system, global, local), or nil when unset; a
  /// path has `~/` expanded.
  ///
  /// The corresponding C functions are `git_repository_config_snapshot`,
  /// `git_config_get_string_buf`
  /// and `git_config_get_path`.
  public func configValue(_ key: String, isPath: Bool = false) -> String? {
    var config: OpaquePointer?
    guard git_repository_config_snapshot(&config, pointer) == 0 else {
      git_error_clear()
      return nil
    }
    defer { git_config_free(config) }
    var buffer = git_buf()
    defer { git_buf_dispose(&buffer) }
    let found =
      isPath
      ? git_config_get_path(&buffer, config, key) : git_config_get_string_buf(&buffer, config, key)
    // Absent is nil; a value that cannot be read as asked (not a path, an include that fails)
    // is nil too, as git itself ignores such a key for the purpose these keys serve.
    guard found == 0, let value = buffer.ptr else {
      git_error_clear()
      return nil
    }
    return String(cString: value)
  }

  /// Sets a key in the repository's own configuration (`.git/config`).
  ///
  /// The corresponding C functions are `git_repository_config` and `git_config_set_string`.
  public func setLocalConfig(_ key: String, to value: String) throws(GitError) {
    var config: OpaquePointer?
    try check("git_repository_config", git_repository_config(&config, pointer))
    defer { git_config_free(config) }
    var local: OpaquePointer?
    try check(
      "git_config_open_level", git_config_open_level(&local, config, GIT_CONFIG_LEVEL_LOCAL))
    defer { git_config_free(local) }
    try check("git_config_set_string", git_config_set_string(local, key, value))
  }
}

extension Repository {
  /// The commits named by references matching `glob` (`refs/tags/handoff/close/*`), by name.
  /// One pass over the references instead of a lookup per name.
  ///
  /// The corresponding C functions are `git_reference_iterator_glob_new` and `git_reference_peel`.
  public func commits(ofReferencesMatching glob: String) throws(GitError) -> [String: OID] {
    var iterator: OpaquePointer?
    try check(
      "git_reference_iterator_glob_new", git_reference_iterator_glob_new(&iterator, pointer, glob))
    defer { git_reference_iterator_free(iterator) }
    var result: [String: OID] = [:]
    var reference: OpaquePointer?
    while true {
      let status = git_reference_next(&reference, iterator)
      if status == GIT_ITEROVER.rawValue { break }
      try check("git_reference_next", status)
      defer { git_reference_free(reference) }
      var commit: OpaquePointer?
      // A reference to something that is not a commit (a tag of a blob) names no close.
      let peeled = git_reference_peel(&commit, reference, GIT_OBJECT_COMMIT)
      if peeled == GIT_EPEEL.rawValue || peeled == GIT_ENOTFOUND.rawValue
        || peeled == GIT_EINVALIDSPEC.rawValue
      {
        git_error_clear()
        continue
      }
      try check("git_reference_peel", peeled)
      defer { git_object_free(commit) }
      result[String(cString: git_reference_name(reference))] = OID(git_object_id(commit).pointee)
    }
    git_error_clear()
    return result
  }
}

/// An object's bytes as libgit2 read them, freed when the last reference goes (empty for none).
final class RawObject {
  private let object: OpaquePointer?

  fileprivate init(object: OpaquePointer?) {
    self.object = object
  }

  deinit {
    git_odb_object_free(object)
  }

  /// Lends the bytes to `body` only: they live as long as this object, which the closure keeps.
  func withBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
    guard let object else { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
    return try withExtendedLifetime(self) {
      try body(
        UnsafeRawBufferPointer(
          start: git_odb_object_data(object), count: git_odb_object_size(object)))
    }
  }
}
