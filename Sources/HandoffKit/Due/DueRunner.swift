/// Builds the queue of what is due from the work tree or a commit.
public enum DueRunner {
  public static func run(
    repositoryPath: String, revision: String?, asOf: CalendarDate, withinDays: Int = DueQueue.defaultWindow,
    owner: String? = nil
  ) throws(ValidationFailure) -> DueQueue {
    let repository = try Repository.open(forCommandAt: repositoryPath)
    let snapshot = try Snapshot.open(revision, in: repository)
    let settings = try snapshot.loadSettings().settings
    let records = try snapshot.records(settings: settings, during: "due")
    let levels = settings.serviceLevels
    let items = records.flatMap { record in
      DueQueue.items(of: record, levels: levels, asOf: asOf, withinDays: withinDays)
    }
    return DueQueue(asOf: asOf, withinDays: withinDays, owner: owner, items: items)
  }
}
