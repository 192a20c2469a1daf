import Foundation
import HandoffTestSupport
import Testing

@testable import HandoffKit

@Suite struct PortfolioRenderingTests {
  static func report() throws -> PortfolioReport {
    let repo = try PortfolioReportTests.portfolio()
    return PortfolioReport(try PortfolioScanner.scan(in: Workspace.open(at: repo.path)))
  }

  @Test func jsonCarriesEveryFigure() throws {
    let json = try JSONReader.parse(PortfolioJSONRenderer().render(try Self.report()))
    #expect(json["portfolio"]?["accounts"]?.number == 3)
    #expect(json["closed"]?["complete_within_24h_share"]?.number == 0.5)
    #expect(json["closed"]?["csm_confidence"]?["4"]?.number == 1)
    #expect(json["closed"]?["red_flags"]?["promise"]?.number == 1)
    #expect(
      json["by_sales_owner"]?.items?.compactMap { $0["sales_owner"]?.string } == [
        "jane.doe", "ken.ito",
      ])
    #expect(json["by_close_month"]?.items?.first?["month"]?.string == "2026-01")
    let weakest = try #require(json["weakest"]?.items?.first)
    #expect(weakest["missing"]?.items?.isEmpty == false)
    #expect(json["since"]?.value == .null)
  }

  @Test func markdownHasTheSections() throws {
    let markdown = PortfolioMarkdownRenderer().render(try Self.report())
    for heading in [
      "# Handoff report", "## 2 accounts closed", "### CSM confidence", "## By sales owner",
      "## By month of close", "## Weakest handoffs", "| jane.doe |", "| 2026-01 |",
    ] {
      #expect(markdown.contains(heading), "\(heading)")
    }
    #expect(markdown.contains("| Records without errors within 24 h of close | 1 (50%) |"))
    for heading in [
      "## Outcomes", "### Time to first value", "### Retention at day 90 by handoff quality",
      "### Service levels", "### Checklist items not fully documented",
      "## Outcomes by sales owner",
      "## Outcomes by month of close", "| A1 problem in the customer's words |",
    ] {
      #expect(markdown.contains(heading), "\(heading)")
    }
    // The fixture records no first value: "no data", never a zero.
    #expect(markdown.contains("| smb | 30 days | 0 | no data | no data |"))
  }

  @Test func outcomesInJSONAreNullWithoutData() throws {
    let json = try JSONReader.parse(PortfolioJSONRenderer().render(try Self.report()))
    let outcomes = try #require(json["closed"]?["outcomes"])
    #expect(outcomes["time_to_first_value"]?["median_days"]?.value == .null)
    #expect(outcomes["effort_score"]?["average"]?.value == .null)
    #expect(outcomes["retention"]?["share"]?.value == .null)  // nothing 90 days old at HEAD
    #expect(
      outcomes["service_levels"]?.items?.compactMap { $0["name"]?.string }
        == ["complete", "intro", "reconciliation", "warm transition"])
    #expect(outcomes["checklist_gaps"]?.items?.count == 15)
    #expect(json["by_sales_owner"]?.items?.first?["outcomes"]?["churn"]?["churned"]?.number == 0)
  }

  /// One file with everything inline: nothing fetched, nothing run.
  @Test func htmlIsSelfContained() throws {
    let html = PortfolioHTMLRenderer().render(try Self.report())
    #expect(html.hasPrefix("<!doctype html>"))
    #expect(html.contains("<svg"))
    #expect(html.contains("<style>"))
    #expect(html.contains("aria-label=\"Retention at day 90: Joint intro meeting\""))
    #expect(html.contains("aria-label=\"Median days from close to first value, per segment\""))
    for outside in [
      "<script", "http://", "https://", "url(", "@import", "<link", "@font-face", "<img",
    ] {
      #expect(!html.contains(outside), "\(outside)")
    }
  }

  @Test func htmlEscapesUserText() {
    #expect(
      Markup.escape("<b>\"Tom\" & 'Jerry'</b>")
        == "&lt;b&gt;&quot;Tom&quot; &amp; &apos;Jerry&apos;&lt;/b&gt;")
  }

  @Test func figureText() {
    #expect(FigureText.percent(0.975) == "97.5%")
    #expect(FigureText.percent(nil) == "–")
    #expect(FigureText.duration(hours: 30) == "30 h")
    #expect(FigureText.duration(hours: 84) == "3.5 days")
  }
}
