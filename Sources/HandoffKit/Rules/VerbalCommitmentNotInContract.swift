/// `verbal-commitment-not-in-contract`: a live promise made on a call or in a demo that the
/// contract does not carry.
struct VerbalCommitmentNotInContract: DerivedRedFlag {
  let id = RuleID.verbalCommitmentNotInContract

  func check(_ record: AccountRecord, _ context: RuleContext) -> [FileFinding] {
    record.commitments.filter { $0.isLiveCommitment && $0.isVerbalOutsideContract }.map {
      commitment in
      FileFinding(
        id,
        .verbal(commitment["id"]?.string ?? "?", source: commitment["source"]?.string ?? "call"),
        in: .commitments, at: commitment.location)
    }
  }
}

extension String {
  fileprivate static func verbal(_ id: String, source: String) -> String {
    "commitment `\(Excerpt.of(id))` was promised in a \(source) and is not in the contract; get "
      + "it into the "
      + "order form or confirm it with the customer in writing"
  }
}
