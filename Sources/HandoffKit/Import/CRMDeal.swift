import Foundation

/// One deal as the CRM export says it, already in the record's terms: what `import` writes
/// into an account folder.
struct CRMDeal: Sendable {
  struct Contact: Sendable, Equatable {
    var id: String?
    var name: String
    var title: String?
    var email: String?
    var roles: [String]
  }

  /// Where the deal's row starts, for messages.
  var path: String
  var line: Int
  var system: CRMPreset.System
  var dealID: String?
  var accountID: String?
  var accountName: String?
  var name: String
  var stage: Stage
  var closedOn: CalendarDate?
  /// The amount as a number literal (`84000`, `84000.5`).
  var amount: String?
  var currency: String?
  var owner: String?
  var region: String?
  var segment: String?
  var products: [String] = []
  var contacts: [Contact] = []

  /// The account folder a new deal gets: a slug of the account's name (or the deal's).
  var accountFolderID: String {
    let slug = AccountID.slug(accountName ?? name)
    if !slug.isEmpty { return slug }
    return AccountID.slug("account-" + (dealID ?? String(line)))
  }
}

extension AccountID {
  /// `Lincoln Unified (CA)` → `lincoln-unified-ca`: lower-case ASCII letters and digits, accents
  /// dropped, everything else a single dash; at most 63 characters, a valid account id or "".
  static func slug(_ text: String) -> String {
    let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
      .lowercased()
    var slug = ""
    var dash = false
    for scalar in folded.unicodeScalars {
      if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
        if dash, !slug.isEmpty { slug += "-" }
        slug.unicodeScalars.append(scalar)
        dash = false
      } else {
        dash = true
      }
    }
    if slug.count > 63 { slug = String(slug.prefix(63)) }
    while slug.hasSuffix("-") { slug.removeLast() }
    return slug
  }
}
