/// One batch over everything in the inbox (SPEC §1 `run`, and `check` as a dry run): every input in name order,
/// stamped with the run clock read once at the start.
public enum BatchRunner {
    public static func run(_ options: RunOptions, onEvent: ((RunEvent) -> Void)? = nil) throws(RunFailure) -> RunReport
    {
        let session = try BatchSession(options: options, onEvent: onEvent)
        try session.process(try session.inputs(), clock: .fixed(session.report.startedAt))
        let report = try session.finish(inventoryAsOf: session.report.startedAt)
        onEvent?(.runFinished(report))
        return report
    }
}
