/// One account folder and the record files found in it.
public struct AccountFolder: Sendable {
  public var id: String
  /// Repository-relative folder path.
  public var path: String
  public var files: [(kind: RecordFile, item: TreeItem)]
  /// Record files that are there but are not regular files (links, FIFOs): present, never read.
  public var unreadable: [RecordFile] = []

  /// Every record file that is there, read or not: what the stage rules see as present.
  public var presentKinds: Set<RecordFile> { Set(files.map(\.kind) + unreadable) }
}

/// Sorts a snapshot's listing into account folders, and reports what does not belong.
public struct AccountLayout: Sendable {
  public var accounts: [AccountFolder]
  /// `stray-file` and `bad-account-id` findings.
  public var findings: [Diagnostic]

  public static func scan(_ items: [TreeItem], accountsDirectory: String) -> AccountLayout {
    var folders: [AccountFolder] = []
    var position: [String: Int] = [:]
    var current: Int?
    var findings: [Diagnostic] = []
    let expected = RecordFile.allCases.map(\.fileName) + [RecordFile.notesFileName]

    /// The index of the account's folder. Listings keep an account's items together, so the
    /// dictionary is consulted only when the account changes.
    func folder(_ name: String) -> Int {
      if let current, folders[current].id == name { return current }
      if let known = position[name] {
        current = known
        return known
      }
      folders.append(AccountFolder(id: name, path: accountsDirectory + "/" + name, files: []))
      position[name] = folders.count - 1
      current = folders.count - 1
      if !AccountID.isValid(name) {
        findings.append(
          Diagnostic(
            ruleID: .badAccountID, message: LayoutMessage.badAccountID(name),
            path: accountsDirectory + "/" + name, account: name))
      }
      return folders.count - 1
    }

    for item in items {
      guard let account = item.account else {
        if item.name.hasPrefix(".") { continue }
        switch item.kind {
        case .directory:
          _ = folder(item.name)
        case .symlink, .special:
          findings.append(
            Diagnostic(
              ruleID: .notARegularFile,
              message: LayoutMessage.notARegularFile(item, in: accountsDirectory),
              path: item.path))
        case .submodule:
          findings.append(
            Diagnostic(
              ruleID: .strayFile, message: LayoutMessage.submodule(item.name), path: item.path))
        case .file:
          findings.append(
            Diagnostic(
              ruleID: .strayFile,
              message: LayoutMessage.outsideAccount(item.name, in: accountsDirectory),
              path: item.path))
        }
        continue
      }
      if account.hasPrefix(".") || item.name.hasPrefix(".") { continue }
      let index = folder(account)
      switch item.kind {
      case .file:
        if let kind = RecordFile(fileName: item.name) {
          folders[index].files.append((kind, item))
          continue
        }
        if item.name == RecordFile.notesFileName { continue }
      case .symlink, .special:
        if let kind = RecordFile(fileName: item.name) { folders[index].unreadable.append(kind) }
        findings.append(
          Diagnostic(
            ruleID: .notARegularFile,
            message: LayoutMessage.notARegularFile(item, in: accountsDirectory),
            path: item.path, account: account))
        continue
      case .submodule:
        findings.append(
          Diagnostic(
            ruleID: .strayFile, message: LayoutMessage.submodule(item.name), path: item.path,
            account: account))
        continue
      case .directory:
        break
      }
      let suggestion = item.kind == .file ? Suggestion.closest(to: item.name, among: expected) : nil
      findings.append(
        Diagnostic(
          ruleID: .strayFile,
          message: LayoutMessage.unexpected(
            item.name, folder: item.kind == .directory, suggestion: suggestion),
          path: item.path, account: account))
    }
    folders.sort { $0.id < $1.id }
    let accounts = folders.map { folder in
      var folder = folder
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

  static func notARegularFile(_ item: TreeItem, in directory: String) -> String {
    item.kind == .symlink
      ? "`\(item.name)` is a symbolic link; handoff never follows links in \(directory)/: "
        + "commit the file itself"
      : "`\(item.name)` is \(item.kind.article), not a regular file; handoff does not open it"
  }

  static func submodule(_ name: String) -> String {
    "`\(name)` is a submodule; records are plain files in account folders, so it is skipped"
  }

  static func badAccountID(_ id: String) -> String {
    "`\(id)` is not a valid account id; use lower-case letters, digits and dashes (at most 63, "
      + "no leading dash)"
  }

  static func unexpected(_ name: String, folder: Bool, suggestion: String?) -> String {
    let hint = suggestion.map { " (did you mean `\($0)`?)" } ?? ""
    return folder
      ? "unexpected folder `\(name)` in an account folder; keep drafts in notes.md"
      : "unexpected file `\(name)`\(hint); an account folder holds account.yaml, goals.yaml, "
        + "stakeholders.yaml, commitments.yaml, risks.yaml, threads.yaml and notes.md"
  }
}

extension TreeItem {
  /// The account folder the item is inside, or nil for an item directly in the accounts folder:
  /// a listing's first level is the accounts.
  public var account: String? { parent }
}
