/// Every command's output goes through one of these: the whole document in, its text out.
/// JSON, SARIF and the HTML page are single documents, so a renderer always sees everything
/// at once; text and Markdown renderers make anything taken from a record safe for a terminal.
public protocol Renderer<Document> {
  associatedtype Document
  func render(_ document: Document) -> String
}
