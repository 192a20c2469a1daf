/// `duplicate-id`: a commitment or red-flag id used twice in one account; points at the second.
struct DuplicateID: AccountRule {
  let id = RuleID.duplicateID

  func check(_ record: AccountRecord, _ context: RuleContext) -> [FileFinding] {
    duplicates(in: record.commitments, file: .commitments, noun: "commitment")
      + duplicates(in: record.redFlags, file: .risks, noun: "red flag")
  }

  private func duplicates(in items: [YAMLNode], file: RecordFile, noun: String) -> [FileFinding] {
    var seen: [String: SourceLocation?] = [:]
    var findings: [FileFinding] = []
    for item in items {
      guard let node = item["id"], let value = node.string else { continue }
      if let first = seen[value] {
        findings.append(
          FileFinding(
            id, .duplicate(noun, value, firstLine: first?.line), in: file, at: node.location))
      } else {
        seen[value] = node.location
      }
    }
    return findings
  }
}

extension String {
  fileprivate static func duplicate(_ noun: String, _ id: String, firstLine: Int?) -> String {
    "\(noun) id `\(Excerpt.of(id))` is used twice in this "
      + "account\(firstLine.map { " (first at line \($0))" } ?? ""); ids must be unique and "
      + "never reused"
  }
}
