#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The index against HEAD, read without listing every staged path: what a pre-commit check of a
/// 10,000-account repository must learn at the speed of `git diff --cached`.
///
/// Account folders are compared by tree id, walking the index's entries and HEAD's accounts
/// tree side by side: the index's cache-tree knows the id of every folder no path below which
/// changed, so only changed folders are hashed from their entries, and only their entries
/// become `TreeItem`s.
struct StagedChange {
  /// The accounts added, changed or deleted (everything when the settings or a loose entry of
  /// the accounts folder changed).
  var scope: ChangeScope
  /// The staged items of the changed accounts (their folders included) and the loose entries
  /// of the accounts folder.
  var items: [TreeItem]
  /// The accounts folder's tree id at HEAD and as the index would commit it (nil when unknown).
  var headAccountsTree: OID?
  var stagedAccountsTree: OID?
  /// The tree object the index would commit for the accounts folder, when computable.
  var stagedTreeBytes: [UInt8]?
  /// HEAD's folder ids of the touched accounts that HEAD has.
  var headFolders: [String: OID] = [:]

  /// Nil when the index cannot be read directly (libgit2 then lists it in full).
  static func read(repository: Repository, accountsDirectory: String, settingsID: OID?)
    throws(GitError)
    -> StagedChange?
  {
    guard let index = repository.stagedIndex() else { return nil }
    let headTree: OID? =
      try repository.isHeadUnborn
      ? nil : try repository.commitInfo(repository.commit(for: "HEAD")).tree
    let headAccounts = try headTree.flatMap { (tree) throws(GitError) in
      try repository.entryID(in: tree, at: accountsDirectory)
    }
    let headSettings = try headTree.flatMap { (tree) throws(GitError) in
      try repository.entryID(in: tree, at: Settings.fileName)
    }
    var timer = PhaseTimer()
    var change: StagedChange
    if let headAccounts, let known = AccountsTreeCache.bytes(of: headAccounts, in: repository) {
      timer.mark("staged: HEAD's accounts tree, as the last check computed it")
      change = known.withUnsafeBytes {
        compare(index, head: RawTree(bytes: $0), accountsDirectory: accountsDirectory)
      }
    } else {
      let object = try repository.rawObject(headAccounts)
      timer.mark("staged: HEAD's accounts tree read")
      change = object.withBytes {
        compare(index, head: RawTree(bytes: $0), accountsDirectory: accountsDirectory)
      }
      if let headAccounts {
        AccountsTreeCache.save(
          object.withBytes { Array($0) }, id: headAccounts, as: .head, in: repository)
      }
    }
    timer.mark("staged: compared")
    change.headAccountsTree = headAccounts
    if headSettings != settingsID || headTree == nil { change.scope = .everything }
    return change
  }

  private static func compare(_ index: IndexFile, head: RawTree, accountsDirectory: String)
    -> StagedChange
  {
    // HEAD's side: its folders in git's order, and its loose entries.
    let layout = head.layout()
    var headFolders: [(name: UnsafeRawBufferPointer, id: OID)] = []
    var headLoose: [(name: UnsafeRawBufferPointer, mode: UInt32, id: OID)] = []
    headFolders.reserveCapacity(layout.count)
    for position in 0..<(layout.count - 1) {
      let entry = head.entry(position, in: layout)
      if entry.isTree {
        headFolders.append((entry.name, entry.oid))
      } else {
        headLoose.append((entry.name, entry.mode, entry.oid))
      }
    }
    let cached = index.treeChildren(of: accountsDirectory)

    let prefix = Array((accountsDirectory + "/").utf8)
    let range = index.entries(under: prefix)
    let (first, last) = (range.lowerBound, range.upperBound)
    var touched = Set<String>()
    var touchedAtHead: [String: OID] = [:]
    var looseChanged = false
    var looseCount = 0
    var items: [TreeItem] = []
    var stagedTree: [UInt8]? = []
    stagedTree!.reserveCapacity(head.bytes.count + 4096)
    let folderMode = Array("40000 ".utf8)
    var nextHead = 0

    index.treeBytes.withUnsafeBytes { treeBytes in
      index.names.withUnsafeBytes { names in
        func rest(_ position: Int) -> UnsafeRawBufferPointer {
          let entry = index.entries[position]
          return UnsafeRawBufferPointer(
            rebasing: names[(entry.nameStart + prefix.count)..<(entry.nameStart + entry.nameCount)])
        }
        var position = first
        while position < last {
          let entry = index.entries[position]
          let path = rest(position)
          guard let slash = path.firstIndex(of: UInt8(ascii: "/")) else {
            looseCount += 1
            let name = Array(path)
            let before = headLoose.first { $0.name.elementsEqual(name) }
            if before.map({ $0.mode != entry.mode || $0.id != entry.id }) ?? true {
              looseChanged = true
            }
            items.append(
              TreeItem(
                directory: accountsDirectory, parent: nil,
                name: String(decoding: name, as: UTF8.self),
                kind: TreeItem.Kind(gitMode: entry.mode), oid: entry.id, mode: entry.mode))
            if stagedTree != nil {
              TreeID.appendEntry(mode: entry.mode, name: name, id: entry.id, to: &stagedTree!)
            }
            position += 1
            continue
          }
          let folder = UnsafeRawBufferPointer(rebasing: path[..<slash])
          func inFolder(_ position: Int) -> Bool {
            let next = rest(position)
            return next.count > slash && next[slash] == UInt8(ascii: "/")
              && memcmp(next.baseAddress!, folder.baseAddress!, slash) == 0
          }
          // A valid cache-tree node says how many entries the folder has: its last one is checked,
          // not every one. Otherwise the folder's entries are walked.
          let cachedNode = cachedNode(cached, treeBytes, folder)
          var end = position + 1
          if let node = cachedNode, node.id != nil, node.entryCount > 0,
            position + node.entryCount <= last,
            inFolder(position + node.entryCount - 1),
            position + node.entryCount == last || !inFolder(position + node.entryCount)
          {
            end = position + node.entryCount
          } else {
            while end < last, inFolder(end) { end += 1 }
          }
          // HEAD's folders before this one are gone from the index: deleted accounts.
          var atHead: OID?
          while nextHead < headFolders.count {
            let order = folderOrder(headFolders[nextHead].name, folder)
            if order > 0 { break }
            if order == 0 {
              atHead = headFolders[nextHead].id
            } else {
              let name = String(decoding: headFolders[nextHead].name, as: UTF8.self)
              touched.insert(name)
              touchedAtHead[name] = headFolders[nextHead].id
            }
            nextHead += 1
            if order == 0 { break }
          }
          let skipping = prefix.count + slash + 1
          let id =
            (end - position == cachedNode?.entryCount ? cachedNode?.id : nil)
            ?? treeID(index, names, position..<end, skipping: skipping)
          if id == nil || atHead != id {
            let name = String(decoding: folder, as: UTF8.self)
            touched.insert(name)
            if let atHead { touchedAtHead[name] = atHead }
            items += Self.items(
              index, names, position..<end, folder: name, directory: accountsDirectory,
              skipping: skipping)
          }
          if let id, stagedTree != nil {
            stagedTree!.append(contentsOf: folderMode)
            stagedTree!.append(contentsOf: folder)
            stagedTree!.append(0)
            id.append(to: &stagedTree!)
          } else {
            stagedTree = nil
          }
          position = end
        }
      }
    }
    for folder in headFolders[nextHead...] {
      let name = String(decoding: folder.name, as: UTF8.self)
      touched.insert(name)
      touchedAtHead[name] = folder.id
    }
    if headLoose.count != looseCount { looseChanged = true }
    return StagedChange(
      scope: looseChanged ? .everything : ChangeScope(accounts: touched), items: items,
      headAccountsTree: nil,
      stagedAccountsTree: stagedTree.map { bytes in
        bytes.withUnsafeBytes { OID.ofObject($0, type: .tree) }
      },
      stagedTreeBytes: stagedTree, headFolders: touchedAtHead)
  }

  /// Git's order of two folder names: bytes, a name's end counting as `/`.
  private static func folderOrder(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
    let common = min(a.count, b.count)
    if common > 0 {
      let order = memcmp(a.baseAddress!, b.baseAddress!, common)
      if order != 0 { return order < 0 ? -1 : 1 }
    }
    if a.count == b.count { return 0 }
    let nextA = a.count > common ? a[common] : UInt8(ascii: "/")
    let nextB = b.count > common ? b[common] : UInt8(ascii: "/")
    return nextA < nextB ? -1 : 1
  }

  /// The folder's cache-tree node, whose children git keeps sorted by name length, then bytes;
  /// nil when the cache-tree does not have it.
  private static func cachedNode(
    _ children: [IndexFile.TreeNode], _ treeBytes: UnsafeRawBufferPointer,
    _ folder: UnsafeRawBufferPointer
  ) -> IndexFile.TreeNode? {
    func order(_ node: IndexFile.TreeNode) -> Int {
      guard node.nameCount == folder.count else { return node.nameCount < folder.count ? -1 : 1 }
      guard folder.count > 0 else { return 0 }
      return Int(memcmp(treeBytes.baseAddress! + node.nameStart, folder.baseAddress!, folder.count))
    }
    let found = partitionPoint(children.indices) { order(children[$0]) < 0 }
    guard found < children.count, order(children[found]) == 0 else { return nil }
    return children[found]
  }

  /// The tree id of one account folder from its staged entries; nil when it holds a folder.
  private static func treeID(
    _ index: IndexFile, _ names: UnsafeRawBufferPointer, _ range: Range<Int>, skipping: Int
  ) -> OID? {
    var body: [UInt8] = []
    for position in range {
      let entry = index.entries[position]
      let name = names[(entry.nameStart + skipping)..<(entry.nameStart + entry.nameCount)]
      if name.contains(UInt8(ascii: "/")) { return nil }
      TreeID.appendEntry(mode: entry.mode, name: name, id: entry.id, to: &body)
    }
    return body.withUnsafeBytes { OID.ofObject($0, type: .tree) }
  }

  /// The items of one account folder, as `Repository.indexItems` lists them.
  private static func items(
    _ index: IndexFile, _ names: UnsafeRawBufferPointer, _ range: Range<Int>, folder: String,
    directory: String,
    skipping: Int
  ) -> [TreeItem] {
    let path = directory + "/" + folder
    var items = [
      TreeItem(directory: directory, parent: nil, name: folder, kind: .directory, oid: nil)
    ]
    var lastNested: String?
    for position in range {
      let entry = index.entries[position]
      let name = names[(entry.nameStart + skipping)..<(entry.nameStart + entry.nameCount)]
      if let slash = name.firstIndex(of: UInt8(ascii: "/")) {
        let nested = String(decoding: name[..<slash], as: UTF8.self)
        if lastNested != nested {
          lastNested = nested
          items.append(
            TreeItem(directory: path, parent: folder, name: nested, kind: .directory, oid: nil))
        }
        continue
      }
      items.append(
        TreeItem(
          directory: path, parent: folder,
          name: RecordFile.canonicalName(String(decoding: name, as: UTF8.self)),
          kind: TreeItem.Kind(gitMode: entry.mode), oid: entry.id, mode: entry.mode))
    }
    return items
  }
}
