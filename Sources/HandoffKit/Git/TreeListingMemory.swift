/// The entries of one tree object, as `ObjectReader.treeEntries` lists them.
public typealias TreeListing = [(name: String, id: OID, kind: TreeItem.Kind, mode: UInt32)]

/// Tree listings remembered from earlier runs by the trees' ids (a cache the caller keeps):
/// a tree's entries follow from its id alone, so a listing found here is that tree's, and it
/// need not be resolved through its delta chain again.
public protocol TreeListingMemory: AnyObject, Sendable {
  func listing(of tree: OID) -> TreeListing?
  func remember(_ listing: TreeListing, of tree: OID)
}
