/// `handoff blame ACCOUNT`: for every value an account holds at HEAD, the commit that gave it
/// that value, and for each commitment and stakeholder the commit that introduced it.
///
/// Values are compared, not lines: reformatting a file or moving keys changes nothing. The
/// history is HEAD's first-parent chain, walked once for the whole account; a value changed and
/// changed back was set by the commit that changed it back.
public struct AccountBlame: Sendable {
  /// One value at HEAD and who set it.
  public struct Value: Sendable {
    /// A dotted path in `account.yaml` (`deal.arr`), or a field of a commitment or stakeholder.
    public var path: String
    public var value: JSONValue
    public var setBy: CommitDetails
  }

  /// A commitment (by id) or a stakeholder (by name), with each of its fields.
  public struct Item: Sendable {
    public var key: String
    public var introducedBy: CommitDetails
    public var fields: [Value]
  }

  public var account: String
  public var head: OID
  public var fields: [Value]
  public var commitments: [Item]
  public var stakeholders: [Item]

  public static func run(
    account: String, commitment: String?, in workspace: Workspace, useIndex: Bool = true
  )
    throws(HandoffError)
    -> AccountBlame
  {
    let walked = try AccountVersions.walk(
      account: account, in: workspace, useIndex: useIndex, during: "blame")
    let (repository, head, store, versions) = (
      walked.repository, walked.head, walked.store, walked.versions
    )
    do {
      guard versions.last?.folder != nil else {
        throw HandoffError.unknownAccount(
          account, accountsDirectory: walked.settings.accountsDirectory)
      }
      var setAt: [String: OID] = [:]
      var previous = Flattened()
      var current = Flattened()
      for (commit, folder) in versions {
        current =
          try folder.map { (tree) throws(GitError) in
            Flattened(try store.record(ofFolder: tree, account: account))
          } ?? Flattened()
        for (key, value) in current.values where previous.values[key] != value {
          setAt[key] = commit
        }
        for key in current.items where !previous.items.contains(key) { setAt[key] = commit }
        previous = current
      }
      if let commitment, current.commitments.first(where: { $0.key == commitment }) == nil {
        throw HandoffError.usage(
          "account `\(account)` has no commitment `\(commitment)` at HEAD")
      }
      var details: [OID: CommitDetails] = [:]
      func who(_ key: String) throws(GitError) -> CommitDetails {
        let commit = setAt[key]!
        if let known = details[commit] { return known }
        let found = try repository.details(of: commit)
        details[commit] = found
        return found
      }
      func values(_ paths: [(path: String, key: String, node: YAMLNode)]) throws(GitError)
        -> [Value]
      {
        var result: [Value] = []
        for entry in paths {
          result.append(
            Value(path: entry.path, value: JSONValue(entry.node), setBy: try who(entry.key)))
        }
        return result
      }
      func items(
        _ list: [(
          key: String, itemKey: String, fields: [(path: String, key: String, node: YAMLNode)]
        )]
      )
        throws(GitError) -> [Item]
      {
        var result: [Item] = []
        for item in list {
          result.append(
            Item(
              key: item.key, introducedBy: try who(item.itemKey), fields: try values(item.fields)))
        }
        return result
      }
      let commitments = current.commitments.filter { commitment == nil || $0.key == commitment }
      return AccountBlame(
        account: account, head: head,
        fields: commitment == nil ? try values(current.accountFields) : [],
        commitments: try items(commitments),
        stakeholders: commitment == nil ? try items(current.stakeholders) : [])
    } catch {
      throw HandoffError(error, during: "blame")
    }
  }
}

/// One version of a record as the values blame follows, each under a key of its own:
/// `account.yaml`'s leaves by dotted path, commitments' fields by id, stakeholders' by name.
private struct Flattened {
  typealias Path = (path: String, key: String, node: YAMLNode)

  var values: [String: YAMLNode] = [:]
  /// The keys standing for each commitment and stakeholder being there at all.
  var items: Set<String> = []
  var accountFields: [Path] = []
  var commitments: [(key: String, itemKey: String, fields: [Path])] = []
  var stakeholders: [(key: String, itemKey: String, fields: [Path])] = []

  init() {}

  init(_ record: AccountRecord) {
    if let root = record.account { leaves(of: root, prefix: "") }
    commitments = list(record.commitments, by: "id", kind: "commitment")
    stakeholders = list(record.stakeholders, by: "name", kind: "stakeholder")
  }

  /// Mappings are followed down to their leaves; a sequence or scalar is one value.
  private mutating func leaves(of node: YAMLNode, prefix: String) {
    guard let entries = node.entries else {
      let key = "account\u{0}" + prefix
      guard values[key] == nil else { return }
      values[key] = node
      accountFields.append((prefix, key, node))
      return
    }
    for entry in entries {
      leaves(of: entry.value, prefix: prefix.isEmpty ? entry.key : prefix + "." + entry.key)
    }
  }

  private mutating func list(_ nodes: [YAMLNode], by name: String, kind: String)
    -> [(key: String, itemKey: String, fields: [Path])]
  {
    var result: [(key: String, itemKey: String, fields: [Path])] = []
    for node in nodes {
      guard let id = node[name]?.string, let entries = node.entries else { continue }
      let itemKey = kind + "\u{0}" + id
      // A repeated id is a `duplicate-id` error; blame follows the first.
      guard items.insert(itemKey).inserted else { continue }
      var fields: [Path] = []
      // The key field names the item, which the item's own line already shows.
      for entry in entries where entry.key != name {
        let key = itemKey + "\u{0}" + entry.key
        guard values[key] == nil else { continue }
        values[key] = entry.value
        fields.append((entry.key, key, entry.value))
      }
      result.append((id, itemKey, fields))
    }
    return result
  }
}
