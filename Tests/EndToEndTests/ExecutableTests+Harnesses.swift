import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The scripted harnesses, run short: crash equivalence for run and watch, mutation fuzzing, the schemas, a full disk.
extension ExecutableTests {
    @Test(
        "killed at random moments and restarted with another --jobs each time, the outbox — orders, errors, acknowledgements — is as if nothing had happened (short crash harness)"
    )
    func crashEquivalence() throws {
        let r = try Self.script(
            "python3", "crash-test.py",
            [
                "--carts", "600", "--files", "6", "--kills", "12", "--purchase-orders", "60", "--jobs", "1,2,3",
                "--binary", Self.executable.path,
            ])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("after crashes: 12 kills"), "\(r.stdout)")
        #expect(r.stdout.contains("taking --jobs 1, 2, 3 in turn"), "\(r.stdout)")
        #expect(r.stdout.contains("identical:"), "\(r.stdout)")
        #expect(r.stdout.contains("60 acknowledgements"), "purchase orders answered through the crashes: \(r.stdout)")
    }

    @Test(
        "a watcher killed at random moments while a writer is mid-file, and restarted with another --jobs each time, loses and doubles nothing (short crash harness)"
    )
    func watchCrashEquivalence() throws {
        let r = try Self.script(
            "python3", "crash-test.py",
            [
                "--watch", "--carts", "600", "--files", "6", "--kills", "10", "--jobs", "2,1", "--binary",
                Self.executable.path,
            ])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("after crashes: 10 kills"), "\(r.stdout)")
        #expect(r.stdout.contains("identical:"), "\(r.stdout)")
    }

    @Test(
        "2,000 mutated documents: exit 0 or 1, every input moved once and documented, and the same outbox again at --jobs 1 and 3 (short fuzz)"
    )
    func fuzzAgreesAcrossJobs() throws {
        let r = try Self.script(
            "python3", "fuzz.py",
            [
                "--documents", "2000", "--batch", "1000", "--seed", "23", "--jobs-also", "1,3", "--binary",
                Self.executable.path,
            ])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("2000 documents in"), "\(r.stdout)")
        #expect(r.stdout.contains("\n0 invariant violations"), "\(r.stdout)")
    }

    @Test(
        "Schemas/: every catalogue file validates, and each cart of every fixture validates exactly when the program finds no shape problem in it"
    )
    func schemasAgreeWithTheProgram() throws {
        let r = try Self.script("python3", "check-schemas.py", ["--binary", Self.executable.path])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)\n(jsonschema missing? run bash Scripts/ensure-deps.sh)")
        #expect(r.stdout.contains("; 0 disagreements"), "\(r.stdout)")
        // Fixtures 29 and 30 alone hold 56 carts with one shape problem each; the count guards against a run that checks nothing.
        let carts = r.stdout.firstMatch(of: /(\d+) carts, (\d+) schema-valid carts/)
        #expect((carts.flatMap { Int($0.1) } ?? 0) >= 150, "\(r.stdout)")
    }

    @Test("a full disk stops the run with exit 74, naming the file; once there is room, nothing is lost or doubled")
    func diskFull() throws {
        let r = try Self.script("bash", "disk-full-test.sh", [Self.executable.path])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("first run: exit 74: checkout-batch: cannot write"), "\(r.stdout)")
        #expect(r.stdout.contains("identical after the disk grew"), "\(r.stdout)")
        // The disk fills under three preparing threads and the batch is finished with one.
        let mixed = try Self.script("bash", "disk-full-test.sh", [Self.executable.path, "3", "1"])
        #expect(mixed.status == 0, "\(mixed.stdout)\(mixed.stderr)")
        #expect(mixed.stdout.contains("first run (--jobs 3): exit 74: checkout-batch: cannot write"), "\(mixed.stdout)")
        #expect(mixed.stdout.contains("identical after the disk grew (--jobs 1)"), "\(mixed.stdout)")
    }
}
