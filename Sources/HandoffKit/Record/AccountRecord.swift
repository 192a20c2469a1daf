/// The files of one account as loaded: which are present, and the content of those that could
/// be read as YAML. Domain rules read it defensively: a value of the wrong type counts as absent,
/// because the schema finding already says what is wrong with it.
public struct AccountRecord: Sendable {
  public var id: String
  /// Files that exist in the account folder, readable or not.
  public var present: Set<RecordFile>
  /// The top-level node of each file that loaded as YAML.
  public var roots: [RecordFile: YAMLNode]

  public init(id: String, present: Set<RecordFile>, roots: [RecordFile: YAMLNode]) {
    self.id = id
    self.present = present
    self.roots = roots
  }

  public var account: YAMLNode? { roots[.account] }

  /// The stage, when `account.yaml` names a valid one.
  public var stage: Stage? { account?["stage"]?.string.flatMap(Stage.init(rawValue:)) }

  /// The value at a dotted path in `account.yaml` (`contract.start`).
  public func accountValue(_ path: String) -> YAMLNode? {
    // Walked key by key without splitting: the rules ask for a few paths of every account.
    var node = account
    var rest = path[...]
    while !rest.isEmpty, let current = node {
      let dot = rest.firstIndex(of: ".") ?? rest.endIndex
      let key = rest[..<dot]
      rest = dot == rest.endIndex ? rest[dot...] : rest[rest.index(after: dot)...]
      if key.isEmpty { continue }
      node = current.entries?.first { $0.key == key }?.value
    }
    return node
  }

  /// A date at a dotted path in `account.yaml`, when it is a real one.
  public func accountDate(_ path: String) -> (date: CalendarDate, node: YAMLNode)? {
    guard let node = accountValue(path), let date = node.string.flatMap(CalendarDate.init) else {
      return nil
    }
    return (date, node)
  }

  /// Items of the list at `key` in `file` that are mappings.
  public func list(_ key: String, in file: RecordFile) -> [YAMLNode] {
    (roots[file]?[key]?.items ?? []).filter { $0.entries != nil }
  }

  public var commitments: [YAMLNode] { list("commitments", in: .commitments) }
  public var stakeholders: [YAMLNode] { list("stakeholders", in: .stakeholders) }
  public var redFlags: [YAMLNode] { list("red_flags", in: .risks) }
}

extension YAMLNode {
  /// The strings of a list node (`roles: [champion, end-user]`).
  var strings: [String] { items?.compactMap(\.string) ?? [] }

  /// Whether a commitment still counts: withdrawn and delivered promises raise no flags.
  var isLiveCommitment: Bool {
    let status = self["status"]?.string
    return status != "withdrawn" && status != "delivered"
  }

  /// Whether a commitment was promised on a call or in a demo and the contract does not carry it.
  var isVerbalOutsideContract: Bool {
    self["in_contract"]?.bool == false && ["call", "demo"].contains(self["source"]?.string ?? "")
  }

  /// The location of the node, or the start of the file.
  var position: SourceLocation { location ?? .start }
}
