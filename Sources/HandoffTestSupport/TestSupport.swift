import HandoffKit
