import HandoffKit
import Foundation
let doc = YAMLLoader.load(Array(FileManager.default.contents(atPath: CommandLine.arguments[1])!))
print(doc.problems, String(describing: doc.root))
