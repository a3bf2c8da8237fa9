#if canImport(Glibc)
    import Glibc
#endif

/// One input's way through a session: its carts read in groups, prepared on `--jobs` threads, committed in order
/// and made durable, then the input moved away (SPEC §10).
extension BatchSession {
    /// Handles one input of the inbox, stamping its orders with `now` (the run clock in `run`, the moment it is
    /// taken in `watch`). `shouldStop` is asked before each group: an input stopped part-way stays in the inbox.
    /// Returns the input's outcome, or nil when it was stopped before it was finished.
    @discardableResult
    func process(
        _ input: InputName, at now: Timestamp,
        shouldStop: () -> Bool = { false }
    ) throws(RunFailure) -> RunReport.InputOutcome? {
        let path = InputPath(folder: workspace.inbox, name: input)
        let name = input.text
        var outcome = RunReport.InputOutcome(file: name, outcome: options.keepInputs ? "kept" : "archived")
        let stream = InputReader.open(path, format: Inbox.format(of: input)!)
        // Gone before it could be opened (SPEC §11): noted, and the run goes on.
        if stream.vanished {
            outcome.outcome = "vanished"
            return recorded(outcome)
        }
        onEvent?(.fileStarted(file: name, bytes: FileSystem.size(path)))
        // Carts go through in groups: read, evaluated in parallel, committed in order, then made durable. With more
        // than one job, the next groups are prepared on other threads while this one commits.
        let validator = CartValidator(catalogue: catalogue, now: now)
        let groups = GroupReader(
            stream: stream, input: input, validator: validator, jobs: options.jobs,
            renders: !options.dryRun)
        let prefetcher = options.jobs > 1 ? Prefetcher(depth: 2) { groups.next() } : nil
        defer { prefetcher?.cancel() }
        while true {
            let next = if let prefetcher { prefetcher.next() } else { groups.next() }
            guard let prepared = next else { break }
            // Asked to stop before this group: what is committed stays; the input stays in the inbox and is finished
            // next time. An input read to its end is always finished (moved), so no committed input is left behind.
            if shouldStop() { return nil }
            do {
                for cart in prepared {
                    try commits.commit(cart, at: now, input: path, outcome: &outcome, report: &report)
                }
                try commits.flush()
            } catch { throw .io(error) }
            onEvent?(.fileProgress(file: name, bytesRead: stream.position))
        }
        // The input's own error document (SPEC §8), beside those of its carts without a reference.
        let inputErrors = "inputs/" + input.mirror
        // An input that broke off keeps the carts before the break and goes to rejected/ with what broke (SPEC §11).
        if let error = stream.breakOff {
            outcome.outcome = options.keepInputs ? "kept" : "rejected"
            outcome.problem = error.detail
            outcome.errorDocument = "errors/\(inputErrors).json"
            report.inputsRejected += 1
            report.record(error, name: inputErrors, file: name)
            do {
                try commits.writeErrors([error], name: inputErrors, file: name)
                try commits.flush()
            } catch { throw .io(error) }
            return try finishInput(path, moveTo: workspace.rejected, outcome: outcome)
        }
        // Like a reference's, an input's outbox entry shows its latest outcome: a clean pass clears an old break.
        if !options.dryRun {
            do { try FileSystem.remove(workspace.errors + "/\(inputErrors).json") } catch { throw .io(error) }
        }
        return try finishInput(path, moveTo: workspace.archive, outcome: outcome)
    }

    /// Moves a handled input out of the inbox, never over an earlier file of the same name, and records its
    /// outcome. An input unlinked while it was read (SPEC §11) has had its carts committed; it is noted as vanished.
    private func finishInput(
        _ path: InputPath, moveTo folder: String,
        outcome: RunReport.InputOutcome
    ) throws(RunFailure) -> RunReport.InputOutcome {
        guard !options.keepInputs, !options.dryRun else { return recorded(outcome) }
        do {
            _ = try FileSystem.moveInput(path, into: folder)
            try FileSystem.syncDirectory(folder)
            try FileSystem.syncDirectory(workspace.inbox)
        } catch {
            if error.code == ENOENT && FileSystem.kind(path) == .missing {
                var vanished = outcome
                vanished.outcome = "vanished"
                return recorded(vanished)
            }
            throw .io(error)
        }
        return recorded(outcome)
    }

    private func recorded(_ outcome: RunReport.InputOutcome) -> RunReport.InputOutcome {
        report.inputs.append(outcome)
        onEvent?(.fileFinished(outcome))
        return outcome
    }
}
