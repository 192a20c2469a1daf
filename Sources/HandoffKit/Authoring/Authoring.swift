import Foundation

/// `handoff init` and `handoff new`: set a repository up, and start an account from the
/// templates. Nothing a user wrote is overwritten: existing settings are kept, and a file that
/// must change is backed up first.
public enum Authoring {
  /// Where `init` writes the draft-07 editor editions of the schemas.
  public static let editorSchemaDirectory = ".handoff/schema"

  /// Sets up the repository containing `path`; returns one line per thing done.
  public static func initialize(at path: String) throws(HandoffError) -> [String] {
    let root = try workTree(path)
    var done: [String] = []
    let settingsPath = root + Settings.fileName
    let (settings, existing) = try workTreeSettings(path, requireAccountsFolder: false)
    if existing {
      done.append("kept the existing \(Settings.fileName)")
    } else {
      try write(defaultSettings, to: settingsPath)
      done.append("wrote \(Settings.fileName)")
    }
    let accounts = root + settings.accountsDirectory
    if !FileManager.default.fileExists(atPath: accounts) {
      try write("", to: accounts + "/.gitkeep")
      done.append("created \(settings.accountsDirectory)/")
    }
    for file in Draft7Edition.allFiles() {
      try write(file.text, to: root + editorSchemaDirectory + "/" + file.name)
    }
    done.append(
      "wrote the editor schemas to \(editorSchemaDirectory)/ (draft-07, for the VS Code YAML "
        + "extension)"
    )
    done.append(try associateSchemas(root: root, accountsDirectory: settings.accountsDirectory))
    done.append(
      try setUpGit(root: root, accountsDirectory: settings.accountsDirectory, repositoryPath: path))
    return done
  }

  /// `git diff` shows records normalised and `git merge` merges them by key: the `diff=handoff`
  /// and `merge=handoff` attributes, the textconv command and the merge driver. Running it again
  /// changes nothing.
  private static func setUpGit(root: String, accountsDirectory: String, repositoryPath: String)
    throws(HandoffError) -> String
  {
    let pattern = "\(accountsDirectory)/**/*.yaml"
    let path = root + ".gitattributes"
    var text =
      FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
    let lines = text.split(separator: "\n").map {
      $0.split(whereSeparator: \.isWhitespace).map(String.init)
    }
    var added = false
    for attribute in ["diff=handoff", "merge=handoff"]
    where !lines.contains(where: { $0.first == pattern && $0.dropFirst().contains(attribute) }) {
      if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
      text += "\(pattern) \(attribute)\n"
      added = true
    }
    if added { try write(text, to: path) }
    let binary = "'\(HookInstaller.currentBinary())'"
    do {
      let repository = try Repository.discover(from: repositoryPath)
      try repository.setLocalConfig("diff.handoff.textconv", to: "\(binary) textconv")
      try repository.setLocalConfig("merge.handoff.name", to: "handoff records, merged by key")
      try repository.setLocalConfig(
        "merge.handoff.driver", to: "\(binary) merge-driver %O %A %B %P --marker-size %L")
    } catch {
      throw HandoffError.notDone(
        "could not set the diff and merge drivers in the repository's config: \(error)")
    }
    return "set up `git diff` to compare records by meaning and `git merge` to merge them by key "
      + "(.gitattributes, diff.handoff.textconv, merge.handoff.driver)"
  }

  /// Writes a new account folder from the templates; refuses when it exists.
  public static func newAccount(_ id: String, stage: Stage, at path: String) throws(HandoffError)
    -> [String]
  {
    guard AccountID.isValid(id) else {
      throw HandoffError.notDone(
        "`\(id)` is not a valid account id; use lower-case letters, digits and dashes")
    }
    let root = try workTree(path)
    let settings = try workTreeSettings(path, requireAccountsFolder: false).settings
    let folder = "\(settings.accountsDirectory)/\(id)"
    guard !FileManager.default.fileExists(atPath: root + folder) else {
      throw HandoffError.notDone("\(folder) already exists; edit its files instead")
    }
    var done: [String] = []
    for (file, text) in AccountTemplate.files(
      id: id, stage: stage, folder: folder, settings: settings)
    {
      try write(text, to: root + folder + "/" + file.fileName)
      done.append("wrote \(folder)/\(file.fileName)")
    }
    done.append("fill in the empty values, then run `handoff validate \(id)`")
    return done
  }

  static let defaultSettings = """
    # Repository settings for handoff; every key is optional.
    accounts_dir: accounts               # one folder per account inside it
    red_flag_threshold: 3                # more red flags than this need a mitigation_plan
    require_complete_from: closed-won    # the stage from which an incomplete handoff is an error
    rules: {}                            # per rule id: error | warning | off

    """

  /// Merges `yaml.schemas` into `.vscode/settings.json`, keeping every other key.
  private static func associateSchemas(root: String, accountsDirectory: String) throws(HandoffError)
    -> String
  {
    let path = root + ".vscode/settings.json"
    var members: [(String, JSONValue)] = []
    if let bytes = FileManager.default.contents(atPath: path) {
      guard let parsed = try? JSONReader.parse(Array(bytes)),
        case .object(let existing) = JSONValue(parsed)
      else {
        return "left .vscode/settings.json alone (it is not plain JSON); add \"yaml.schemas\" for "
          + "\(editorSchemaDirectory)/*.schema.json by hand"
      }
      members = existing
    }
    var schemas: [(String, JSONValue)] = []
    if let index = members.firstIndex(where: { $0.0 == "yaml.schemas" }),
      case .object(let current) = members[index].1
    {
      schemas = current
    }
    for file in RecordFile.allCases {
      let key = "\(editorSchemaDirectory)/\(file.rawValue).schema.json"
      let value = JSONValue.string("\(accountsDirectory)/*/\(file.fileName)")
      if let index = schemas.firstIndex(where: { $0.0 == key }) {
        schemas[index].1 = value
      } else {
        schemas.append((key, value))
      }
    }
    let settingsKey = "\(editorSchemaDirectory)/handoff-config.schema.json"
    if !schemas.contains(where: { $0.0 == settingsKey }) {
      schemas.append((settingsKey, .string(Settings.fileName)))
    }
    if let index = members.firstIndex(where: { $0.0 == "yaml.schemas" }) {
      members[index].1 = .object(schemas)
    } else {
      members.append(("yaml.schemas", .object(schemas)))
    }
    try write(JSONValue.object(members).serialized(indent: 2) + "\n", to: path)
    return "associated the schemas in .vscode/settings.json (yaml.schemas)"
  }

  private static func workTree(_ path: String) throws(HandoffError) -> String {
    let repository = try Repository.open(forCommandAt: path)
    guard let root = repository.workingDirectory else {
      throw HandoffError.notDone("this repository is bare and has no work tree")
    }
    return root
  }

  /// The work tree's settings, read as `validate` reads them, and whether the file exists.
  private static func workTreeSettings(_ path: String, requireAccountsFolder: Bool)
    throws(HandoffError)
    -> (settings: Settings, existing: Bool)
  {
    do {
      let repository = try Repository.open(forCommandAt: path)
      let loaded = try Snapshot(repository: repository, source: .worktree)
        .loadSettings(requireAccountsFolder: requireAccountsFolder)
      return (loaded.settings, loaded.bytes != nil)
    } catch {
      throw HandoffError(error, during: "settings")
    }
  }

  private static func write(_ text: String, to path: String) throws(HandoffError) {
    do { try SafeFile.write(text, to: path) } catch {
      throw HandoffError.couldNotWrite(path: error.path, reason: error.reason)
    }
  }
}
