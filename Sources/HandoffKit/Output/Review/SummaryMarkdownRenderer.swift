/// The pull request comment: one header line for the whole change, then a section per account.
///
/// Code hosts refuse a comment longer than 65,536 characters, so whole accounts are left out
/// past that (the accounts the gate fails first, then those above the red-flag threshold, then
/// the rest by name), and the last line says how many.
public struct SummaryMarkdownRenderer: Renderer {
  /// GitHub's and GitLab's limit for a comment, counted here in UTF-8 bytes (never fewer than
  /// characters), so a cut document always fits.
  public var limit: Int

  public init(limit: Int = 65_536) { self.limit = limit }

  /// The first line, invisible in the rendered comment: what CI looks for to edit its earlier
  /// comment instead of adding one on every push.
  public static let marker = "<!-- handoff:summary -->"

  public func render(_ summary: ChangeSummary) -> String {
    let head = Self.marker + "\n" + header(summary) + "\n"
    let ordered = summary.accounts.sorted { one, two in
      let first = (
        one.verdict.introduced.isEmpty ? 1 : 0, one.reviewers.escalated ? 0 : 1, one.account
      )
      let second = (
        two.verdict.introduced.isEmpty ? 1 : 0, two.reviewers.escalated ? 0 : 1, two.account
      )
      return first < second
    }
    var out = head
    var size = head.utf8.count
    for (index, account) in ordered.enumerated() {
      let part = "\n" + section(account)
      let left = ordered.count - index - 1
      // Room is kept for the closing line whenever accounts remain after this one.
      let reserve = left > 0 ? omitted(left).utf8.count : 0
      guard size + part.utf8.count + reserve <= limit else {
        out += omitted(ordered.count - index)
        return out
      }
      out += part
      size += part.utf8.count
    }
    if summary.accounts.isEmpty { out += "\nNo account record changes.\n" }
    return out
  }

  private func omitted(_ count: Int) -> String {
    "\n_\(SummaryWording.count(count, "more account")) left out to stay within a comment's size; "
      + "run `handoff summary` locally for all of them._\n"
  }

  private func header(_ summary: ChangeSummary) -> String {
    let range =
      (summary.fork ?? summary.base).map {
        "`\($0.description.prefix(12))..\(summary.tip.description.prefix(12))`"
      }
      ?? "`\(summary.tip.description.prefix(12))`"
    let added = summary.accounts.count { $0.change == .added }
    let deleted = summary.accounts.count { $0.change == .deleted }
    let unchanged = summary.accounts.count { $0.change == .unchanged }
    var counts: [String] = []
    if added > 0 { counts.append("\(added) added") }
    if deleted > 0 { counts.append("\(deleted) deleted") }
    if unchanged > 0 { counts.append("\(unchanged) with the same files") }
    var parts = [
      SummaryWording.count(summary.accounts.count, "account") + " touched"
        + (counts.isEmpty ? "" : " (\(counts.joined(separator: ", ")))")
        + (summary.everyAccount
          ? ", every account because the settings or the accounts folder changed" : "")
    ]
    let gate =
      summary.errors == 0
      ? "gate passes" : "gate fails with \(SummaryWording.count(summary.errors, "error"))"
    parts.append(gate + " (\(summary.errorsIntroduced) introduced, \(summary.errorsFixed) fixed)")
    if !summary.escalated.isEmpty {
      parts.append(
        "\(SummaryWording.count(summary.escalated.count, "account")) above the red-flag threshold")
    }
    parts.append(
      "reviewers: "
        + (summary.reviewers.isEmpty
          ? "none" : summary.reviewers.map(MarkdownText.cell).joined(separator: " ")))
    return "**Handoff summary** \(range): " + parts.joined(separator: "; ")
  }

  private func section(_ account: AccountSummary) -> String {
    let change = account.change == .unchanged ? "files unchanged" : account.change.rawValue
    var out = "### \(MarkdownText.code(account.account)) (\(change))\n\n"
    var facts: [String] = []
    if let stage = account.stage {
      facts.append(
        "**Stage** \(MarkdownText.cell(stage.from ?? "none")) → "
          + "\(MarkdownText.cell(stage.to ?? "none"))"
      )
    }
    facts.append(
      "**Checklist** \(SummaryWording.checklist(account.before)) → "
        + "\(SummaryWording.checklist(account.after)) fully documented ("
        + "\(SummaryWording.percent(account.before)) → \(SummaryWording.percent(account.after)) "
        + "complete)"
    )
    out += facts.joined(separator: " · ") + "\n"
    if !account.nowFully.isEmpty {
      out += "\nNow fully documented: \(SummaryWording.items(account.nowFully)).\n"
    }
    if !account.noLongerFully.isEmpty {
      out += "\nNo longer fully documented: \(SummaryWording.items(account.noLongerFully)).\n"
    }
    out += commitments(account.commitments)
    out += "\n" + risk(account.risk) + "\n"
    out += "\n" + verdict(account.verdict)
    out += "\n" + reviewers(account.reviewers) + "\n"
    return out
  }

  private func commitments(_ changes: AccountSummary.Commitments) -> String {
    guard !changes.isEmpty else { return "" }
    var rows: [(String, String, String)] = []
    for item in changes.added {
      rows.append(
        (
          item.id, "added",
          [item.promise.map(Excerpt.of), item.due.map { "due \($0)" }].compactMap { $0 }.joined(
            separator: "; ")
        ))
    }
    for item in changes.withdrawn {
      rows.append((item.id, "withdrawn", item.reason.map(Excerpt.of) ?? "no reason given"))
    }
    for item in changes.redated {
      rows.append((item.id, "re-dated", "\(item.from ?? "no date") → \(item.to ?? "no date")"))
    }
    for item in changes.changed {
      rows.append(
        (
          item.id, "changed",
          item.fields.map { "\($0.field): \(Self.value($0.from)) → \(Self.value($0.to))" }.joined(
            separator: "; ")
        ))
    }
    for id in changes.removed { rows.append((id, "removed", "gone from commitments.yaml")) }
    var out = "\n| commitment | change | detail |\n| --- | --- | --- |\n"
    for (id, change, detail) in rows {
      out += "| \(MarkdownText.code(id)) | \(change) | \(MarkdownText.cell(detail)) |\n"
    }
    return out
  }

  private static func value(_ json: JSONValue) -> String {
    switch json {
    case .null: "none"
    case .string(let text): Excerpt.of(text)
    default: Excerpt.of(json.serialized())
    }
  }

  private func risk(_ risk: AccountSummary.Risk) -> String {
    var out = "**Red flags** \(risk.total) against a threshold of \(risk.threshold): "
    out +=
      risk.mitigationNeeded
      ? "a mitigation plan is needed"
        + (risk.mitigationPresent ? " and present" : " and **missing**")
      : "no mitigation plan needed"
    if !risk.added.isEmpty {
      out += "; added " + risk.added.map(MarkdownText.code).joined(separator: ", ")
    }
    if !risk.removed.isEmpty {
      out += "; removed " + risk.removed.map(MarkdownText.code).joined(separator: ", ")
    }
    return out + "."
  }

  private func verdict(_ verdict: AccountSummary.Verdict) -> String {
    var out =
      "**Gate** " + (verdict.errors == 0 ? "passes" : "fails")
      + ": \(SummaryWording.count(verdict.errors, "error")), "
      + "\(SummaryWording.count(verdict.warnings, "warning"))"
      + " (\(verdict.introduced.count) introduced, \(verdict.fixed.count) fixed)\n"
    for (word, findings) in [("introduced", verdict.introduced), ("fixed", verdict.fixed)] {
      for finding in findings {
        out +=
          "- \(word): \(MarkdownText.code(SummaryWording.position(finding))) "
          + "\(finding.ruleID): \(MarkdownText.cell(finding.message))\n"
      }
    }
    return out
  }

  private func reviewers(_ reviewers: AccountReviewers) -> String {
    var parts = reviewers.reviewers.map { reviewer in
      reviewer.role == "escalation"
        ? "\(MarkdownText.cell(reviewer.handle)) (escalation)"
        : "\(MarkdownText.cell(reviewer.handle)) (\(reviewer.role): "
          + "\(MarkdownText.cell(reviewer.name ?? "")))"
    }
    parts += reviewers.missing.map { "no handle for \(MarkdownText.code($0.name)) (\($0.key))" }
    return "**Reviewers** "
      + (parts.isEmpty ? "nobody (no owners recorded)" : parts.joined(separator: ", "))
  }
}
