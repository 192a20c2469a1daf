/// The report as Markdown: ready for a wiki page, an issue or a pull request comment.
public struct PortfolioMarkdownRenderer: Renderer {
  public init() {}

  public func render(_ report: PortfolioReport) -> String {
    var out = "# Handoff report\n\n"
    out += PortfolioHeading.subtitle(report).replacingOccurrences(of: "\n", with: "  \n") + "\n\n"
    let figures = report.summary
    out += "## \(PortfolioHeading.closedTitle(report))\n\n| figure | value |\n| --- | --- |\n"
    for (label, value) in FigureText.headline(figures) { out += "| \(label) | \(value) |\n" }
    out +=
      "\n### CSM confidence\n\n| 1 | 2 | 3 | 4 | 5 | not set |\n| --- | --- | --- | --- | --- | "
      + "--- |\n"
    out +=
      "| "
      + (figures.confidence + [figures.confidenceUnset]).map(String.init).joined(separator: " | ")
      + " |\n"
    let categories = FigureText.categories([figures])
    out +=
      "\n### Red flags by category (declared and derived)\n\n| "
      + categories.joined(separator: " | ") + " |\n|"
    out += String(repeating: " --- |", count: categories.count) + "\n| "
    out += categories.map { String(figures.redFlags[$0] ?? 0) }.joined(separator: " | ") + " |\n"
    out += "\n## Outcomes\n"
    for table in OutcomeTables.portfolio(figures) { out += "\n" + markdown(table, level: "###") }
    out += table("By sales owner", first: "sales owner", report.bySalesOwner)
    out += table("By month of close", first: "month", report.byCloseMonth)
    out +=
      "\n"
      + markdown(
        OutcomeTables.groups("Outcomes by sales owner", first: "sales owner", report.bySalesOwner),
        level: "##")
    out +=
      "\n"
      + markdown(
        OutcomeTables.groups("Outcomes by month of close", first: "month", report.byCloseMonth),
        level: "##")
    out += "\n## Weakest handoffs\n\n"
    if report.weakest.isEmpty { return out + PortfolioHeading.noWeakest(report) + "\n" }
    out +=
      "| account | sales owner | closed | completeness | errors | red flags | not fully "
      + "documented |\n"
    out += "| --- | --- | --- | --- | --- | --- | --- |\n"
    for weak in report.weakest {
      let gaps = weak.gaps.map(FigureText.gap).joined(separator: "; ")
      out +=
        "| \(weak.account) | \(weak.salesOwner ?? "–") | \(weak.closeDay?.description ?? "–") | "
        + "\(FigureText.percent(weak.completeness / 100)) | \(weak.errors) | \(weak.redFlags) | "
        + "\(gaps.isEmpty ? "–" : gaps) |\n"
    }
    return out
  }

  private func markdown(_ table: OutcomeTables.Table, level: String) -> String {
    var out = "\(level) \(table.title)\n\n"
    if let note = table.note { out += note + "\n\n" }
    out +=
      "| " + table.columns.joined(separator: " | ") + " |\n|"
      + String(repeating: " --- |", count: table.columns.count) + "\n"
    for row in table.rows {
      out += "| " + row.map(MarkdownText.cell).joined(separator: " | ") + " |\n"
    }
    return out
  }

  private func table(_ title: String, first: String, _ groups: [PortfolioReport.Group]) -> String {
    let columns = FigureText.groupColumns(hours: groups.first?.figures.completeWithinHours ?? 24)
    var out =
      "\n## \(title)\n\n| \(first) | " + columns.map(\.title).joined(separator: " | ") + " |\n|"
    out += String(repeating: " --- |", count: columns.count + 1) + "\n"
    for group in groups {
      out +=
        "| \(group.key) | " + columns.map { $0.value(group.figures) }.joined(separator: " | ")
        + " |\n"
    }
    return out
  }
}
