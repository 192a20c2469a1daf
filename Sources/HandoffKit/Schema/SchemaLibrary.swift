/// The compiled published schemas, built once from the embedded copies of `schema/`.
public final class SchemaLibrary: Sendable {
  public static let shared = SchemaLibrary()

  private let records: [RecordFile: JSONSchema]
  /// The schema of `.handoff.yaml`.
  public let settings: JSONSchema

  private init() {
    func compile(_ name: String) -> JSONSchema {
      guard let text = EmbeddedSchemas.files.first(where: { $0.name == name })?.text,
        let schema = try? JSONSchema(json: text)
      else {
        // The embedded schemas are checked by the tests; a failure here is a build defect.
        fatalError("embedded schema \(name) does not compile")
      }
      return schema
    }
    var records: [RecordFile: JSONSchema] = [:]
    for file in RecordFile.allCases {
      records[file] = compile("\(file.rawValue).schema.json")
    }
    self.records = records
    settings = compile("handoff-config.schema.json")
  }

  func schema(for file: RecordFile) -> JSONSchema { records[file]! }

  /// File name and exact text of every published schema, as in `schema/`.
  public static var publishedFiles: [(name: String, text: String)] { EmbeddedSchemas.files }
}
