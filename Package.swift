// swift-tools-version:6.0
import PackageDescription

// Release builds link the Swift runtime and Foundation into the executables: `checkout-batch` then runs on a machine
// without a Swift toolchain (only libxml2 and the C/C++ runtimes), and starts in half the time, with no symbol lookups
// across a dozen shared libraries. Compiling with the flag is what makes the library name the static archives, so
// every release target that uses CheckoutCore links the same way. lld: gold warns about glibc's `mktemp`, which the
// static Foundation references.
let staticRuntime = BuildSettingCondition.when(configuration: .release)
let staticCompile: [SwiftSetting] = [.unsafeFlags(["-static-stdlib"], staticRuntime)]
let staticLink: [LinkerSetting] = [.unsafeFlags(["-static-stdlib", "-use-ld=lld"], staticRuntime)]
// Type-layout lowering, the compiler's default when optimising, copies and destroys a struct holding several
// references (a `Located<String>`: a String, and a `Location` with two) by calling its type's value witnesses, found
// at run time through its metadata, rather than with inline code: ~150 instructions a copy, ~4.5k a cart (issue 18,
// docs/DECISIONS.md). Off, the compiler writes the copies out; the binary is no larger.
let directCopies: [SwiftSetting] = [.unsafeFlags(["-Xfrontend", "-disable-type-layout"], staticRuntime)]

let package = Package(
    name: "checkout-batch",
    products: [
        .executable(name: "checkout-batch", targets: ["checkout-batch"]),
        .library(name: "CheckoutCore", targets: ["CheckoutCore"]),
    ],
    targets: [
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // SHA-1 and SHA-256 with the x86 SHA extensions: the intrinsics are C's alone (Sources/CHashInstructions).
        .target(name: "CHashInstructions"),
        .target(
            name: "CheckoutCore", dependencies: ["CLibXML2", "CHashInstructions"],
            swiftSettings: staticCompile + directCopies),
        .executableTarget(
            name: "checkout-batch", dependencies: ["CheckoutCore"], swiftSettings: staticCompile,
            linkerSettings: staticLink),
        // Benchmarks that print figures (Scripts/bench-addresses.sh); the product does not depend on them.
        .executableTarget(
            name: "checkout-bench", dependencies: ["CheckoutCore"], swiftSettings: staticCompile,
            linkerSettings: staticLink),
        .testTarget(name: "CheckoutCoreTests", dependencies: ["CheckoutCore"]),
        .testTarget(name: "GoldenTests", dependencies: ["CheckoutCore"]),
        .testTarget(name: "EndToEndTests", dependencies: ["checkout-batch"]),
    ],
    swiftLanguageModes: [.v6]
)
