/// `roadmap-commitment`: a live promise of a capability that has not shipped yet.
struct RoadmapCommitment: DerivedRedFlag {
  let id = RuleID.roadmapCommitment

  func check(_ record: AccountRecord, _ context: RuleContext) -> [FileFinding] {
    record.commitments.filter { $0.isLiveCommitment && $0["roadmap"]?.bool == true }.map {
      commitment in
      FileFinding(
        id, .roadmap(commitment["id"]?.string ?? "?"), in: .commitments, at: commitment.location)
    }
  }
}

extension String {
  fileprivate static func roadmap(_ id: String) -> String {
    "commitment `\(Excerpt.of(id))` promises a capability that has not shipped yet; agree a "
      + "date with product"
  }
}
