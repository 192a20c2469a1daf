import Foundation
import HandoffTestSupport
import Testing

@testable import HandoffKit

/// A team's own pre-commit hook is never lost: installing chains it, removing puts it back.
@Suite struct HookInstallerTests {
  @Test func anEarlierHookIsChainedAndComesBackWhole() throws {
    let repo = try TestRepository()
    let location = try HookInstaller.location(for: repo.path)
    try FileManager.default.createDirectory(
      atPath: location.directory, withIntermediateDirectories: true)
    let theirs = "#!/bin/sh\necho their checks\n"
    try theirs.write(toFile: location.hook, atomically: true, encoding: .utf8)
    #expect(chmod(location.hook, 0o755) == 0)
    #expect(HookInstaller.state(at: location) == .foreign)

    _ = try HookInstaller.install(at: location, binary: "/opt/handoff/bin/handoff")
    #expect(
      HookInstaller.state(at: location)
        == .installed(binary: "/opt/handoff/bin/handoff", chained: true))
    #expect(try String(contentsOfFile: location.chained, encoding: .utf8) == theirs)
    // Installing again changes nothing.
    _ = try HookInstaller.install(at: location, binary: "/opt/handoff/bin/handoff")
    #expect(try String(contentsOfFile: location.chained, encoding: .utf8) == theirs)

    _ = try HookInstaller.uninstall(at: location)
    #expect(try String(contentsOfFile: location.hook, encoding: .utf8) == theirs)
    #expect(!FileManager.default.fileExists(atPath: location.chained))
  }

  @Test func aHookEditedByHandIsNeitherOverwrittenNorRemoved() throws {
    let repo = try TestRepository()
    let location = try HookInstaller.location(for: repo.path)
    _ = try HookInstaller.install(at: location, binary: "/usr/bin/handoff")
    let edited = try String(contentsOfFile: location.hook, encoding: .utf8) + "echo mine\n"
    try edited.write(toFile: location.hook, atomically: true, encoding: .utf8)
    #expect(HookInstaller.state(at: location) == .edited(binary: "/usr/bin/handoff"))
    #expect(throws: HandoffError.self) { try HookInstaller.uninstall(at: location) }
    #expect(try String(contentsOfFile: location.hook, encoding: .utf8) == edited)
  }
}
