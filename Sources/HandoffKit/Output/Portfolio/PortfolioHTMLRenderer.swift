/// The report as one self-contained HTML page: inline CSS and SVG charts, no script, no web
/// font, no external file. Fits a laptop screen and prints on A4 or Letter.
public struct PortfolioHTMLRenderer: Renderer {
  public init() {}

  public func render(_ report: PortfolioReport) -> String {
    let figures = report.summary
    var body =
      "<header><h1>Handoff report</h1><p>"
      + Markup.escape(PortfolioHeading.subtitle(report)).replacingOccurrences(
        of: "\n", with: "<br>") + "</p></header>\n"
    body += "<section class=\"cards\">"
    let cards: [(String, String)] = [
      ("accounts closed" + (report.since.map { " since \($0)" } ?? ""), String(figures.accounts)),
      (
        "without errors within \(figures.completeWithinHours) h",
        FigureText.percent(figures.completeWithin24HoursShare)
      ),
      ("median time to no errors", FigureText.duration(hours: figures.medianHoursToComplete)),
      ("added after close per account", FigureText.optional(figures.scopeCreepRate)),
      ("over the red flag threshold", String(figures.aboveThreshold)),
      (
        "average checklist completeness",
        FigureText.percent(figures.averageCompleteness.map { $0 / 100 })
      ),
    ]
    for (label, value) in cards {
      body +=
        "<div class=\"card\"><div "
        + "class=\"figure\">\(Markup.escape(value))</div><div>\(Markup.escape(label))</div></div>"
    }
    body += "</section>\n"

    body +=
      "<section><h2>\(Markup.escape(PortfolioHeading.closedTitle(report)))</h2><div "
      + "class=\"split\"><table class=\"figures\">"
    for (label, value) in FigureText.headline(figures) {
      body +=
        "<tr><th scope=\"row\">\(Markup.escape(label))</th><td>\(Markup.escape(value))</td></tr>"
    }
    body += "</table><div>"
    let confidence =
      (1...5).map { level in
        SVGChart.Bar(
          label: "confidence \(level)", value: Double(figures.confidence[level - 1]),
          caption: String(figures.confidence[level - 1]))
      } + [
        SVGChart.Bar(
          label: "not set", value: Double(figures.confidenceUnset),
          caption: String(figures.confidenceUnset))
      ]
    body +=
      "<h3>CSM confidence</h3>" + SVGChart.rows(confidence, title: "CSM confidence distribution")
    let flags = FigureText.categories([figures]).map { category in
      SVGChart.Bar(
        label: category, value: Double(figures.redFlags[category] ?? 0),
        caption: String(figures.redFlags[category] ?? 0))
    }
    body +=
      "<h3>Red flags by category</h3>"
      + SVGChart.rows(flags, title: "Red flags by category, declared and derived")
    body += "</div></div></section>\n"

    if !report.byCloseMonth.isEmpty {
      body +=
        "<section><h2>Trend by month of close</h2><h3>Records without errors within "
        + "\(figures.completeWithinHours) hours of close</h3>"
      body += SVGChart.columns(
        report.byCloseMonth.map { group in
          let share = group.figures.completeWithin24HoursShare ?? 0
          return SVGChart.Bar(
            label: group.key, value: share * 100, caption: FigureText.percent(share))
        }, maximum: 100,
        title:
          "Share of records without errors within \(figures.completeWithinHours) hours of "
          + "close, by month of close",
        scaleCaption: { FigureText.decimal($0) + "%" })
      body += "<h3>Commitments added after close, per account</h3>"
      body += SVGChart.columns(
        report.byCloseMonth.map { group in
          let rate = group.figures.scopeCreepRate ?? 0
          return SVGChart.Bar(label: group.key, value: rate, caption: FigureText.decimal(rate))
        }, title: "Commitments added after close per account, by month of close",
        scaleCaption: FigureText.decimal)
      body += "</section>\n"
    }
    body += outcomes(figures.outcomes, tables: OutcomeTables.portfolio(figures))
    body += table("By sales owner", first: "sales owner", report.bySalesOwner)
    body += table("By month of close", first: "month", report.byCloseMonth)
    body += html(
      OutcomeTables.groups("Outcomes by sales owner", first: "sales owner", report.bySalesOwner))
    body += html(
      OutcomeTables.groups("Outcomes by month of close", first: "month", report.byCloseMonth))

    body += "<section><h2>Weakest handoffs</h2>"
    if report.weakest.isEmpty {
      body += "<p>\(Markup.escape(PortfolioHeading.noWeakest(report)))</p>"
    } else {
      body +=
        "<table class=\"list\"><thead><tr><th>account</th><th>sales "
        + "owner</th><th>closed</th><th>completeness</th>"
        + "<th>errors</th><th>red flags</th><th>not fully documented</th></tr></thead><tbody>"
      for weak in report.weakest {
        let gaps = weak.gaps.map { "<li>" + Markup.escape(FigureText.gap($0)) + "</li>" }.joined()
        body +=
          "<tr><td>\(Markup.escape(weak.account))</td><td>\(Markup.escape(weak.salesOwner ?? "–"))</td>"
          + "<td>\(weak.closeDay?.description ?? "–")</td><td "
          + "class=\"number\">\(FigureText.percent(weak.completeness / 100))</td>"
          + "<td class=\"number\">\(weak.errors)</td><td class=\"number\">\(weak.redFlags)</td>"
          + "<td>\(gaps.isEmpty ? "–" : "<ul>" + gaps + "</ul>")</td></tr>"
      }
      body += "</tbody></table>"
    }
    body += "</section>\n"
    return """
      <!doctype html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>Handoff report</title>
      <style>\(Self.style)</style>
      </head>
      <body>
      \(body)</body>
      </html>

      """
  }

  /// The outcomes: retention by handoff quality side by side and time to first value per
  /// segment as charts, then every outcome table.
  private func outcomes(_ outcomes: OutcomeFigures, tables: [OutcomeTables.Table]) -> String {
    var out =
      "<section><h2>Outcomes</h2><h3>Retention at day \(OutcomeFigures.retentionDay) by handoff "
      + "quality</h3>"
    out += "<div class=\"sides\">"
    let splits = [
      ("Record without errors in time", outcomes.retentionByCompleteness),
      ("Joint intro meeting", outcomes.retentionByIntro),
      ("Checklist completeness", outcomes.retentionByChecklist),
    ]
    for (title, sides) in splits {
      let bars = sides.map { side in
        SVGChart.Bar(
          label: side.label, value: (side.share ?? 0) * 100, caption: Self.retentionCaption(side))
      }
      out +=
        "<figure><figcaption>\(Markup.escape(title))</figcaption>"
        + SVGChart.rows(
          bars, title: "Retention at day \(OutcomeFigures.retentionDay): \(title)", maximum: 100)
        + "</figure>"
    }
    out += "</div><h3>Time to first value per segment</h3>"
    let segments = outcomes.firstValue.map { segment in
      let caption = segment.medianDays.map { FigureText.decimal($0) + " d" } ?? OutcomeTables.noData
      let benchmark =
        segment.benchmarkDays.map {
          " (benchmark \($0) d, \(OutcomeTables.percent(segment.meetingShare)) within)"
        } ?? ""
      return SVGChart.Bar(
        label: segment.segment, value: segment.medianDays ?? 0, caption: caption + benchmark)
    }
    out +=
      "<div class=\"narrow\">"
      + SVGChart.rows(segments, title: "Median days from close to first value, per segment")
      + "</div>"
    for table in tables { out += html(table, level: "h3", section: false) }
    return out + "</section>\n"
  }

  private static func retentionCaption(_ side: OutcomeFigures.Retention) -> String {
    side.counted == 0
      ? OutcomeTables.noData : "\(OutcomeTables.percent(side.share)) of \(side.counted)"
  }

  private func html(_ table: OutcomeTables.Table, level: String = "h2", section: Bool = true)
    -> String
  {
    var out = section ? "<section>" : ""
    out += "<\(level)>\(Markup.escape(table.title))</\(level)>"
    if let note = table.note {
      out += "<p class=\"note\">\(Markup.escape(note.replacingOccurrences(of: "`", with: "")))</p>"
    }
    out += "<div class=\"scroll\"><table class=\"list\"><thead><tr>"
    out += table.columns.map { "<th>\(Markup.escape($0))</th>" }.joined() + "</tr></thead><tbody>"
    for row in table.rows {
      out +=
        "<tr>"
        + row.enumerated().map { index, cell in
          index == 0
            ? "<td>\(Markup.escape(cell))</td>" : "<td class=\"number\">\(Markup.escape(cell))</td>"
        }.joined() + "</tr>"
    }
    return out + "</tbody></table></div>" + (section ? "</section>\n" : "")
  }

  private func table(_ title: String, first: String, _ groups: [PortfolioReport.Group]) -> String {
    var out =
      "<section><h2>\(Markup.escape(title))</h2><div class=\"scroll\"><table "
      + "class=\"list\"><thead><tr><th>\(Markup.escape(first))</th>"
    let columns = FigureText.groupColumns(hours: groups.first?.figures.completeWithinHours ?? 24)
    out += columns.map { "<th>\(Markup.escape($0.title))</th>" }.joined() + "</tr></thead><tbody>"
    for group in groups {
      out +=
        "<tr><td>\(Markup.escape(group.key))</td>"
        + columns.map { "<td class=\"number\">\(Markup.escape($0.value(group.figures)))</td>" }
        .joined() + "</tr>"
    }
    return out + "</tbody></table></div></section>\n"
  }

  private static let style = """
    :root{--ink:#1f2933;--muted:#616e7c;--line:#d9e2ec;--bar:#2f6fb3;--card:#f0f4f8}
    *{box-sizing:border-box}
    body{margin:0 auto;max-width:1180px;padding:24px;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:#fff}
    h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:28px 0 10px;border-bottom:2px solid var(--line);padding-bottom:4px}
    h3{font-size:14px;margin:14px 0 6px;color:var(--muted)}header p{color:var(--muted);margin:0}
    .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(160px,1fr));gap:12px;margin-top:18px}
    .card{background:var(--card);border-radius:8px;padding:12px 14px;color:var(--muted)}
    .figure{font-size:26px;font-weight:600;color:var(--ink)}
    .split{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:24px;align-items:start}
    table{border-collapse:collapse;width:100%}th,td{padding:5px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
    table.figures th{font-weight:normal;color:var(--muted)}table.list{font-size:12px}table.list th,table.list td{padding:4px 5px}table.list thead th{font-size:11.5px;color:var(--muted);vertical-align:bottom}
    table.list td:first-child{white-space:nowrap}
    td.number{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
    ul{margin:0;padding-left:18px}.scroll{overflow-x:auto}p.note{color:var(--muted);margin:0 0 6px}
    .narrow{max-width:620px}.sides{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:16px}
    figure{margin:0}figcaption{font-size:12px;color:var(--muted);margin-bottom:2px}
    svg.chart{width:100%;height:auto;display:block}.split svg.chart{max-width:440px}
    .bar{fill:var(--bar)}.axis{stroke:var(--muted);stroke-width:1}.grid{stroke:var(--line);stroke-dasharray:3 3}
    text{font:11px system-ui,sans-serif;fill:var(--ink)}text.label{text-anchor:middle;fill:var(--muted)}
    text.value{text-anchor:middle}text.end{text-anchor:end}text.start{text-anchor:start}
    @media screen and (max-width:800px){.split{grid-template-columns:1fr}}
    @media print{body{max-width:none;padding:0;font-size:11px}.scroll{overflow:visible}table.list{font-size:9px}
    svg,tr,.card{break-inside:avoid}h2,h3{break-after:avoid}
    .card{border:1px solid var(--line)}h2{break-after:avoid}}
    """
}
