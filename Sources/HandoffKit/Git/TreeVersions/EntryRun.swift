/// A stretch of consecutive entries of a tree version, as numbers of a `TreeEntryTable`. Runs
/// never change once made, so the versions a delta makes hold their base's runs wherever the
/// delta copies them whole: a version then costs what changed in it plus one reference a run,
/// and two versions compare run by run before they compare entry by entry.
final class EntryRun: Sendable {
  /// The entries' numbers, in the tree's order; never empty.
  let entries: [Int32]
  /// Where each entry ends, counted from the run's start: the last is the run's size in bytes.
  let ends: [Int32]

  init(entries: [Int32], ends: [Int32]) {
    self.entries = entries
    self.ends = ends
  }

  var size: Int32 { ends[ends.count - 1] }

  /// Where entry `index` starts, counted from the run's start.
  func start(of index: Int) -> Int32 { index == 0 ? 0 : ends[index - 1] }

  /// The index of the entry holding byte `offset` (counted from the run's start, inside it).
  func index(holding offset: Int32) -> Int {
    partitionPoint(0..<ends.count) { ends[$0] <= offset }
  }
}
