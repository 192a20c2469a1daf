/// Escaping for text and attribute values in XML (JUnit) and HTML (the report): the five
/// markup characters as entities, and control characters that XML 1.0 cannot carry as `?`.
enum Markup {
  static func escape(_ text: String) -> String {
    var output = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": output += "&amp;"
      case "<": output += "&lt;"
      case ">": output += "&gt;"
      case "\"": output += "&quot;"
      case "'": output += "&apos;"
      case "\n", "\t", "\r": output.unicodeScalars.append(scalar)
      case _ where scalar.value < 0x20: output += "?"
      default: output.unicodeScalars.append(scalar)
      }
    }
    return output
  }
}
