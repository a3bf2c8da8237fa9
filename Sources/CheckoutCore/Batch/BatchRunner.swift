/// One batch over everything in the inbox (SPEC §1 `run`, and `check` as a dry run): every input in name order,
/// stamped with the run clock read once at the start.
public enum BatchRunner {
    public static func run(_ options: RunOptions, onEvent: ((RunEvent) -> Void)? = nil) throws(RunFailure) -> RunReport
    {
        let session = try BatchSession(options: options, onEvent: onEvent)
        let now = session.report.startedAt
        for input in try session.inputs() { try session.process(input, at: now) }
        let report = try session.finish(inventoryAsOf: now)
        onEvent?(.runFinished(report))
        return report
    }
}
