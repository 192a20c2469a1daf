/// The files a new account starts with, from `templates/account/` (embedded in the binary):
/// `account.yaml` always, the rest once the stage requires them. Shared by `new` and `import`.
enum AccountTemplate {
  /// The files of account `id` at `stage` in `folder` (its path in the repository), with the
  /// name, stage and editor schema path filled in.
  static func files(id: String, stage: Stage, folder: String, settings: Settings, name: String? = nil)
    -> [(RecordFile, String)]
  {
    var files: [RecordFile] = [.account]
    if RuleContext(settings: settings).requirement(from: .closedWon, appliesAt: stage) {
      files += [.goals, .stakeholders, .commitments, .risks, .threads]
    }
    let depth = folder.split(separator: "/").count
    let schema = String(repeating: "../", count: depth) + Authoring.editorSchemaDirectory
    let title = name ?? id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    return files.compactMap { file in
      guard let template = EmbeddedSchemas.accountTemplates.first(where: { $0.name == file.fileName })?.text else {
        return nil
      }
      let text = template.replacingOccurrences(of: "@SCHEMA@", with: schema)
        .replacingOccurrences(of: "@NAME@", with: YAMLEditor.scalar(title))
        .replacingOccurrences(of: "@STAGE@", with: stage.rawValue)
      return (file, text)
    }
  }
}
