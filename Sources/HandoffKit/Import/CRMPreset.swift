/// What one CRM's exports look like: the tables, the header of each field (API names and UI
/// labels both), its stage names and contact roles. A mapping file overrides any of it.
public struct CRMPreset: Sendable {
  /// The kinds of table an export holds.
  enum Table: String, Sendable, CaseIterable {
    case deals, accounts, contacts
    case contactRoles = "contact_roles"
    case lineItems = "line_items"
    case users
  }

  public enum System: String, Sendable, CaseIterable {
    case salesforce, hubspot, csv
  }

  var system: System
  /// For each `table.field`, the headers that may hold it, first match wins.
  var columns: [String: [String]]
  /// CRM stage (as exported, compared case-insensitively) to record stage.
  var stages: [String: Stage]
  /// CRM contact role to record role.
  var roles: [String: String]
  /// CRM value to segment (when a segment column is mapped).
  var segments: [String: String] = [:]
  /// CRM user id or name to the name the records use.
  var owners: [String: String] = [:]
  /// Fields whose column a mapping file names: a file of their kind must have it.
  var mapped: Set<String> = []

  static func preset(for system: System) -> CRMPreset {
    switch system {
    case .salesforce: salesforce
    case .hubspot: hubspot
    case .csv: generic
    }
  }

  /// The record roles a CRM role may be mapped to.
  static let recordRoles = [
    "economic-buyer", "champion", "technical-decision-maker", "executive-sponsor", "admin",
    "end-user", "evaluator",
    "influencer",
  ]

  static let salesforce = CRMPreset(
    system: .salesforce,
    columns: [
      "deals.id": ["Id", "Opportunity ID", "Opportunity 18-digit ID", "Opportunity.Id"],
      "deals.name": ["Name", "Opportunity Name", "Opportunity.Name"],
      "deals.account": ["AccountId", "Account ID", "Account 18-digit ID"],
      "deals.account_name": ["Account.Name", "Account Name"],
      "deals.stage": ["StageName", "Stage"],
      "deals.close_date": ["CloseDate", "Close Date"],
      "deals.amount": ["Amount"],
      "deals.currency": ["CurrencyIsoCode", "Opportunity Currency", "Amount Currency", "Currency"],
      "deals.owner": ["OwnerId", "Opportunity Owner", "Owner.Name", "Owner Name"],
      "deals.region": [],
      "deals.segment": [],
      "accounts.id": ["Id", "Account ID"],
      "accounts.name": ["Name", "Account Name"],
      "accounts.region": [
        "BillingState", "Billing State/Province", "BillingCountry", "Billing Country",
      ],
      "accounts.segment": [],
      "contacts.id": ["Id", "Contact ID"],
      "contacts.first_name": ["FirstName", "First Name"],
      "contacts.last_name": ["LastName", "Last Name"],
      "contacts.name": ["Name", "Full Name", "Contact Name"],
      "contacts.email": ["Email"],
      "contacts.title": ["Title"],
      "contact_roles.deal": ["OpportunityId", "Opportunity ID"],
      "contact_roles.contact": ["ContactId", "Contact ID"],
      "contact_roles.role": ["Role", "Contact Role"],
      "contact_roles.primary": ["IsPrimary", "Primary"],
      "line_items.deal": ["OpportunityId", "Opportunity ID"],
      "line_items.product": [
        "Product2.Name", "Product Name", "ProductName", "Name", "ProductCode", "Product Code",
      ],
      "users.id": ["Id", "User ID"],
      "users.name": ["Name", "Full Name"],
      "users.email": ["Email"],
    ],
    stages: [
      "prospecting": .prospect, "qualification": .prospect, "needs analysis": .prospect,
      "value proposition": .prospect, "id. decision makers": .prospect,
      "perception analysis": .prospect,
      "proposal/price quote": .negotiation, "negotiation/review": .negotiation,
      "negotiation": .negotiation,
      "closed won": .closedWon, "closed lost": .lost,
    ],
    roles: [
      "economic buyer": "economic-buyer", "economic decision maker": "economic-buyer",
      "technical buyer": "technical-decision-maker", "executive sponsor": "executive-sponsor",
      "business user": "end-user", "evaluator": "evaluator", "influencer": "influencer",
    ])

  static let hubspot = CRMPreset(
    system: .hubspot,
    columns: [
      "deals.id": ["hs_object_id", "Record ID", "Deal ID", "dealId"],
      "deals.name": ["dealname", "Deal Name"],
      "deals.account": ["associatedcompanyid", "Associated Company IDs", "Associated Company ID"],
      "deals.account_name": [
        "Associated Company", "Associated Company (Primary)", "company", "Company name",
      ],
      "deals.stage": ["dealstage", "Deal Stage"],
      "deals.close_date": ["closedate", "Close Date"],
      "deals.amount": ["amount", "Amount"],
      "deals.currency": ["deal_currency_code", "Currency"],
      "deals.owner": ["hubspot_owner_id", "Deal owner", "Deal Owner"],
      "deals.contacts": ["Associated Contact", "Associated Contacts", "associated_contacts"],
      "deals.region": [],
      "deals.segment": [],
      "contacts.id": ["hs_object_id", "Record ID", "Contact ID"],
      "contacts.first_name": ["firstname", "First Name"],
      "contacts.last_name": ["lastname", "Last Name"],
      "contacts.name": [],
      "contacts.email": ["email", "Email"],
      "contacts.title": ["jobtitle", "Job Title"],
      "contacts.deal": [
        "Associated Deal", "Associated Deal IDs", "associated_deal", "associateddealid",
      ],
      "contacts.role": ["hs_buying_role", "Buying Role", "Contact Role", "role"],
      "users.id": ["Owner ID", "id", "ID"],
      "users.name": ["Name", "Full Name"],
      "users.email": ["Email", "email"],
    ],
    stages: [
      "appointmentscheduled": .prospect, "appointment scheduled": .prospect,
      "qualifiedtobuy": .prospect,
      "qualified to buy": .prospect, "presentationscheduled": .prospect,
      "presentation scheduled": .prospect,
      "decisionmakerboughtin": .negotiation, "decision maker bought-in": .negotiation,
      "contractsent": .negotiation, "contract sent": .negotiation, "closedwon": .closedWon,
      "closed won": .closedWon,
      "closedlost": .lost, "closed lost": .lost,
    ],
    roles: [
      "budget_holder": "economic-buyer", "budget holder": "economic-buyer",
      "decision_maker": "economic-buyer",
      "decision maker": "economic-buyer", "economic buyer": "economic-buyer",
      "champion": "champion",
      "end_user": "end-user", "end user": "end-user", "executive_sponsor": "executive-sponsor",
      "executive sponsor": "executive-sponsor", "influencer": "influencer",
      "evaluator": "evaluator",
      "technical buyer": "technical-decision-maker",
    ])

  /// A plain spreadsheet: one row per deal, the record's own names as headers.
  static let generic = CRMPreset(
    system: .csv,
    columns: [
      "deals.id": ["id", "crm_id", "opportunity"],
      "deals.name": ["name", "opportunity_name"],
      "deals.account": ["account_id"],
      "deals.account_name": ["account", "account_name"],
      "deals.stage": ["stage"],
      "deals.close_date": ["deal.closed_on", "closed_on", "close_date"],
      "deals.amount": ["deal.arr", "arr", "amount"],
      "deals.currency": ["deal.currency", "currency"],
      "deals.owner": ["owners.sales", "sales", "owner"],
      "deals.region": ["region"],
      "deals.segment": ["segment"],
      "deals.products": ["products"],
    ],
    stages: Dictionary(uniqueKeysWithValues: Stage.allCases.map { ($0.rawValue, $0) }),
    roles: Dictionary(uniqueKeysWithValues: recordRoles.map { ($0, $0) }),
    segments: ["smb": "smb", "mid-market": "mid-market", "enterprise": "enterprise"])
}
