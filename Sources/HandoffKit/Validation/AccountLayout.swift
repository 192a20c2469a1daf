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
    var folders: [String: AccountFolder] = [:]
    var order: [String] = []
    var findings: [Diagnostic] = []
    let expected = RecordFile.allCases.map(\.fileName) + [RecordFile.notesFileName]

    func folder(_ name: String) {
      guard folders[name] == nil else { return }
      folders[name] = AccountFolder(id: name, path: accountsDirectory + "/" + name, files: [])
      order.append(name)
      if !AccountID.isValid(name) {
        findings.append(
          Diagnostic(
            ruleID: .badAccountID, message: LayoutMessage.badAccountID(name),
            path: accountsDirectory + "/" + name, account: name))
      }
    }

    for item in items {
      guard let account = item.account else {
        if item.name.hasPrefix(".") { continue }
        if item.kind == .directory {
          folder(item.name)
        } else {
          findings.append(
            Diagnostic(
              ruleID: .strayFile, message: LayoutMessage.outsideAccount(item.name, in: accountsDirectory),
              path: item.path))
        }
        continue
      }
      if account.hasPrefix(".") || item.name.hasPrefix(".") { continue }
      folder(account)
      if item.kind == .file {
        if let kind = RecordFile(fileName: item.name) {
          folders[account]!.files.append((kind, item))
          continue
        }
        if item.name == RecordFile.notesFileName { continue }
      }
      let suggestion = item.kind == .file ? Suggestion.closest(to: item.name, among: expected) : nil
      findings.append(
        Diagnostic(
          ruleID: .strayFile,
          message: LayoutMessage.unexpected(item.name, folder: item.kind == .directory, suggestion: suggestion),
          path: item.path, account: account))
    }
    let accounts = order.sorted().map { name in
      var folder = folders[name]!
      folder.files.sort { $0.kind.code < $1.kind.code }
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
