import Foundation
import HandoffTestSupport
import Testing

@testable import HandoffKit

/// Object ids come from the system's SHA-1, not libgit2's: they must be git's ids exactly.
@Suite struct OIDTests {
  @Test func blobAndTreeIdsAreGitsOwnOnRandomContents() throws {
    let repo = try TestRepository()
    var generator = SeededGenerator(state: 0x5A17)
    // Sizes around SHA-1's 64-byte blocks and its 55-byte padding limit, and a large one.
    let sizes = [0, 1, 54, 55, 56, 63, 64, 65, 119, 120, 4_095, 600_001]
    for (index, size) in sizes.enumerated() {
      let bytes = (0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) }
      let path = repo.path + "/blob-\(index)"
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      let expected = try repo.git(["hash-object", path]).trimmingCharacters(
        in: .whitespacesAndNewlines)
      #expect(bytes.withUnsafeBytes { OID.ofBlob($0) }.description == expected, "\(size) bytes")
    }
    for name in ["a", "b"] { try repo.write("folder/\(name).yaml", "name: \(name)\n") }
    try repo.add()
    let tree = try repo.git(["write-tree"]).trimmingCharacters(in: .whitespacesAndNewlines)
    let folder = try repo.git(["rev-parse", "\(tree):folder"]).trimmingCharacters(
      in: .whitespacesAndNewlines)
    // The folder's tree object, built from its entries as git lays them out.
    var body: [UInt8] = []
    for name in ["a", "b"] {
      let blob = try repo.git(["rev-parse", "\(folder):\(name).yaml"]).trimmingCharacters(
        in: .whitespacesAndNewlines)
      body += Array("100644 \(name).yaml".utf8) + [0] + (OID(hex: blob)?.bytes ?? [])
    }
    #expect(body.withUnsafeBytes { OID.ofObject($0, type: .tree) }.description == folder)
  }
}
