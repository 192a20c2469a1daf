import Testing

@testable import HandoffKit

@Suite struct CoreSchemaResolverTests {
  @Test(arguments: [
    (text: "no", expected: "string"), ("yes", "string"), ("on", "string"), ("off", "string"),
    ("2026-08-14", "string"), ("true", "bool"), ("False", "bool"), ("TRUE", "bool"),
    ("null", "null"), ("~", "null"), ("", "null"), ("12", "number"), ("-3", "number"),
    ("+7", "number"), ("0o17", "number"), ("0x1F", "number"), ("12.5", "number"),
    ("1e3", "number"), (".5", "number"), ("-.inf", "number"), (".nan", "number"),
    ("1_000", "string"), ("0b101", "string"), ("12abc", "string"), ("1.2.3", "string"),
    ("+", "string"), ("-", "string"), ("e5", "string"), ("0x", "string"), ("yes please", "string"),
  ])
  func resolvesPlainScalarsByTheCoreSchema(text: String, expected: String) {
    let kind: String =
      switch CoreSchemaResolver.resolve(plain: text) {
      case .null: "null"
      case .bool: "bool"
      case .number: "number"
      case .string: "string"
      default: "other"
      }
    #expect(kind == expected, "\(text)")
  }

  @Test func readsNumberValues() {
    #expect(CoreSchemaResolver.resolve(plain: "0o17") == .number(15))
    #expect(CoreSchemaResolver.resolve(plain: "0x1F") == .number(31))
    #expect(CoreSchemaResolver.resolve(plain: "+7") == .number(7))
    #expect(CoreSchemaResolver.resolve(plain: "1e1") == .number(10))
  }
}
