import HandoffTestSupport
import Testing

@testable import HandoffKit

/// `doctor` says what is missing and stops saying it once it is set up.
@Suite struct DoctorTests {
  @Test func theHookCheckFollowsWhatIsInstalled() throws {
    let repo = try TestRepository()
    try repo.writeAccount("acme")
    try repo.commit("one")
    func hookStatus() throws -> Doctor.Check.Status? {
      try Doctor.run(in: Workspace.open(at: repo.path)).first { $0.subject == "pre-commit hook" }?
        .status
    }
    #expect(try hookStatus() == .problem)
    _ = try HookInstaller.install(
      at: HookInstaller.location(for: repo.path), binary: HookInstaller.currentBinary())
    #expect(try hookStatus() == .ok)
  }
}
