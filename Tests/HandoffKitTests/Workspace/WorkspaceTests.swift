import Foundation
import HandoffTestSupport
import Testing

@testable import HandoffKit

/// A workspace answers for the repository as it found it, and works each thing out once.
@Suite struct WorkspaceTests {
  @Test func theClosesAreWalkedOnceAndBelongToTheHeadItOpenedAt() throws {
    let repo = try TestRepository()
    try repo.writeAccount("acme")
    try repo.commit("acme closed")
    let workspace = try Workspace.open(at: repo.path)
    #expect(try CloseFinder.find(in: workspace).map(\.account) == ["acme"])
    try repo.writeAccount("beta")
    try repo.commit("beta closed")
    // The same workspace: the same answer, from the walk it already made.
    #expect(try CloseFinder.find(in: workspace).map(\.account) == ["acme"])
    #expect(
      try CloseFinder.find(in: Workspace.open(at: repo.path)).map(\.account) == ["acme", "beta"])
  }

  @Test func somewhereThatIsNoRepositoryCannotRun() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "no-repository-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(throws: HandoffError.self) { try Workspace.open(at: folder.path) }
  }

  @Test func aBranchWithoutCommitsHasNoHistoryToRead() throws {
    let repo = try TestRepository()
    let workspace = try Workspace.open(at: repo.path)
    #expect(throws: HandoffError.self) { try workspace.headCommit() }
  }
}
