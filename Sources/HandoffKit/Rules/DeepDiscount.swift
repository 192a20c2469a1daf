/// `deep-discount`: `deal.discount_pct` of 25 or more.
struct DeepDiscount: DerivedRedFlag {
  let id = RuleID.deepDiscount
  static let threshold = 25.0

  func check(_ record: AccountRecord, _ context: RuleContext) -> [FileFinding] {
    guard let node = record.accountValue("deal.discount_pct"), let discount = node.number,
      discount >= Self.threshold
    else { return [] }
    return [FileFinding(id, .deep(discount), in: .account, at: node.location)]
  }
}

extension String {
  fileprivate static func deep(_ discount: Double) -> String {
    "a \(SchemaMessage.format(discount))% discount is deep (25% or more); make sure the value "
      + "case is clear to success"
  }
}
