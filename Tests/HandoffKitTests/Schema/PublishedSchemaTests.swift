import Foundation
import HandoffTestSupport
import Testing

@testable import HandoffKit

@Suite struct PublishedSchemaTests {
  @Test func embeddedSchemasEqualTheFilesInSchemaFolder() throws {
    let folder = ProjectPaths.root.appendingPathComponent("schema")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".schema.json") }.sorted()
    #expect(files == SchemaLibrary.publishedFiles.map(\.name).sorted())
    for file in SchemaLibrary.publishedFiles {
      let onDisk = try String(contentsOf: folder.appendingPathComponent(file.name), encoding: .utf8)
      #expect(onDisk == file.text, "\(file.name) differs: run scripts/embed-schemas.py")
    }
  }

  @Test func embeddedTemplatesEqualTheTemplatesFolder() throws {
    let folder = ProjectPaths.root.appendingPathComponent("templates/account")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    #expect(files == EmbeddedSchemas.accountTemplates.map(\.name).sorted())
    for template in EmbeddedSchemas.accountTemplates {
      let onDisk = try String(
        contentsOf: folder.appendingPathComponent(template.name), encoding: .utf8)
      #expect(onDisk == template.text, "\(template.name) differs: run scripts/embed-schemas.py")
    }
  }

  @Test func draft7EditionsAreInSync() throws {
    let folder = ProjectPaths.root.appendingPathComponent("schema/draft-07")
    for file in Draft7Edition.allFiles() {
      let onDisk = try String(contentsOf: folder.appendingPathComponent(file.name), encoding: .utf8)
      #expect(onDisk == file.text, "\(file.name) differs: run make schemas")
      #expect(!file.text.contains("$defs"))
      #expect(file.text.contains("http://json-schema.org/draft-07/schema#"))
    }
    #expect(Draft7Edition.allFiles().count == SchemaLibrary.publishedFiles.count)
  }

  @Test func draft7EditionsValidateLikeTheOriginals() throws {
    for file in Draft7Edition.allFiles() {
      let edition = try JSONSchema(json: file.text)
      let original = try JSONSchema(
        json: try #require(SchemaLibrary.publishedFiles.first { $0.name == file.name }?.text))
      for (name, text) in Fixtures.completeAccount {
        let root = try #require(YAMLLoader.load(text).root)
        #expect(edition.accepts(root) == original.accepts(root), "\(file.name) on \(name)")
      }
    }
  }

  @Test func editorEditionsUseOnlyKeywordsShared() throws {
    let allowed: Set<String> = [
      "$schema", "$id", "$ref", "title", "description", "type", "enum", "const", "properties",
      "required", "additionalProperties", "patternProperties", "items", "if", "then", "else",
      "allOf", "anyOf", "oneOf", "not", "definitions", "pattern", "format", "minimum", "maximum",
      "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "minItems", "maxItems",
      "propertyNames", "uniqueItems",
    ]
    func check(_ node: YAMLNode, inNameMap: Bool) {
      guard let entries = node.entries else {
        for item in node.items ?? [] { check(item, inNameMap: false) }
        return
      }
      for entry in entries {
        if !inNameMap { #expect(allowed.contains(entry.key), "keyword \(entry.key)") }
        if !inNameMap, entry.key == "$ref" { #expect(entries.count == 1, "$ref with siblings") }
        let namesChildren =
          ["properties", "patternProperties", "definitions"].contains(entry.key) && !inNameMap
        check(entry.value, inNameMap: namesChildren)
      }
    }
    for file in Draft7Edition.allFiles() {
      check(try JSONReader.parse(file.text), inNameMap: false)
    }
  }

  @Test func theSpecExampleAccountIsValid() throws {
    let folder = ProjectPaths.root.appendingPathComponent("examples/sample/accounts/lincoln-usd")
    for kind in RecordFile.allCases {
      let url = folder.appendingPathComponent(kind.fileName)
      let bytes = Array(try Data(contentsOf: url))
      #expect(RecordChecker.check(bytes, as: kind).findings.isEmpty, "\(kind.fileName)")
    }
  }
}
