import Foundation
import HandoffKit
import HandoffTestSupport
import Testing

@Suite struct ImportCommandTests {
  func handoff(_ arguments: [String], in repo: TestRepository) throws -> Shell.Result {
    try Shell.run(ValidateCommandTests.binary, arguments, directory: repo.path)
  }

  /// A Salesforce Data Loader export: an opportunity whose Description spans lines, a pilot still
  /// prospecting, accounts, contacts with their roles, line items and users.
  static func salesforce(
    in repo: TestRepository, stage: String = "Closed Won", role: String = "Technical Buyer"
  ) throws
    -> [String]
  {
    try repo.write(
      "export/Opportunity.csv",
      "\u{FEFF}Id,Name,AccountId,StageName,CloseDate,Amount,CurrencyIsoCode,OwnerId,Description,NextStep\r\n"
        + "0061,Lincoln renewal,0011,\(stage),2026-08-14,84000.00,USD,0051,\"Big deal, with "
        + "commas\r\nand a second line\",Kickoff\r\n"
        + "0062,Acme pilot,0012,Prospecting,2026-12-01,\"12,000\",USD,0052,,\r\n")
    try repo.write(
      "export/Account.csv", "Id,Name,BillingState\n0011,Lincoln Unified,CA\n0012,Acme Corp,NY\n")
    try repo.write(
      "export/Contact.csv",
      "Id,FirstName,LastName,Email,Title,AccountId\n0031,Maria,Lopez,maria@lincoln.example,Superintendent,0011\n"
        + "0032,Tom,Becker,tom@lincoln.example,IT,0011\n")
    try repo.write(
      "export/OpportunityContactRole.csv",
      "Id,OpportunityId,ContactId,Role,IsPrimary\n1,0061,0031,Economic "
        + "Buyer,true\n2,0061,0032,\(role),false\n"
    )
    try repo.write(
      "export/OpportunityLineItem.csv",
      "Id,OpportunityId,Product2.Name\n1,0061,Core\n2,0061,Analytics\n")
    try repo.write(
      "export/User.csv",
      "Id,Name,Email\n0051,Jane Doe,jane.doe@acme.example\n0052,Ken Ito,ken.ito@acme.example\n")
    return [
      "Opportunity", "Account", "Contact", "OpportunityContactRole", "OpportunityLineItem", "User",
    ].map {
      "export/\($0).csv"
    }
  }

  static func repository(settings: String = "accounts_dir: accounts\n") throws -> TestRepository {
    let repo = try TestRepository()
    try repo.write(".handoff.yaml", settings)
    try repo.write("accounts/.gitkeep", "")
    return repo
  }

  func read(_ repo: TestRepository, _ path: String) throws -> String {
    try String(contentsOfFile: repo.path + "/" + path, encoding: .utf8)
  }

  @Test func aSalesforceExportWritesAccountsFromTheTemplates() throws {
    let repo = try Self.repository()
    let files = try Self.salesforce(in: repo)
    let run = try handoff(["import", "salesforce"] + files, in: repo)
    #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    #expect(run.stdout.hasSuffix("2 accounts created, 0 updated, 0 unchanged\n"))
    let account = try read(repo, "accounts/lincoln-unified/account.yaml")
    let root = try #require(YAMLLoader.load(account).root)
    #expect(root["stage"]?.string == "closed-won")
    #expect(root["region"]?.string == "CA")
    #expect(root["products"]?.items?.compactMap(\.string) == ["Core", "Analytics"])
    #expect(root["owners"]?["sales"]?.string == "jane.doe")
    #expect(root["deal"]?["closed_on"]?.string == "2026-08-14")
    #expect(root["deal"]?["arr"]?.number == 84000)
    #expect(root["x-crm"]?["opportunity"]?.string == "0061")
    #expect(account.contains("# The account: who it is"))  // the template's comments
    let people = try #require(
      YAMLLoader.load(try read(repo, "accounts/lincoln-unified/stakeholders.yaml")).root)
    let list = people["stakeholders"]?.items ?? []
    #expect(list.compactMap { $0["name"]?.string } == ["Maria Lopez", "Tom Becker"])
    #expect(list.first?["roles"]?.items?.compactMap(\.string) == ["economic-buyer"])
    #expect(list.last?["roles"]?.items?.compactMap(\.string) == ["technical-decision-maker"])
    // A prospect gets account.yaml only, and no close date yet.
    let pilot = try #require(
      YAMLLoader.load(try read(repo, "accounts/acme-corp/account.yaml")).root)
    #expect(pilot["stage"]?.string == "prospect" && pilot["deal"]?["closed_on"] == nil)
    #expect(pilot["deal"]?["arr"]?.number == 12000)
    #expect(!FileManager.default.fileExists(atPath: repo.path + "/accounts/acme-corp/goals.yaml"))
    // The files parse and pass the schema; what is left is for the rep to fill in.
    let validate = try handoff(["validate", "--format", "json"], in: repo)
    let findings = try JSONReader.parse(validate.stdout)["diagnostics"]?.items ?? []
    // the segment, the contract dates and the goals are the rep's to fill in
    #expect(!findings.isEmpty)
    #expect(
      !findings.contains { ["yaml-syntax", "yaml-duplicate-key"].contains($0["rule"]?.string) },
      "\(validate.stdout)")
    #expect(!findings.contains { $0["message"]?.string?.contains("x-crm") == true })
  }

  @Test func reimportChangesNoByteAndKeepsHandEdits() throws {
    let repo = try Self.repository()
    let files = try Self.salesforce(in: repo)
    _ = try handoff(["import", "salesforce"] + files, in: repo)
    let path = "accounts/lincoln-unified/account.yaml"
    let first = try read(repo, path)
    let again = try handoff(["import", "salesforce"] + files, in: repo)
    #expect(again.stdout.hasSuffix("0 accounts created, 0 updated, 2 unchanged\n"))
    #expect(try read(repo, path) == first)
    // A rep's comment, an unmapped value and a key order survive a re-import that changes the
    // amount.
    let edited =
      first.replacingOccurrences(of: "stage: closed-won", with: "stage: onboarding  # kicked off")
      + "# notes from the rep\nx-team: keep me\n"
    try repo.write(path, edited)
    try repo.write(
      "export/Opportunity.csv",
      try read(repo, "export/Opportunity.csv").replacingOccurrences(of: "84000.00", with: "90000"))
    let update = try handoff(["import", "salesforce"] + files, in: repo)
    #expect(update.stdout.contains("update accounts/lincoln-unified: deal.arr"), "\(update.stdout)")
    let after = try read(repo, path)
    #expect(after == edited.replacingOccurrences(of: "arr: 84000", with: "arr: 90000"))
    // The stage never moves back (onboarding stays though the CRM says Closed Won).
    #expect(after.contains("stage: onboarding  # kicked off"))
  }

  @Test func aStageNeverMovesBackwardsNorLeavesLostOrChurned() throws {
    let repo = try Self.repository()
    let files = try Self.salesforce(in: repo)
    _ = try handoff(["import", "salesforce"] + files, in: repo)
    let path = "accounts/lincoln-unified/account.yaml"
    try repo.write(
      path,
      try read(repo, path).replacingOccurrences(of: "stage: closed-won", with: "stage: churned"))
    _ = try Self.salesforce(in: repo, stage: "Negotiation/Review")
    _ = try handoff(["import", "salesforce"] + files, in: repo)
    #expect(try read(repo, path).contains("stage: churned"))
    let pilot = "accounts/acme-corp/account.yaml"
    try repo.write(
      "export/Opportunity.csv",
      try read(repo, "export/Opportunity.csv").replacingOccurrences(
        of: "Prospecting", with: "Closed Lost"))
    _ = try handoff(["import", "salesforce"] + files, in: repo)
    #expect(try read(repo, pilot).contains("stage: lost"))  // lost before closing is allowed
  }

  @Test func badRowsAreReportedWithTheirLineAndOnlyTheirAccountIsSkipped() throws {
    let repo = try Self.repository()
    var files = try Self.salesforce(in: repo, role: "Champion")
    try repo.write(
      "export/Opportunity.csv",
      try read(repo, "export/Opportunity.csv")
        + "0063,Bad date,0013,Closed Won,2026-13-01,5,USD,0051,,\r\n0064,Odd "
        + "stage,0014,Signed,2026-01-01,5,USD,0051,,\r\n"
        + "0065,Bad amount,0015,Closed Won,2026-01-01,lots,USD,0051,,\r\n")
    let run = try handoff(["import", "salesforce"] + files, in: repo)
    #expect(run.status == 1)
    let lines = run.stdout.split(separator: "\n").map(String.init)
    #expect(
      lines.contains(
        "export/OpportunityContactRole.csv:3: error[import]: unknown contact role `Champion`; "
          + "map it under `roles` in a mapping file"
      ))
    #expect(
      lines.contains(
        "export/Opportunity.csv:5: error[import]: bad close date `2026-13-01`; expected "
          + "YYYY-MM-DD or M/D/YYYY"
      ))
    #expect(
      lines.contains {
        $0.hasPrefix("export/Opportunity.csv:6: error[import]: unknown stage `Signed`")
      })
    #expect(
      lines.contains { $0.hasPrefix("export/Opportunity.csv:7: error[import]: bad amount `lots`") })
    // The deal with the unmapped role is not written; the pilot is.
    #expect(!FileManager.default.fileExists(atPath: repo.path + "/accounts/lincoln-unified"))
    #expect(FileManager.default.fileExists(atPath: repo.path + "/accounts/acme-corp/account.yaml"))
    // A mapping file maps the role; a missing column is named at line 1.
    try repo.write("mapping.yaml", "roles:\n  Champion: champion\n")
    let mapped = try handoff(
      ["import", "salesforce", "--mapping", "mapping.yaml"] + files, in: repo)
    #expect(!mapped.stdout.contains("unknown contact role"))
    #expect(
      FileManager.default.fileExists(atPath: repo.path + "/accounts/lincoln-unified/account.yaml"))
    try repo.write("export/OpportunityLineItem.csv", "Id,Product\n1,Core\n")
    files = files.filter { !$0.contains("Opportunity.csv") }
    let missing = try handoff(
      ["import", "salesforce", "export/Opportunity.csv", "export/OpportunityLineItem.csv"], in: repo
    )
    #expect(
      missing.stdout.contains(
        "export/OpportunityLineItem.csv:1: error[import]: missing column `OpportunityId`"))
  }

  @Test func aLatin1ExportIsRefusedAndABadMappingStopsTheRun() throws {
    let repo = try Self.repository()
    try repo.write(
      "deals.csv",
      bytes: Array("id,name,stage\n1,".utf8) + [0x4D, 0xFC, 0x6C, 0x6C, 0x65, 0x72]
        + Array(",prospect\n".utf8))
    let run = try handoff(["import", "csv", "deals.csv"], in: repo)
    #expect(run.status == 1)
    #expect(run.stdout.hasPrefix("deals.csv:2: error[import]: the file is not UTF-8"))
    try repo.write("mapping.yaml", "stages:\n  Won: winning\n")
    let bad = try handoff(["import", "csv", "--mapping", "mapping.yaml", "deals.csv"], in: repo)
    #expect(bad.status == 2)
    #expect(
      bad.stderr
        == "mapping.yaml:2: error[import]: `winning` is not a stage; use one of prospect, "
        + "negotiation, closed-won, handed-off, onboarding, live, churned, lost\n"
    )
    let absent = try handoff(["import", "csv", "nothing.csv"], in: repo)
    #expect(absent.status == 2 && absent.stderr.hasPrefix("error: could not read nothing.csv"))
    let folder = try handoff(["import", "csv", "accounts"], in: repo)
    #expect(folder.status == 2)
    #expect(
      folder.stderr == "error: could not read accounts: it is a folder; name the exported files\n")
  }

  @Test func dryRunPrintsADiffAndWritesNothing() throws {
    let repo = try Self.repository()
    let files = try Self.salesforce(in: repo)
    let run = try handoff(["import", "salesforce", "--dry-run"] + files, in: repo)
    #expect(run.status == 0)
    #expect(run.stdout.contains("--- /dev/null\n+++ b/accounts/lincoln-unified/account.yaml\n"))
    #expect(run.stdout.contains("+  closed_on: 2026-08-14\n"))
    #expect(run.stdout.hasSuffix("2 accounts would be created, 0 would be updated, 0 unchanged\n"))
    #expect(!FileManager.default.fileExists(atPath: repo.path + "/accounts/lincoln-unified"))
  }

  @Test func hubSpotDealsWithTheirAssociatedContacts() throws {
    let repo = try Self.repository()
    try repo.write(
      "deals.csv",
      "Record ID,Deal Name,Deal Stage,Close Date,Amount,Deal owner,Associated "
        + "Company,Associated Contact\n"
        + "901,Oak renewal,Closed Won,2026-03-02 10:00,5000,Mei Chen,Oak Schools,Ann Lee "
        + "(ann@oak.example);Bo Park (bo@oak.example)\n"
    )
    let run = try handoff(["import", "hubspot", "deals.csv"], in: repo)
    #expect(run.status == 0, "\(run.stdout)")
    let root = try #require(
      YAMLLoader.load(try read(repo, "accounts/oak-schools/account.yaml")).root)
    #expect(root["owners"]?["sales"]?.string == "mei.chen")
    #expect(root["x-crm"]?["system"]?.string == "hubspot")
    let people = try #require(
      YAMLLoader.load(try read(repo, "accounts/oak-schools/stakeholders.yaml")).root)
    #expect(
      people["stakeholders"]?.items?.compactMap { $0["contact"]?.string } == [
        "ann@oak.example", "bo@oak.example",
      ])
  }

  @Test func assignmentFollowsRuleOrderAndBreaksTiesByTheEarlierName() throws {
    let settings = """
      accounts_dir: accounts
      assignment:
        - when: {region: CA}
          success: [raj.patel, mei.chen]
        - success: [sam.lee]

      """
    let repo = try Self.repository(settings: settings)
    // raj.patel already owns one account at onboarding; mei.chen none.
    try repo.writeAccount(
      "busy",
      replacing: [
        "account.yaml": Fixtures.account(at: "onboarding").replacingOccurrences(
          of: "  sales: jane.doe", with: "  sales: jane.doe\n  success: raj.patel")
      ])
    let files = try Self.salesforce(in: repo)
    _ = try handoff(["import", "salesforce"] + files, in: repo)
    let root = try #require(
      YAMLLoader.load(try read(repo, "accounts/lincoln-unified/account.yaml")).root)
    #expect(root["owners"]?["success"]?.string == "mei.chen")  // fewer accounts than raj.patel
    // `assign` takes the next closed account without a CSM: a tie now, to the earlier name.
    try repo.writeAccount(
      "fresh",
      replacing: [
        "account.yaml": Fixtures.account.replacingOccurrences(
          of: "segment: enterprise", with: "segment: enterprise\nregion: CA")
      ])
    let dry = try handoff(["assign", "--dry-run"], in: repo)
    #expect(dry.stdout.contains("would assign fresh: owners.success raj.patel"), "\(dry.stdout)")
    #expect(!(try read(repo, "accounts/fresh/account.yaml")).contains("success:"))
    let assigned = try handoff(["assign"], in: repo)
    #expect(assigned.stdout.contains("assigned fresh: owners.success raj.patel"))
    #expect(try read(repo, "accounts/fresh/account.yaml").contains("  success: raj.patel\n"))
    // An account that has a CSM is never reassigned; the pilot is not closed.
    let again = try handoff(["assign"], in: repo)
    #expect(again.stdout == "0 accounts assigned\n")
  }
}

extension ImportCommandTests {
  @Test func quotingMistakesAreReportedNotSwallowed() throws {
    let repo = try Self.repository()
    let header =
      "Id,Name,AccountId,StageName,CloseDate,Amount,CurrencyIsoCode,OwnerId,Description,NextStep\n"
    try repo.write(
      "Opportunity.csv",
      header
        + "1,Six,A1,Closed Won,2026-08-01,1,USD,U,\"unterminated\n2,Seven,A2,Closed "
        + "Won,2026-08-01,1,USD,U,,\n"
    )
    let open = try handoff(["import", "salesforce", "Opportunity.csv"], in: repo)
    #expect(open.status == 1)
    #expect(
      open.stdout.hasPrefix("Opportunity.csv:2: error[import]: a quoted field is never closed"))
    try repo.write(
      "Opportunity.csv", header + "1,Six,A1,Closed Won,2026-08-01,1,USD,U,\"bad \"quote\" mid\",\n")
    let stray = try handoff(["import", "salesforce", "Opportunity.csv"], in: repo)
    #expect(
      stray.stdout.hasPrefix(
        "Opportunity.csv:2: error[import]: a quoted field goes on after its closing quote"))
  }

  @Test func anotherCustomerWithTheSameNameGetsItsOwnFolder() throws {
    let repo = try Self.repository()
    let header =
      "Id,Name,AccountId,StageName,CloseDate,Amount,CurrencyIsoCode,OwnerId,Description,NextStep\n"
    try repo.write("Opportunity.csv", header + "006A,Deal,001A,Closed Won,2026-08-01,1,USD,U1,,\n")
    try repo.write("Account.csv", "Id,Name\n001A,Acme\n")
    _ = try handoff(["import", "salesforce", "Opportunity.csv", "Account.csv"], in: repo)
    let acme = try read(repo, "accounts/acme/account.yaml")
    try repo.write(
      "Opportunity.csv", header + "006Z,Other,001Z,Negotiation/Review,2026-10-14,999,EUR,U2,,\n")
    try repo.write("Account.csv", "Id,Name\n001Z,ACME\n")
    let run = try handoff(["import", "salesforce", "Opportunity.csv", "Account.csv"], in: repo)
    #expect(run.stdout.contains("create accounts/acme-001z"), "\(run.stdout)")
    #expect(try read(repo, "accounts/acme/account.yaml") == acme)
    // In one export, two customers whose names give one id both get a folder.
    try repo.write(
      "Opportunity.csv",
      header
        + "006B,B,001B,Prospecting,2026-10-14,1,USD,U,,\n006C,C,001C,Prospecting,2026-10-14,1,USD,U,,\n"
    )
    try repo.write("Account.csv", "Id,Name\n001B,Foo Bar\n001C,foo-bar\n")
    let both = try handoff(["import", "salesforce", "Opportunity.csv", "Account.csv"], in: repo)
    #expect(
      both.stdout.contains("create accounts/foo-bar\n")
        || both.stdout.contains("create accounts/foo-bar:"))
    #expect(both.stdout.contains("create accounts/foo-bar-001c"), "\(both.stdout)")
  }

  @Test func theDealFoundByItsOwnIdKeepsItsAccountWhateverTheRowOrder() throws {
    let repo = try Self.repository()
    let header =
      "Id,Name,AccountId,StageName,CloseDate,Amount,CurrencyIsoCode,OwnerId,Description,NextStep\n"
    let first = "006A,First,001A,Closed Won,2026-08-01,100,USD,U,,\n"
    let second = "006B,Second,001A,Closed Won,2026-09-01,200,USD,U,,\n"
    try repo.write("Account.csv", "Id,Name\n001A,Acme\n")
    try repo.write("Opportunity.csv", header + first)
    _ = try handoff(["import", "salesforce", "Opportunity.csv", "Account.csv"], in: repo)
    try repo.write("Opportunity.csv", header + second + first)
    let run = try handoff(["import", "salesforce", "Opportunity.csv", "Account.csv"], in: repo)
    #expect(
      run.stdout.contains("Opportunity.csv:2: warning[import]: skipped: accounts/acme"),
      "\(run.stdout)")
    #expect(
      YAMLLoader.load(try read(repo, "accounts/acme/account.yaml")).root?["x-crm"]?["opportunity"]?
        .string == "006A")
  }

  @Test func anOpenDealsExpectedDateIsNeverAClosedOn() throws {
    let repo = try Self.repository()
    let header =
      "Id,Name,AccountId,StageName,CloseDate,Amount,CurrencyIsoCode,OwnerId,Description,NextStep\n"
    try repo.write(
      "Opportunity.csv", header + "006A,Rockets,,Negotiation/Review,2026-09-30,1,USD,U,,\n")
    _ = try handoff(["import", "salesforce", "Opportunity.csv"], in: repo)
    let path = "accounts/rockets/account.yaml"
    try repo.write(
      path,
      try read(repo, path).replacingOccurrences(of: "stage: negotiation", with: "stage: closed-won")
    )
    _ = try handoff(["import", "salesforce", "Opportunity.csv"], in: repo)
    #expect(!(try read(repo, path)).contains("closed_on: 2026-09-30"))
  }

  @Test func aMappedColumnThatIsMissingIsAnError() throws {
    let repo = try Self.repository()
    let files = try Self.salesforce(in: repo)
    try repo.write("mapping.yaml", "columns:\n  deals.amount: Nope__c\n")
    let run = try handoff(["import", "salesforce", "--mapping", "mapping.yaml"] + files, in: repo)
    #expect(run.status == 1)
    #expect(
      run.stdout.contains(
        "export/Opportunity.csv:1: error[import]: missing column `Nope__c`, which the mapping "
          + "file names for `deals.amount`"
      ))
  }
}
