import HandoffTestSupport
import Testing

@testable import HandoffKit

@Suite struct ReportTests {
  static func report(_ diagnostics: [Diagnostic]) -> Report {
    Report(
      source: "worktree", accounts: 1, files: 1, diagnostics: diagnostics, accountIDs: ["acme"])
  }

  @Test func errorsSetTheExitStatusAndWarningsDoNot() {
    let warning = Diagnostic(
      ruleID: .deepDiscount, message: "deep", path: "accounts/acme/account.yaml", account: "acme")
    let error = Diagnostic(
      ruleID: .schema, message: "bad", path: "accounts/acme/account.yaml", account: "acme")
    #expect(Self.report([]).exitStatus == .clean)
    #expect(Self.report([warning]).exitStatus == .clean)
    #expect(Self.report([warning, error]).exitStatus == .findings)
    #expect(Self.report([warning, error]).errorCount == 1)
    #expect(Self.report([warning, error]).warningCount == 1)
  }

  @Test func everyRuleIsInTheCatalogOnce() {
    let ids = RuleCatalog.all.map(\.id)
    #expect(Set(ids).count == ids.count)
    #expect(ids.allSatisfy { RuleCatalog.info($0)?.summary.isEmpty == false })
    #expect(RuleCatalog.info(.yamlSyntax)?.defaultSeverity == .error)
  }
}
