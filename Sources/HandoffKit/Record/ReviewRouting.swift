/// Who reviews a handoff and who owns a new one: `reviewers` and `assignment` in
/// `.handoff.yaml`, as the settings schema has checked them.
public struct Reviewers: Sendable, Equatable {
  /// Names as written in `owners.*` and `made_by`, each with its code-host handle.
  public var people: [String: String] = [:]
  /// Handles that also review accounts above the red flag threshold.
  public var escalation: [String] = []

  public init() {}

  init(_ node: YAMLNode) {
    for entry in node["people"]?.entries ?? [] where !entry.key.hasPrefix("x-") {
      if let handle = entry.value.string { people[entry.key] = handle }
    }
    escalation = node["escalation"]?.strings ?? []
  }
}

/// One `assignment` rule: accounts matching `when` get one of `success` as their CSM.
public struct AssignmentRule: Sendable, Equatable {
  public var segment: String?
  public var region: String?
  /// The account matches when it has any of these products.
  public var products: [String]?
  public var success: [String]

  public init(
    segment: String? = nil, region: String? = nil, products: [String]? = nil, success: [String]
  ) {
    self.segment = segment
    self.region = region
    self.products = products
    self.success = success
  }

  init(_ node: YAMLNode) {
    let when = node["when"]
    segment = when?["segment"]?.string
    region = when?["region"]?.string
    products = when?["products"].map(\.strings)
    success = node["success"]?.strings ?? []
  }

  /// Whether every key of `when` matches the account (no `when` matches every account).
  public func matches(segment: String?, region: String?, products: [String]) -> Bool {
    if let wanted = self.segment, wanted != segment { return false }
    if let wanted = self.region, wanted != region { return false }
    if let wanted = self.products, !wanted.contains(where: products.contains) { return false }
    return true
  }
}
