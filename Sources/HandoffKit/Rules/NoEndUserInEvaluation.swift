/// `no-end-user-in-evaluation`: nobody who will use the product took part in choosing it.
struct NoEndUserInEvaluation: DerivedRedFlag {
  let id = RuleID.noEndUserInEvaluation

  func check(_ record: AccountRecord, _ context: RuleContext) -> [FileFinding] {
    guard let root = record.roots[.stakeholders], root["stakeholders"]?.items != nil else {
      return []
    }
    let involved = record.stakeholders.contains { person in
      (person["roles"]?.strings.contains("end-user") ?? false)
        && person["involved_in_evaluation"]?.bool == true
    }
    guard !involved else { return [] }
    return [FileFinding(id, .noEndUser, in: .stakeholders, at: root["stakeholders"]?.location)]
  }
}

extension String {
  fileprivate static let noEndUser =
    "no end user took part in the evaluation (no stakeholder with role `end-user` and "
    + "`involved_in_evaluation: true`); adoption is at risk"
}
