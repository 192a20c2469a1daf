// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "handoff",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "handoff", targets: ["handoff"]),
    .library(name: "HandoffKit", targets: ["HandoffKit"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    // CSV exports from CRMs (RFC 4180 quoting, line breaks inside fields); see the README.
    .package(url: "https://github.com/yaslab/CSV.swift", exact: "2.5.2"),
  ],
  targets: [
    .systemLibrary(
      name: "CLibGit2", pkgConfig: "libgit2", providers: [.apt(["libgit2-dev"]), .brew(["libgit2"])]),
    .systemLibrary(
      name: "CFYAML", pkgConfig: "libfyaml", providers: [.apt(["libfyaml-dev"]), .brew(["libfyaml"])]),
    // zlib inflates pack objects for the history walk (libgit2 depends on it already).
    .systemLibrary(
      name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),
    .target(
      name: "HandoffKit",
      dependencies: ["CLibGit2", "CFYAML", "CZlib", .product(name: "CSV", package: "CSV.swift")],
      // libcrypto for SHA-1 (see handoff_object_sha1); macOS has CommonCrypto in its libSystem.
      linkerSettings: [.linkedLibrary("m"), .linkedLibrary("crypto", .when(platforms: [.linux]))]),
    .executableTarget(
      name: "handoff",
      dependencies: [
        "HandoffKit",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .executableTarget(name: "handoff-bench", dependencies: ["HandoffKit"]),
    .target(name: "HandoffTestSupport", dependencies: ["HandoffKit"]),
    .testTarget(name: "HandoffKitTests", dependencies: ["HandoffKit", "HandoffTestSupport"]),
    .testTarget(name: "HandoffCLITests", dependencies: ["HandoffKit", "HandoffTestSupport"]),
  ],
  swiftLanguageModes: [.v6]
)
