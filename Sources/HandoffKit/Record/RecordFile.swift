/// The files an account folder may hold, each with its published schema.
public enum RecordFile: String, Sendable, CaseIterable {
  case account, goals, stakeholders, commitments, risks, threads

  /// The file name, as a literal so that listings do not allocate one per file.
  public var fileName: String {
    switch self {
    case .account: "account.yaml"
    case .goals: "goals.yaml"
    case .stakeholders: "stakeholders.yaml"
    case .commitments: "commitments.yaml"
    case .risks: "risks.yaml"
    case .threads: "threads.yaml"
    }
  }

  /// `name` itself, or the shared literal when it is a record file's name.
  static func canonicalName(_ name: String) -> String {
    RecordFile(fileName: name)?.fileName ?? name
  }

  /// The free-text file that is never validated.
  public static let notesFileName = "notes.md"

  public init?(fileName: String) {
    switch fileName {
    case "account.yaml": self = .account
    case "goals.yaml": self = .goals
    case "stakeholders.yaml": self = .stakeholders
    case "commitments.yaml": self = .commitments
    case "risks.yaml": self = .risks
    case "threads.yaml": self = .threads
    default: return nil
    }
  }

  /// The schema this file must satisfy.
  public var schema: JSONSchema { SchemaLibrary.shared.schema(for: self) }

  /// The file a `code` stands for.
  init?(code: UInt8) {
    guard let file = Self.allCases.first(where: { $0.code == code }) else { return nil }
    self = file
  }

  /// A small number for cache keys; stable across versions.
  var code: UInt8 {
    switch self {
    case .account: 1
    case .goals: 2
    case .stakeholders: 3
    case .commitments: 4
    case .risks: 5
    case .threads: 6
    }
  }
}

/// Account ids are slugs: they name folders, URLs and branches.
public enum AccountID {
  public static func isValid(_ id: String) -> Bool {
    let bytes = Array(id.utf8)
    guard (1...63).contains(bytes.count) else { return false }
    func allowed(_ byte: UInt8, first: Bool) -> Bool {
      (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57) || (!first && byte == 45)
    }
    return bytes.enumerated().allSatisfy { allowed($0.element, first: $0.offset == 0) }
  }
}
