/// JUnit XML, which every CI system can show: one test case per account, failed when the
/// account has error-level findings; warnings go to the case's output. Findings outside any
/// account (a stray file in the accounts folder) form a case of their own.
public struct JUnitRenderer: Renderer {
  public init() {}

  public func render(_ report: Report) -> String {
    let byAccount = Dictionary(grouping: report.diagnostics) { $0.account ?? "" }
    var names = report.accountIDs
    if byAccount[""] != nil { names.insert("", at: 0) }
    let failures = names.count { name in
      byAccount[name]?.contains { $0.severity == .error } ?? false
    }
    var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    xml +=
      "<testsuites name=\"handoff\" tests=\"\(names.count)\" failures=\"\(failures)\" "
      + "errors=\"0\">\n"
    xml +=
      "  <testsuite name=\"handoff validate (\(Markup.escape(report.source)))\" "
      + "tests=\"\(names.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\">\n"
    for name in names {
      let findings = byAccount[name] ?? []
      let caseName = name.isEmpty ? "(outside any account)" : name
      xml += "    <testcase classname=\"handoff.accounts\" name=\"\(Markup.escape(caseName))\""
      let errors = findings.filter { $0.severity == .error }
      let others = findings.filter { $0.severity != .error }
      guard !findings.isEmpty else {
        xml += "/>\n"
        continue
      }
      xml += ">\n"
      let text = TextRenderer(color: false)
      if !errors.isEmpty {
        xml +=
          "      <failure type=\"handoff\" message=\"\(errors.count) "
          + "error\(errors.count == 1 ? "" : "s")\">"
        xml += Markup.escape(errors.map(text.line(for:)).joined(separator: "\n")) + "</failure>\n"
      }
      if !others.isEmpty {
        xml +=
          "      <system-out>" + Markup.escape(others.map(text.line(for:)).joined(separator: "\n"))
          + "</system-out>\n"
      }
      xml += "    </testcase>\n"
    }
    xml += "  </testsuite>\n</testsuites>\n"
    return xml
  }
}
