import Foundation
import HandoffKit
import HandoffTestSupport
import Testing

@Suite struct MergeDriverTests {
  func handoff(_ arguments: [String], in repo: TestRepository) throws -> Shell.Result {
    try Shell.run(ValidateCommandTests.binary, arguments, directory: repo.path)
  }

  static let commitments = """
    # Promises made to Lincoln
    commitments:
      # Asked for in the first call
      - id: clever-sso
        promise: Clever SSO live before the first day of school
        kind: integration
        source: contract
        in_contract: true
        made_by: jane.doe
        owner: success
        due: 2026-09-25   # the district's first day
        status: open
      - id: training
        promise: Two on-site training sessions
        kind: training
        source: order-form
        in_contract: true
        made_by: jane.doe
        owner: implementation
        due: 2026-10-15
        status: open

    """

  /// A repository set up by `handoff init`, with one account on main.
  func repository() throws -> TestRepository {
    let repo = try TestRepository()
    let setUp = try handoff(["init"], in: repo)
    #expect(setUp.status == 0, "\(setUp.stderr)")
    try repo.writeAccount("acme", replacing: ["commitments.yaml": Self.commitments])
    try repo.commit("acme")
    return repo
  }

  /// Edits on two branches, then `git merge`: its exit status and the merged file.
  func merge(_ repo: TestRepository, ours: (String) -> String, theirs: (String) -> String) throws
    -> (status: Int32, text: String)
  {
    let file = repo.path + "/accounts/acme/commitments.yaml"
    try repo.git(["checkout", "-q", "-b", "theirs"])
    try repo.write("accounts/acme/commitments.yaml", theirs(Self.commitments))
    try repo.commit("theirs")
    try repo.git(["checkout", "-q", "main"])
    try repo.write("accounts/acme/commitments.yaml", ours(Self.commitments))
    try repo.commit("ours")
    let run = try Shell.run(
      "/usr/bin/git", ["merge", "-q", "--no-edit", "theirs"], directory: repo.path)
    return (run.status, try String(contentsOfFile: file, encoding: .utf8))
  }

  @Test func initRegistersTheDriverOnce() throws {
    let repo = try repository()
    #expect(try repo.git(["config", "merge.handoff.driver"]).contains("merge-driver %O %A %B %P"))
    #expect(
      try repo.git(["check-attr", "merge", "accounts/acme/commitments.yaml"]).contains(
        "merge: handoff"))
    let attributes = try String(contentsOfFile: repo.path + "/.gitattributes", encoding: .utf8)
    let config = try String(contentsOfFile: repo.path + "/.git/config", encoding: .utf8)
    _ = try handoff(["init"], in: repo)
    #expect(
      try String(contentsOfFile: repo.path + "/.gitattributes", encoding: .utf8) == attributes)
    #expect(try String(contentsOfFile: repo.path + "/.git/config", encoding: .utf8) == config)
  }

  @Test func differentCommitmentsMergeWithTheirComments() throws {
    let repo = try repository()
    let (status, text) = try merge(
      repo,
      ours: {
        $0.replacingOccurrences(
          of: "due: 2026-09-25   # the district's first day",
          with: "due: 2026-09-30   # moved a week")
      },
      theirs: {
        $0.replacingOccurrences(
          of: "Two on-site training sessions", with: "Three on-site training sessions")
          + "  # Added after the kickoff\n  - id: rostering\n    promise: Nightly rostering "
          + "sync\n    kind: integration\n"
          + "    source: email\n    in_contract: false\n    made_by: jane.doe\n    owner: "
          + "success\n    status: open\n"
      })
    #expect(status == 0)
    #expect(text.contains("due: 2026-09-30   # moved a week"))
    #expect(text.contains("Three on-site training sessions"))
    #expect(text.contains("  # Added after the kickoff\n  - id: rostering\n"))
    #expect(
      text.hasPrefix("# Promises made to Lincoln\ncommitments:\n  # Asked for in the first call\n"))
    #expect(try handoff(["validate", "acme"], in: repo).status == 0)
  }

  @Test func differentFieldsOfOneCommitmentMerge() throws {
    let repo = try repository()
    let (status, text) = try merge(
      repo,
      ours: {
        $0.replacingOccurrences(of: "    owner: success\n", with: "    owner: implementation\n")
      },
      theirs: { $0.replacingOccurrences(of: "due: 2026-09-25", with: "due: 2026-10-01") })
    #expect(status == 0)
    #expect(
      text
        == Self.commitments.replacingOccurrences(
          of: "    owner: success\n", with: "    owner: implementation\n"
        )
        .replacingOccurrences(of: "due: 2026-09-25", with: "due: 2026-10-01"))
  }

  @Test func theSameFieldConflictsWithMarkers() throws {
    let repo = try repository()
    let (status, text) = try merge(
      repo,
      ours: {
        $0.replacingOccurrences(
          of: "status: open\n  - id: training", with: "status: at-risk\n  - id: training")
      },
      theirs: {
        $0.replacingOccurrences(
          of: "status: open\n  - id: training", with: "status: delivered\n  - id: training")
      })
    #expect(status == 1)
    #expect(
      text.contains(
        "    due: 2026-09-25   # the district's first day\n<<<<<<< ours\n    status: "
          + "at-risk\n=======\n    status: delivered\n>>>>>>> theirs\n  - id: training\n"
      ))
    let unmerged = try repo.git(["diff", "--name-only", "--diff-filter=U"])
    #expect(unmerged.contains("accounts/acme/commitments.yaml"))
  }

  @Test func theDriverReportsWhatItCannotRead() throws {
    let repo = try TestRepository()
    try repo.write("a.yaml", "x: 1\n")
    let run = try handoff(["merge-driver", "missing.yaml", "a.yaml", "a.yaml", "p"], in: repo)
    #expect(run.status == 2)
    #expect(run.stderr == "error: merge-driver could not read missing.yaml\n")
    #expect(try String(contentsOfFile: repo.path + "/a.yaml", encoding: .utf8) == "x: 1\n")
  }
}
