import HandoffTestSupport
import Testing

@testable import HandoffKit

/// A new account starts with the files its stage requires, named and staged as asked.
@Suite struct AccountTemplateTests {
  @Test func aProspectStartsWithItsAccountFileAndAClosedAccountWithEveryFile() throws {
    let settings = try Settings.load(Array("accounts_dir: accounts\n".utf8))
    let prospect = AccountTemplate.files(
      id: "lincoln-usd", stage: .prospect, folder: "accounts/lincoln-usd", settings: settings)
    #expect(prospect.map(\.0) == [.account])
    let account = try #require(prospect.first?.1)
    #expect(account.contains("name: Lincoln Usd"))
    #expect(account.contains("stage: prospect"))
    #expect(account.contains("../../"))
    let closed = AccountTemplate.files(
      id: "lincoln-usd", stage: .closedWon, folder: "accounts/lincoln-usd", settings: settings,
      name: "Lincoln Unified")
    #expect(
      Set(closed.map(\.0)) == [.account, .goals, .stakeholders, .commitments, .risks, .threads])
    #expect(closed.first { $0.0 == .account }?.1.contains("name: Lincoln Unified") == true)
    for (_, text) in closed { #expect(YAMLLoader.load(Array(text.utf8)).problems.isEmpty) }
  }
}
