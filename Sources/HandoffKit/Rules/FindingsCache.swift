/// Where the checker keeps an account state's findings between runs (the result cache in the
/// git directory, above this layer), keyed by the state's id.
protocol FindingsCache: AnyObject, Sendable {
  func findings(for id: OID) -> [FileFinding]?
  func store(_ findings: [FileFinding], for id: OID)
}
