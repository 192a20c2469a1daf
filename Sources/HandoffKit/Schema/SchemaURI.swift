/// Just enough RFC 3986 reference resolution for `$id` and `$ref`.
public enum SchemaURI {
  /// Splits `uri` into the part before `#` and the fragment (nil when there is no `#`).
  static func split(_ uri: String) -> (document: String, fragment: String?) {
    guard let hash = uri.firstIndex(of: "#") else { return (uri, nil) }
    return (String(uri[..<hash]), String(uri[uri.index(after: hash)...]))
  }

  /// `reference` resolved against `base`, both without normalisation beyond dot segments.
  public static func resolve(_ reference: String, against base: String) -> String {
    let (document, fragment) = split(reference)
    let suffix = fragment.map { "#" + $0 } ?? ""
    let baseDocument = split(base).document
    if document.isEmpty { return baseDocument + suffix }
    if hasScheme(document) { return removeDotSegments(document) + suffix }
    guard let colon = baseDocument.firstIndex(of: ":") else { return document + suffix }
    let scheme = baseDocument[..<colon]
    let rest = baseDocument[baseDocument.index(after: colon)...]
    if document.hasPrefix("//") { return scheme + ":" + document + suffix }
    guard rest.hasPrefix("/") else {
      // Not hierarchical (a URN): a relative reference cannot be merged; keep it as written.
      return document + suffix
    }
    var authority = ""
    var path = Substring(rest)
    if rest.hasPrefix("//") {
      let afterSlashes = rest.dropFirst(2)
      let end = afterSlashes.firstIndex(of: "/") ?? afterSlashes.endIndex
      authority = "//" + afterSlashes[..<end]
      path = afterSlashes[end...]
    }
    let merged: String
    if document.hasPrefix("/") {
      merged = document
    } else {
      let directory = path.lastIndex(of: "/").map { String(path[...$0]) } ?? "/"
      merged = directory + document
    }
    return scheme + ":" + authority + removeDotSegments(merged) + suffix
  }

  private static func hasScheme(_ text: String) -> Bool {
    guard let colon = text.firstIndex(of: ":"), colon != text.startIndex else { return false }
    let scheme = text[..<colon]
    guard let first = scheme.first, first.isLetter else { return false }
    return scheme.allSatisfy { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }
  }

  private static func removeDotSegments(_ path: String) -> String {
    guard path.contains("/.") else { return path }
    var output: [Substring] = []
    let segments = path.split(separator: "/", omittingEmptySubsequences: false)
    for segment in segments {
      if segment == "." { continue }
      if segment == ".." {
        if output.count > 1 { output.removeLast() }
        continue
      }
      output.append(segment)
    }
    return output.joined(separator: "/")
  }

  /// Decodes `%XX` escapes in a fragment.
  static func percentDecoded(_ text: String) -> String {
    guard text.contains("%") else { return text }
    var bytes: [UInt8] = []
    var iterator = Array(text.utf8)[...]
    while let byte = iterator.popFirst() {
      if byte == UInt8(ascii: "%"), iterator.count >= 2,
        let value = UInt8(String(decoding: iterator.prefix(2), as: UTF8.self), radix: 16)
      {
        bytes.append(value)
        iterator = iterator.dropFirst(2)
      } else {
        bytes.append(byte)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// One JSON Pointer reference token, escaped (`~` as `~0`, `/` as `~1`).
  static func pointerToken(_ key: String) -> String {
    key.replacing("~", with: "~0").replacing("/", with: "~1")
  }
}
