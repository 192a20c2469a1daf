// libFuzzer entry point over the strict YAML loader and the schema validator, built by
// scripts/fuzz.sh together with the library sources it needs. The first byte picks the record
// kind, the rest is the file; any crash, hang or sanitizer report is a bug.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRecordChecker(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard size > 0 else { return 0 }
  let kinds = RecordFile.allCases
  let kind = kinds[Int(data[0]) % kinds.count]
  let body = UnsafeRawBufferPointer(start: data + 1, count: size - 1)
  let (findings, root) = RecordChecker.check(body, as: kind)
  // Every finding must carry a usable position and message.
  for finding in findings {
    if let location = finding.location, location.line < 1 || location.column < 1 { fatalError("bad position") }
    if finding.message.isEmpty { fatalError("empty message") }
  }
  if let root { _ = SchemaLibrary.shared.schema(for: kind).accepts(root) }
  return 0
}
