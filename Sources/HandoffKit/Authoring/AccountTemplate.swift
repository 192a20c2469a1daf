/// The files a new account starts with, from `templates/account/` (embedded in the binary):
/// `account.yaml` always, the rest once the stage requires them. Shared by `new` and `import`.
enum AccountTemplate {
  /// The files of account `id` at `stage` in `folder` (its path in the repository), with the
  /// name, stage and editor schema path filled in.
  static func files(
    id: String, stage: Stage, folder: String, settings: Settings, name: String? = nil
  )
    -> [(RecordFile, String)]
  {
    var files: [RecordFile] = [.account]
    if RuleContext(settings: settings).requirement(from: .closedWon, appliesAt: stage) {
      files += [.goals, .stakeholders, .commitments, .risks, .threads]
    }
    let depth = folder.split(separator: "/").count
    let schema = String(repeating: "../", count: depth) + Authoring.editorSchemaDirectory
    let title =
      name
      ?? id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(
        separator: " ")
    return files.compactMap { file in
      guard
        let template = EmbeddedSchemas.accountTemplates.first(where: { $0.name == file.fileName })?
          .text
      else {
        return nil
      }
      let text = substitute(
        template,
        ["@SCHEMA@": schema, "@NAME@": YAMLEditor.scalar(title), "@STAGE@": stage.rawValue])
      return (file, text)
    }
  }

  /// Each `@WORD@` placeholder of `text` replaced by its value, in one pass over the bytes (an
  /// import fills thousands of templates).
  static func substitute(_ text: String, _ values: [String: String]) -> String {
    let bytes = Array(text.utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + 64)
    var index = 0
    while index < bytes.count {
      if bytes[index] == UInt8(ascii: "@"),
        let end = bytes[(index + 1)...].prefix(16).firstIndex(of: UInt8(ascii: "@")),
        let value = values[String(decoding: bytes[index...end], as: UTF8.self)]
      {
        out += value.utf8
        index = end + 1
      } else {
        out.append(bytes[index])
        index += 1
      }
    }
    return String(decoding: out, as: UTF8.self)
  }
}
