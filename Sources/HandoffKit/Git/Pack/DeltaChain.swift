/// Objects made from a pack's deltas, by where they start, kept up to a budget in the caller's
/// own measure (entries, bytes); over it, the least recently used half is forgotten.
struct RecentObjects<Value> {
  private var kept: [PackedObjects.Location: (value: Value, cost: Int, used: Int)] = [:]
  private var total = 0
  private var uses = 0
  let budget: Int

  init(budget: Int) { self.budget = budget }

  mutating func value(at location: PackedObjects.Location) -> Value? {
    guard let found = kept[location] else { return nil }
    uses += 1
    kept[location]!.used = uses
    return found.value
  }

  mutating func keep(_ value: Value, cost: Int, at location: PackedObjects.Location) {
    uses += 1
    kept[location] = (value, cost, uses)
    total += cost
    guard total > budget else { return }
    let order = kept.sorted { $0.value.used < $1.value.used }
    for (key, old) in order.prefix(order.count / 2) {
      kept[key] = nil
      total -= old.cost
    }
  }
}

extension PackedObjects {
  /// The object at `location`, down its delta chain to one `cached` already has or a whole
  /// object (made by `whole` from its type and bytes), then up again, each delta applied by
  /// `apply`; every object made on the way is offered to `keep`. Nil when anything there is not
  /// as Git writes it, or the chain leaves the packs.
  func resolve<Value>(
    _ location: Location, cached: (Location) -> Value?,
    whole: (PackFile.Kind, [UInt8]) -> Value?, apply: ([UInt8], Value) -> Value?,
    keep: (Value, Location) -> Void
  ) -> Value? {
    var chain: [(location: Location, delta: [UInt8])] = []
    var current = location
    var base: Value?
    // Deltas point back in a pack, so offsets stop; ids could point in a circle.
    while base == nil, chain.count < 10_000 {
      if let found = cached(current) {
        base = found
        break
      }
      guard let header = header(at: current), let data = data(at: current, header: header) else {
        return nil
      }
      switch header.kind {
      case .deltaAtOffset(let offset):
        chain.append((current, data))
        current = Location(pack: current.pack, offset: offset)
      case .deltaOfID(let id):
        guard let next = locate(id) else { return nil }
        chain.append((current, data))
        current = next
      case let kind:
        guard let made = whole(kind, data) else { return nil }
        keep(made, current)
        base = made
      }
    }
    guard var object = base else { return nil }
    for link in chain.reversed() {
      guard let next = apply(link.delta, object) else { return nil }
      keep(next, link.location)
      object = next
    }
    return object
  }
}
