/// Gathers the facts of every account for the portfolio report in one pass on every core: the
/// record at HEAD is read once, validated and audited, and compared with its close version.
public enum PortfolioScanner {
  public struct Scan: Sendable {
    public var head: CommitDetails
    public var settings: Settings
    /// Every account at HEAD, closed or not.
    public var facts: [HandoffFacts]
  }

  public static func scan(in workspace: Workspace, useIndex: Bool = true, progress: Progress? = nil)
    throws(HandoffError) -> Scan
  {
    let repository = workspace.repository
    var timer = PhaseTimer()
    let head = try workspace.headCommit()
    let (settings, settingsID) = try workspace.committedSettings()
    do {
      // The same switch as the history index: `--no-cache` computes every account afresh.
      let cache = useIndex ? ReportCache.open(repository: repository) : nil
      let snapshot = try Snapshot.open(head.description, in: repository)
      let layout = AccountLayout.scan(
        try snapshot.accountItems(under: settings.accountsDirectory, useCache: useIndex),
        accountsDirectory: settings.accountsDirectory)
      timer.mark("report: \(layout.accounts.count) accounts listed at HEAD")
      var layoutErrors: [String: Int] = [:]
      for finding in layout.findings
      where settings.severity(of: finding.ruleID, default: finding.severity) == .error {
        if let account = finding.account { layoutErrors[account, default: 0] += 1 }
      }
      // The walk first, then HEAD on every core: run side by side they fought over two cores
      // (more work done in all, none of it sooner) and HEAD's facts waited in memory.
      let closes = try CloseFinder.find(
        in: workspace, useIndex: useIndex, judgeCompleteness: true, progress: progress)
      let closeByAccount = Dictionary(
        closes.map { ($0.account, $0) }, uniquingKeysWith: { first, _ in first })
      let unopened = GitError.unopened(during: "report")
      timer.mark("report: closes found")
      progress?.begin("auditing accounts", total: layout.accounts.count)
      let results = Parallel.map(
        layout.accounts,
        makeContext: { worker in
          // One store a worker, reading through the snapshot reader's own pack reader: each
          // opens the packs and keeps what it inflated.
          (try? snapshot.makeReader(for: worker)).flatMap { reader in
            reader.repository.map {
              (
                reader,
                RecordHistoryStore(
                  repository: $0, accountsDirectory: settings.accountsDirectory,
                  objects: reader.objects)
              )
            }
          }
        }
      ) {
        context, folder -> Result<HandoffFacts, GitError> in
        defer { progress?.advance() }
        guard let (reader, store) = context else { return .failure(unopened) }
        do throws(GitError) {
          let close = closeByAccount[folder.id]
          let key =
            cache == nil ? nil : ReportCache.key(of: folder, settingsID: settingsID, close: close)
          var account: HandoffFacts
          if let key, let known = cache?.value(for: key) {
            account = known
            account.account = folder.id
          } else {
            let atHead = Self.headFacts(of: folder, reader: reader, settings: settings)
            account = try Self.facts(atHead, close: close, store: store)
            if let key { cache?.store(account, for: key) }
          }
          account.errors += layoutErrors[folder.id] ?? 0
          return .success(account)
        } catch {
          return .failure(error)
        }
      }
      cache?.save()
      timer.mark(
        "report: \(layout.accounts.count) accounts checked, audited and compared with their close")
      return Scan(
        head: try repository.details(of: head), settings: settings,
        facts: try results.map { try $0.get() })
    } catch {
      throw HandoffError(error, during: "report")
    }
  }

  /// What HEAD's files alone say of an account: every fact but those of its close.
  struct HeadFacts: Sendable {
    var facts: HandoffFacts
    var commitments: [YAMLNode]
    /// The blob `commitments` came from, when it loaded without problems: a close version with
    /// the same blob has the same commitments, and is not read again.
    var commitmentsBlob: OID?
    var endedOn: CalendarDate?
  }

  /// The facts of HEAD completed with those of the close: its commit, how long the record took
  /// to be without errors, and what changed in the commitments since.
  static func facts(_ atHead: HeadFacts, close: AccountClose?, store: RecordHistoryStore)
    throws(GitError) -> HandoffFacts
  {
    var facts = atHead.facts
    if let close, close.commit != nil, let closeFolder = close.folder {
      let closeBlob = try store.files(ofFolder: closeFolder).commitments
      let unchanged = atHead.commitmentsBlob != nil && closeBlob == atHead.commitmentsBlob
      let drift = Drift.drift(
        facts.account,
        before: unchanged ? atHead.commitments : try store.commitments(ofFolder: closeFolder),
        after: atHead.commitments)
      let headIDs = Set(atHead.commitments.compactMap { $0["id"]?.string })
      facts.redated = drift.redated.count
      facts.missed = drift.missed.count
      facts.withdrawn = drift.withdrawn.count
      facts.removedAfterClose =
        Set(close.commitments + close.addedAfterClose).subtracting(headIDs).count
    }
    facts.close = close?.commit
    facts.secondsToComplete = close?.commit.flatMap { commit in
      close?.completedAt.map { max(0, $0 - commit.time) }
    }
    facts.commitmentsAtClose = close?.commitments.count ?? 0
    facts.addedAfterClose = close?.addedAfterClose.count ?? 0
    facts.churnDay = atHead.endedOn ?? close?.churnedOn
    return facts
  }

  /// An account's files at HEAD checked and audited; the facts of its close left empty.
  static func headFacts(of folder: AccountFolder, reader: SnapshotReader, settings: Settings)
    -> HeadFacts
  {
    let files =
      folder.files.map { (kind, item) in (kind, try? reader.contents(of: item).bytes) }
      + folder.unreadable.map { ($0, nil as [UInt8]?) }
    let (findings, record) = AccountChecker.check(
      account: folder.id, files: files, settings: settings)
    let audit = Auditor.audit(record, settings: settings)
    let closedOn = record.accountDate("deal.closed_on")?.date
    func days(to path: String) -> Int? {
      guard let closedOn, let date = record.accountDate(path)?.date else { return nil }
      return date.dayNumber - closedOn.dayNumber
    }
    let verbal = record.commitments.filter {
      $0["status"]?.string != "withdrawn" && $0.isVerbalOutsideContract
    }
    func score(_ path: String) -> Int? {
      record.accountValue(path)?.number.flatMap { value in
        value == value.rounded() && (1...5).contains(value) ? Int(value) : nil
      }
    }
    let confidence = score("handoff.csm_confidence")
    var facts = HandoffFacts(
      account: folder.id,
      salesOwner: record.accountValue("owners.sales")?.string,
      errors: findings.count { settings.isError($0.ruleID) },
      close: nil, secondsToComplete: nil,
      closedOn: closedOn, daysToIntro: days(to: "handoff.intro_meeting"),
      daysToKickoff: days(to: "handoff.kickoff"),
      reconciled: record.accountDate("handoff.reconciled_on") != nil, csmConfidence: confidence,
      commitmentsAtClose: 0, addedAfterClose: 0, redated: 0, missed: 0, withdrawn: 0,
      removedAfterClose: 0, verbalPromises: verbal.count,
      completeness: audit.completeness, gaps: audit.items.filter { $0.coverage != .fully },
      redFlags: audit.redFlags, aboveThreshold: audit.mitigationNeeded,
      mitigationPresent: audit.mitigationPresent)
    facts.stage = record.stage
    facts.segment = record.accountValue("segment")?.string
    facts.daysToFirstValue = days(to: "handoff.first_value_on")
    facts.effortScore = score("handoff.effort_score")
    facts.kickoffHeld = record.accountDate("handoff.kickoff") != nil
    let attendance = record.stakeholders.compactMap { $0["attended_kickoff"]?.bool }
    facts.attendanceRecorded = attendance.count
    facts.attendedKickoff = attendance.count { $0 }
    if let kickoff = record.accountDate("handoff.kickoff")?.date,
      let reconciled = record.accountDate("handoff.reconciled_on")?.date
    {
      facts.daysFromKickoffToReconcile = reconciled.dayNumber - kickoff.dayNumber
    }
    facts.warmTransitionDays = days(to: "handoff.warm_transition_until")
    let context = RuleContext(settings: settings)
    facts.introDue = context.requirement(from: .handedOff, appliesAt: record.stage)
    facts.warmTransitionDue = facts.introDue
    facts.reconcileDue = context.requirement(from: .onboarding, appliesAt: record.stage)
    let commitmentsBlob =
      record.roots[.commitments] == nil
      ? nil : folder.files.first { $0.kind == .commitments }?.item.oid
    return HeadFacts(
      facts: facts, commitments: record.commitments, commitmentsBlob: commitmentsBlob,
      endedOn: record.accountDate("contract.ended_on")?.date)
  }
}
