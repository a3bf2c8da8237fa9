#if canImport(Glibc)
    import Glibc
#endif

/// How a run is set up: the workspace, the clock, parallelism, and whether inputs move.
public struct RunOptions: Sendable {
    public var workspace: Workspace
    /// The run clock (`--now`, else the system clock; SPEC §1).
    var clock: RunClock
    /// Threads that validate, price and render carts (`--jobs`); with more than one, reading and committing have a
    /// thread each besides. Commits are always in input order.
    var jobs: Int
    /// Leave inputs in the inbox (`--keep-inputs`).
    public var keepInputs: Bool
    /// `check`: decide everything, write nothing, take no lock.
    public var dryRun = false

    public init(
        workspace: Workspace, clock: RunClock = .system, jobs: Int = RunOptions.defaultJobs, keepInputs: Bool = false
    ) {
        self.workspace = workspace
        self.clock = clock
        self.jobs = jobs
        self.keepInputs = keepInputs
    }

    public static var defaultJobs: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}
