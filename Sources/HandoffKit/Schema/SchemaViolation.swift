/// One way a document breaks its schema, with the node it points at.
public struct SchemaViolation: Sendable, Equatable {
  /// Where the offending node (or, for an unknown key, the key) was written.
  public var location: SourceLocation?
  /// JSON Pointer of the offending value, as other validators would name it.
  public var instancePath: String
  public var message: String
}

/// A step into a document: a mapping key or a list index.
enum PathComponent: Sendable {
  case key(String)
  case index(Int)
}

extension [PathComponent] {
  /// `contract.start`, `stakeholders[2].stance`: how a rep would name the field.
  var displayName: String {
    var text = ""
    for component in self {
      switch component {
      case .key(let key): text += text.isEmpty ? key : ".\(key)"
      case .index(let index): text += "[\(index)]"
      }
    }
    return text
  }

  var jsonPointer: String {
    map { component in
      switch component {
      case .key(let key): "/" + SchemaURI.pointerToken(key)
      case .index(let index): "/\(index)"
      }
    }.joined()
  }
}
