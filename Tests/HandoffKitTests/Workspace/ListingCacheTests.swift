import Foundation
import HandoffTestSupport
import Testing

@testable import HandoffKit

@Suite struct ListingCacheTests {
  /// Forty accounts (a nested folder, an executable and a link among their files), packed.
  func portfolio() throws -> TestRepository {
    let repo = try TestRepository()
    try SnapshotTests.writeFortyAccounts(in: repo)
    try repo.commit("forty accounts")
    try repo.git(["gc", "-q"])
    return repo
  }

  func listed(_ repo: TestRepository, useCache: Bool) throws -> [String] {
    let repository = try Repository.discover(from: repo.path)
    return try Snapshot(repository: repository, source: .revision("HEAD"))
      .accountItems(under: "accounts", useCache: useCache)
      .map { "\(String($0.mode ?? 0, radix: 8)) \($0.oid?.description ?? "-") \($0.path)" }
  }

  var cacheFile: String { "handoff/listings-v1.bin" }

  @Test func listingsFromTheCacheEqualThoseReadFromGit() throws {
    let repo = try portfolio()
    let reference = try listed(repo, useCache: false)
    #expect(!FileManager.default.fileExists(atPath: repo.path + "/.git/" + cacheFile))
    #expect(try listed(repo, useCache: true) == reference)
    let file = repo.path + "/.git/" + cacheFile
    let written = try #require(FileManager.default.contents(atPath: file))
    #expect(try listed(repo, useCache: true) == reference)
    // A warm run that read everything from the file has nothing to write.
    #expect(FileManager.default.contents(atPath: file) == written)

    try repo.write("accounts/a2/account.yaml", "n: changed\n")
    try repo.write("accounts/a40/account.yaml", "n: new\n")
    try repo.remove("accounts/a9/account.yaml")
    try repo.commit("three accounts changed")
    let changed = try listed(repo, useCache: false)
    #expect(changed != reference)
    #expect(try listed(repo, useCache: true) == changed)
  }

  @Test func aListingIsBelievedOnlyWhenItsBytesHashToTheTree() throws {
    let repo = try portfolio()
    let repository = try Repository.discover(from: repo.path)
    let folder = try #require(
      try Snapshot(repository: repository, source: .revision("HEAD")).items(under: "accounts")
        .first { $0.path == "accounts/a5" }?.oid)
    let listing = try ObjectReader(repository: repository).treeEntries(folder)

    let cache = ListingCache.open(repository: repository)
    var wrong = listing
    wrong[0].name = "other.yaml"
    cache.remember(wrong, of: folder)
    #expect(cache.listing(of: folder) == nil)
    cache.remember(listing, of: folder)
    let kept = try #require(cache.listing(of: folder))
    #expect(kept.map(\.name) == listing.map(\.name))
    #expect(kept.map(\.mode) == listing.map(\.mode))
    #expect(kept.map(\.id) == listing.map(\.id))
    cache.save()

    // A name changed inside the file still decodes, but no longer hashes to its tree.
    let file = repo.path + "/.git/" + cacheFile
    var bytes = try #require(FileManager.default.contents(atPath: file))
    let name = try #require(bytes.firstRange(of: Data("run.sh".utf8)))
    bytes[name.lowerBound] = UInt8(ascii: "R")
    try bytes.write(to: URL(fileURLWithPath: file))
    #expect(ListingCache.open(repository: repository).listing(of: folder) == nil)
    #expect(try listed(repo, useCache: true) == listed(repo, useCache: false))

    // Bytes that are no cache at all are an empty one.
    try Data("not a cache".utf8).write(to: URL(fileURLWithPath: file))
    #expect(try listed(repo, useCache: true) == listed(repo, useCache: false))
  }

  /// What a memory holds is what the snapshot lists: it is consulted before Git, for the
  /// accounts folder and for each account folder.
  @Test func aSnapshotListsWhatTheMemoryHolds() throws {
    let repo = try portfolio()
    let repository = try Repository.discover(from: repo.path)
    let snapshot = try Snapshot(repository: repository, source: .revision("HEAD"))
    let folder = try #require(
      try snapshot.items(under: "accounts").first { $0.path == "accounts/a1" }?.oid)
    let memory = FixedMemory()
    let made = try #require(OID(hex: "0123456789abcdef0123456789abcdef01234567"))
    memory.listings[folder] = [(name: "made-up.yaml", id: made, kind: .file, mode: 0o100644)]
    let items = try snapshot.items(under: "accounts", memory: memory)
    #expect(items.filter { $0.parent == "a1" }.map(\.name) == ["made-up.yaml"])
    // Every other folder was read from Git and given to the memory.
    #expect(memory.remembered.count == 40)
    #expect(!memory.remembered.contains(folder))
  }
}

private final class FixedMemory: TreeListingMemory, @unchecked Sendable {
  var listings: [OID: TreeListing] = [:]
  var remembered: Set<OID> = []
  private let lock = NSLock()

  func listing(of tree: OID) -> TreeListing? {
    lock.withLock { listings[tree] }
  }

  func remember(_ listing: TreeListing, of tree: OID) {
    lock.withLock {
      remembered.insert(tree)
      listings[tree] = listing
    }
  }
}
