import Foundation

/// A Git repository made for one test in a temporary folder, built with the git CLI (tests may
/// use it; the product never does) with a fixed author and dates so histories are repeatable.
public final class TestRepository {
  public let root: URL
  private var clock = 1_767_225_600  // 2026-01-01T00:00:00Z

  /// A new empty repository on branch `main`.
  public init(bare: Bool = false) throws {
    root = FileManager.default.temporaryDirectory
      .appendingPathComponent("handoff-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    try git(["init", "-q", "-b", "main"] + (bare ? ["--bare"] : []))
    try git(["config", "user.name", "Test Author"])
    try git(["config", "user.email", "test@example.com"])
    try git(["config", "commit.gpgsign", "false"])
  }

  /// A repository made elsewhere (by the generator), taken over: commits made here come after
  /// its last, and the folder is removed with this object.
  public init(existing folder: URL) {
    root = folder
    clock = Int(Date().timeIntervalSince1970) + 86_400
    _ = try? git(["config", "user.name", "Test Author"])
    _ = try? git(["config", "user.email", "test@example.com"])
  }

  deinit {
    try? FileManager.default.removeItem(at: root)
  }

  public var path: String { root.path }

  /// Writes a file (creating folders) in the work tree.
  @discardableResult
  public func write(_ relativePath: String, _ text: String) throws -> TestRepository {
    try write(relativePath, bytes: Array(text.utf8))
  }

  @discardableResult
  public func write(_ relativePath: String, bytes: [UInt8]) throws -> TestRepository {
    let url = root.appendingPathComponent(relativePath)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: url)
    return self
  }

  public func remove(_ relativePath: String) throws {
    try FileManager.default.removeItem(at: root.appendingPathComponent(relativePath))
  }

  /// Stages everything (or the given paths).
  public func add(_ paths: [String] = ["-A"]) throws {
    try git(["add"] + paths)
  }

  /// Stages everything and commits it `seconds` after the previous commit (a day by default);
  /// returns the new commit id.
  @discardableResult
  public func commit(_ message: String, stageAll: Bool = true, after seconds: Int = 86_400) throws
    -> String
  {
    if stageAll { try add() }
    clock += seconds
    let date = "\(clock) +0000"
    try git(
      ["commit", "-q", "--allow-empty", "-m", message],
      environment: ["GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date])
    return try git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Runs git in the repository and returns its standard output.
  @discardableResult
  public func git(_ arguments: [String], environment: [String: String] = [:]) throws -> String {
    try Shell.run("/usr/bin/env", ["git", "-C", root.path] + arguments, environment: environment)
      .checked()
  }
}

/// Runs programs for tests and captures what they print.
public enum Shell {
  public struct Result {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    public func checked() throws -> String {
      guard status == 0 else { throw Failure(message: "exit \(status): \(stderr)") }
      return stdout
    }
  }

  public struct Failure: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
  }

  public static func run(
    _ executable: String, _ arguments: [String], environment: [String: String] = [:],
    directory: String? = nil
  ) throws -> Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    var merged = ProcessInfo.processInfo.environment
    for (key, value) in environment { merged[key] = value }
    process.environment = merged
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    // Output goes to files, so a large output can never block the child on a full pipe.
    let folder = FileManager.default.temporaryDirectory
    let outURL = folder.appendingPathComponent("handoff-out-\(UUID().uuidString)")
    let errURL = folder.appendingPathComponent("handoff-err-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    defer {
      try? FileManager.default.removeItem(at: outURL)
      try? FileManager.default.removeItem(at: errURL)
    }
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try out.close()
    try err.close()
    let outData = (try? Data(contentsOf: outURL)) ?? Data()
    let errData = (try? Data(contentsOf: errURL)) ?? Data()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }
}
