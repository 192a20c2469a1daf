/// `missing-file`: account.yaml always; goals, stakeholders, commitments and risks from
/// closed-won (from `require_complete_from`).
struct MissingFile: AccountRule {
  let id = RuleID.missingFile

  func check(_ record: AccountRecord, _ context: RuleContext) -> [FileFinding] {
    guard record.present.contains(.account) else {
      return [
        FileFinding(
          ruleID: id, message: .missingAccountFile, file: RecordFile.account.fileName, location: nil
        )
      ]
    }
    guard context.requirement(from: .closedWon, appliesAt: record.stage) else { return [] }
    let required: [RecordFile] = [.goals, .stakeholders, .commitments, .risks]
    return required.filter { !record.present.contains($0) }.map { file in
      FileFinding(
        ruleID: id,
        message: .missing(file, stage: record.stage!, from: context.enforcedStage(for: .closedWon)),
        file: file.fileName, location: nil)
    }
  }
}

extension String {
  fileprivate static let missingAccountFile =
    "account.yaml is missing; every account folder needs one (name, stage, segment, owners)"

  fileprivate static func missing(_ file: RecordFile, stage: Stage, from required: Stage) -> String
  {
    "\(file.fileName) is missing; it is required from \(required.rawValue) and the account is "
      + "\(stage.rawValue)"
  }
}
