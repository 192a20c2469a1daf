/// A team's mapping file (`--mapping FILE`): which header holds a field, and how the CRM's
/// stages, roles, segments and owners read in the records. Each key replaces the preset's.
extension CRMPreset {
  static let mappingKeys = ["columns", "stages", "roles", "segments", "owners"]

  /// The preset with the mapping file's overrides; a mistake in the file stops the import.
  func overridden(by bytes: [UInt8], path: String) throws(ImportProblem) -> CRMPreset {
    let document = YAMLLoader.load(bytes)
    func problem(_ message: String, _ location: SourceLocation?) -> ImportProblem {
      ImportProblem(path: path, line: location?.line ?? 1, message)
    }
    if let first = document.problems.first { throw problem(first.message, first.location) }
    guard let root = document.root else { return self }
    guard let entries = root.entries else {
      throw problem("the mapping file must be a mapping", root.location)
    }
    var preset = self
    for entry in entries where !entry.key.hasPrefix("x-") {
      guard Self.mappingKeys.contains(entry.key) else {
        let hint =
          Suggestion.closest(to: entry.key, among: Self.mappingKeys).map {
            " (did you mean `\($0)`?)"
          } ?? ""
        throw problem("unknown key `\(entry.key)`\(hint)", entry.keyLocation)
      }
      guard let pairs = entry.value.entries else {
        throw problem("`\(entry.key)` must be a mapping of names to names", entry.value.location)
      }
      for pair in pairs {
        guard let value = pair.value.string, !value.isEmpty else {
          throw problem(
            "`\(entry.key).\(pair.key)` must be a name", pair.value.location ?? pair.keyLocation)
        }
        switch entry.key {
        case "columns":
          guard preset.columns[pair.key] != nil || Self.extraFields.contains(pair.key) else {
            let known = (Array(preset.columns.keys) + Self.extraFields).sorted()
            let hint =
              Suggestion.closest(to: pair.key, among: known).map { " (did you mean `\($0)`?)" }
              ?? ""
            throw problem("unknown field `\(pair.key)`\(hint)", pair.keyLocation)
          }
          preset.columns[pair.key] = [value]
          preset.mapped.insert(pair.key)
        case "stages":
          guard let stage = Stage(rawValue: value) else {
            throw problem(
              "`\(value)` is not a stage; use one of "
                + "\(Stage.allCases.map(\.rawValue).joined(separator: ", "))",
              pair.value.location)
          }
          preset.stages[pair.key.lowercased()] = stage
        case "roles":
          guard Self.recordRoles.contains(value) else {
            throw problem(
              "`\(value)` is not a role; use one of \(Self.recordRoles.joined(separator: ", "))",
              pair.value.location)
          }
          preset.roles[pair.key.lowercased()] = value
        case "segments":
          guard OutcomeFigures.segments.contains(value) else {
            throw problem(
              "`\(value)` is not a segment; use smb, mid-market or enterprise", pair.value.location)
          }
          preset.segments[pair.key.lowercased()] = value
        default:
          preset.owners[pair.key] = value
        }
      }
    }
    return preset
  }

  /// Fields a mapping may name although the preset leaves them out.
  static let extraFields = [
    "deals.region", "deals.segment", "deals.products", "deals.contacts", "accounts.region",
    "accounts.segment",
    "contacts.deal", "contacts.role",
  ]
}
