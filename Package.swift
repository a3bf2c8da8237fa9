// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "checkout-batch",
    products: [
        .executable(name: "checkout-batch", targets: ["checkout-batch"]),
        .library(name: "CheckoutCore", targets: ["CheckoutCore"]),
    ],
    targets: [
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .target(name: "CheckoutCore", dependencies: ["CLibXML2"]),
        .executableTarget(name: "checkout-batch", dependencies: ["CheckoutCore"]),
        // Benchmarks that print figures (Scripts/bench-addresses.sh); the product does not depend on them.
        .executableTarget(name: "checkout-bench", dependencies: ["CheckoutCore"]),
        .testTarget(name: "CheckoutCoreTests", dependencies: ["CheckoutCore"]),
        .testTarget(name: "GoldenTests", dependencies: ["CheckoutCore"]),
        .testTarget(name: "EndToEndTests", dependencies: ["checkout-batch"]),
    ],
    swiftLanguageModes: [.v6]
)
