/// One account folder and the record files found in it.
public struct AccountFolder: Sendable {
  public var id: String
  /// Repository-relative folder path.
  public var path: String
  public var files: [(kind: RecordFile, item: TreeItem)]
}

/// Sorts a snapshot's listing into account folders, and reports what does not belong.
public struct AccountLayout: Sendable {
  public var accounts: [AccountFolder]
  /// `stray-file` and `bad-account-id` findings.
  public var findings: [Diagnostic]

  public static func scan(_ items: [TreeItem], accountsDirectory: String) -> AccountLayout {
    let prefix = accountsDirectory + "/"
    var folders: [String: AccountFolder] = [:]
    var findings: [Diagnostic] = []
    let expected = RecordFile.allCases.map(\.fileName) + [RecordFile.notesFileName]

    for item in items where item.path.hasPrefix(prefix) {
      let parts = item.path.dropFirst(prefix.count).split(separator: "/").map(String.init)
      guard let first = parts.first, !first.hasPrefix(".") else { continue }
      if parts.count == 1 {
        if item.kind == .file {
          findings.append(
            Diagnostic(
              ruleID: .strayFile, message: LayoutMessage.outsideAccount(first, in: accountsDirectory),
              path: item.path))
        } else if folders[first] == nil {
          folders[first] = AccountFolder(id: first, path: item.path, files: [])
          if !AccountID.isValid(first) {
            findings.append(
              Diagnostic(
                ruleID: .badAccountID, message: LayoutMessage.badAccountID(first), path: item.path,
                account: first))
          }
        }
        continue
      }
      let name = parts[1]
      if name.hasPrefix(".") || name == RecordFile.notesFileName && item.kind == .file { continue }
      if item.kind == .file, let kind = RecordFile(fileName: name) {
        folders[first, default: AccountFolder(id: first, path: prefix + first, files: [])]
          .files.append((kind, item))
        continue
      }
      if parts.count > 2 { continue }  // inside a nested folder, which is reported itself
      let suggestion =
        item.kind == .file ? Suggestion.closest(to: name, among: expected) : nil
      findings.append(
        Diagnostic(
          ruleID: .strayFile,
          message: LayoutMessage.unexpected(name, folder: item.kind == .directory, suggestion: suggestion),
          path: item.path, account: first))
    }
    let accounts = folders.values.sorted { $0.id < $1.id }.map { folder in
      var folder = folder
      folder.files.sort { $0.item.path < $1.item.path }
      return folder
    }
    return AccountLayout(accounts: accounts, findings: findings)
  }
}

/// The words of layout findings.
enum LayoutMessage {
  static func outsideAccount(_ name: String, in directory: String) -> String {
    "`\(name)` is not inside an account folder; records live in \(directory)/<account-id>/"
  }

  static func badAccountID(_ id: String) -> String {
    "`\(id)` is not a valid account id; use lower-case letters, digits and dashes (at most 63, no leading dash)"
  }

  static func unexpected(_ name: String, folder: Bool, suggestion: String?) -> String {
    let hint = suggestion.map { " (did you mean `\($0)`?)" } ?? ""
    return folder
      ? "unexpected folder `\(name)` in an account folder; keep drafts in notes.md"
      : "unexpected file `\(name)`\(hint); an account folder holds account.yaml, goals.yaml, "
        + "stakeholders.yaml, commitments.yaml, risks.yaml, threads.yaml and notes.md"
  }
}
