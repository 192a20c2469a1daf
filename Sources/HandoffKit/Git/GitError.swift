internal import CLibGit2

/// A failed libgit2 call: which function, libgit2's code and class, and its message.
public struct GitError: Error, Sendable, Equatable, CustomStringConvertible {
  /// libgit2's error codes that callers tell apart.
  public struct Code: RawRepresentable, Hashable, Sendable {
    public var rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// A generic failure. The corresponding C error is `GIT_ERROR`.
    public static let generic = Code(rawValue: -1)
    /// The object or reference does not exist. The corresponding C error is `GIT_ENOTFOUND`.
    public static let notFound = Code(rawValue: -3)
    /// The object already exists. The corresponding C error is `GIT_EEXISTS`.
    public static let exists = Code(rawValue: -4)
    /// A short id matches more than one object. The corresponding C error is `GIT_EAMBIGUOUS`.
    public static let ambiguous = Code(rawValue: -5)
    /// The buffer was too short. The corresponding C error is `GIT_EBUFS`.
    public static let bufferTooShort = Code(rawValue: -6)
    /// The operation needs a work tree. The corresponding C error is `GIT_EBAREREPO`.
    public static let bareRepository = Code(rawValue: -8)
    /// HEAD points at a branch with no commits. The corresponding C error is `GIT_EUNBORNBRANCH`.
    public static let unbornBranch = Code(rawValue: -9)
    /// The revision syntax is invalid. The corresponding C error is `GIT_EINVALIDSPEC`.
    public static let invalidSpec = Code(rawValue: -12)
    /// The repository is owned by another user and not listed in `safe.directory`. The
    /// corresponding C error is `GIT_EOWNER`.
    public static let owner = Code(rawValue: -36)
    /// A path names a symbolic link, submodule or special file where a regular file was
    /// expected; ours, not libgit2's.
    public static let notAFile = Code(rawValue: -1001)
  }

  public var code: Code
  /// libgit2's error class (`git_error_t`), 0 when libgit2 set none.
  public var errorClass: Int32
  public var message: String
  /// The libgit2 function that failed.
  public var function: String

  public init(code: Code, errorClass: Int32 = 0, message: String, function: String) {
    self.code = code
    self.errorClass = errorClass
    self.message = message
    self.function = function
  }

  /// A worker's own repository handle did not open (`reopen` failed), during `function`.
  static func unopened(during function: String) -> GitError {
    GitError(code: .generic, message: "could not open the repository", function: function)
  }

  public var description: String { "\(function): \(message)" }

  /// Reads and clears libgit2's thread-local last error right after `function` returned `result`.
  static func last(_ function: String, _ result: Int32) -> GitError {
    defer { git_error_clear() }
    guard let last = git_error_last() else {
      return GitError(
        code: Code(rawValue: result), message: "unknown libgit2 error", function: function)
    }
    // `String(cString:)` repairs invalid UTF-8, so a message is always decodable.
    let message = last.pointee.message.map { String(cString: $0) } ?? "unknown libgit2 error"
    return GitError(
      code: Code(rawValue: result), errorClass: last.pointee.klass, message: message,
      function: function)
  }
}

/// The one checker every libgit2 call goes through: a negative result becomes a `GitError`.
@discardableResult
func check(_ function: String, _ result: Int32) throws(GitError) -> Int32 {
  if result < 0 { throw GitError.last(function, result) }
  return result
}
