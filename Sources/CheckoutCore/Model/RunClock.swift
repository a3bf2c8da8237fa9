#if canImport(Glibc)
    import Glibc
#endif

/// The run clock (SPEC §1 `--now`): one value handed to the run, so that no stage reads the wall clock on its own
/// and golden runs are byte-stable. `fixed` always answers the same moment; `system` reads the system clock.
public struct RunClock: Sendable {
    private let fixed: Timestamp?

    public static let system = RunClock(now: nil)

    static func fixed(_ moment: Timestamp) -> RunClock { RunClock(now: moment) }

    /// `--now` when given, else the system clock.
    public init(now: Timestamp?) { fixed = now }

    public func now() -> Timestamp {
        if let fixed { return fixed }
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Timestamp(seconds: Int64(ts.tv_sec), nanoseconds: Int32(ts.tv_nsec))
    }
}
