extension Snapshot {
  /// Every account's record (or only `wanted`'s), loaded on every core: what the commands that
  /// read records without validating them (audit, due) start from. A folder whose reader could
  /// not be opened loads as an account whose files could not be read.
  func records(settings: Settings, accounts wanted: [String] = [], during action: String)
    throws(HandoffError) -> [AccountRecord]
  {
    do {
      let layout = AccountLayout.scan(
        try items(under: settings.accountsDirectory), accountsDirectory: settings.accountsDirectory)
      let known = Set(layout.accounts.map(\.id))
      for account in wanted where !known.contains(account) {
        throw HandoffError.unknownAccount(
          account, accountsDirectory: settings.accountsDirectory)
      }
      let folders = layout.accounts.filter { wanted.isEmpty || wanted.contains($0.id) }
      return Parallel.map(folders, makeContext: { try? self.makeReader(for: $0) }) {
        reader, folder in
        reader.map { AccountRecord(folder, reader: $0) }
          ?? AccountRecord(id: folder.id, present: folder.presentKinds, roots: [:])
      }
    } catch let failure as HandoffError {
      throw failure
    } catch {
      throw HandoffError(error, during: action)
    }
  }
}
