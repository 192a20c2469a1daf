import Foundation

/// The compiled published schemas, built once from the embedded copies of `schema/`.
///
/// Each schema is compiled on first use: a run that finds every file in the result cache
/// compiles none of them.
public final class SchemaLibrary: Sendable {
  public static let shared = SchemaLibrary()

  private let records: [RecordFile: Lazy]
  private let settingsSchema = Lazy("handoff-config.schema.json")

  /// The schema of `.handoff.yaml`.
  public var settings: JSONSchema { settingsSchema.schema }

  private init() {
    var records: [RecordFile: Lazy] = [:]
    for file in RecordFile.allCases {
      records[file] = Lazy("\(file.rawValue).schema.json")
    }
    self.records = records
  }

  func schema(for file: RecordFile) -> JSONSchema { records[file]!.schema }

  /// Compiles every record schema now, for a caller with time to spare before it needs them.
  func compileRecordSchemas() {
    for file in RecordFile.allCases { _ = schema(for: file) }
  }

  /// File name and exact text of every published schema, as in `schema/`.
  public static var publishedFiles: [(name: String, text: String)] { EmbeddedSchemas.files }

  /// One embedded schema, compiled once, on whichever thread asks first.
  private final class Lazy: @unchecked Sendable {
    private let name: String
    private let lock = NSLock()
    private var compiled: JSONSchema?

    init(_ name: String) { self.name = name }

    var schema: JSONSchema {
      lock.lock()
      defer { lock.unlock() }
      if let compiled { return compiled }
      guard let text = EmbeddedSchemas.files.first(where: { $0.name == name })?.text,
        let schema = try? JSONSchema(json: text)
      else {
        // The embedded schemas are checked by the tests; a failure here is a build defect.
        fatalError("embedded schema \(name) does not compile")
      }
      compiled = schema
      return schema
    }
  }
}
