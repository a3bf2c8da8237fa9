#if canImport(Glibc)
    import Glibc
#endif

/// Inputs' way through a session: their carts read in commit groups that span inputs, prepared on `--jobs`
/// threads, committed in order and made durable together, then each input whose carts are all committed moved
/// away (SPEC §10).
extension BatchSession {
    /// Handles inputs of the inbox in the order given, stamping each one's orders with `clock` as it is opened
    /// (the run's one moment in `run`, the moment it is taken in `watch`). `shouldStop` is asked before each group:
    /// what is committed stays, and an input not finished stays in the inbox. Returns the outcomes of the inputs
    /// finished, in order.
    @discardableResult
    func process(_ inputs: [InputName], clock: RunClock, shouldStop: () -> Bool = { false }) throws(RunFailure)
        -> [RunReport.InputOutcome]
    {
        let groups = GroupReader(
            inputs: inputs, inbox: workspace.inbox, catalogue: catalogue, clock: clock, pool: pool,
            renders: !options.dryRun, resume: options.keepInputs || options.dryRun ? nil : ledger.lastProgress,
            stage: options.dryRun ? nil : workspace)
        // With more than one job, the next groups are read on the prefetcher's thread (and their carts prepared on the
        // pool's) while this one commits.
        prefetcher?.begin { groups.nextGroup() }
        // Groups prepared but never committed (a stop, a failure) leave no staged documents behind.
        var uncommitted: GroupReader.Group?
        defer {
            uncommitted?.discardStaged()
            for group in prefetcher?.cancel() ?? [] { group.discardStaged() }
        }
        var finished: [RunReport.InputOutcome] = []
        var current: InputInProgress?
        var moved = false
        defer {
            // Moves are made durable by the next group's sync; the last ones here. Lost to a crash, a moved input
            // is back in the inbox: the journal's last progress line says it was finished, and it is moved again.
            if moved && !options.dryRun { try? FileSystem.syncFilesystem(workspace.outbox) }
        }
        func nextGroup() -> GroupReader.Group? { if let prefetcher { prefetcher.next() } else { groups.nextGroup() } }
        while let group = nextGroup() {
            uncommitted = group
            // Asked to stop before this group: what is committed stays; an input not finished stays in the inbox.
            if shouldStop() { break }
            var ended: [InputInProgress] = []
            do {
                for part in group.parts {
                    switch part {
                    case .opened(let taken, let bytes, let vanished):
                        let outcome = RunReport.InputOutcome(
                            file: taken.name.text,
                            outcome: vanished ? "vanished" : options.keepInputs ? "kept" : "archived")
                        if vanished {
                            ended.append(InputInProgress(taken: taken, outcome: outcome, destination: nil))
                        } else {
                            onEvent?(.fileStarted(file: taken.name.text, bytes: bytes))
                            current = InputInProgress(
                                taken: taken, outcome: outcome, destination: workspace.archive,
                                position: taken.committedBefore)
                        }
                    case .cart(let index):
                        let cart = group.carts.take(index)
                        current!.position = cart.position
                        try commits.commit(
                            cart, at: current!.taken.now, input: current!.taken.path, outcome: &current!.outcome,
                            report: &report)
                        group.carts.giveBack(index, cart)
                    case .ended(let breakOff):
                        ended.append(try end(current.take()!, breakOff: breakOff))
                    case .finishedBefore(let taken, let to):
                        let rejected = to == "rejected"
                        ended.append(
                            InputInProgress(
                                taken: taken,
                                outcome: .init(file: taken.name.text, outcome: rejected ? to : "archived"),
                                destination: rejected ? workspace.rejected : workspace.archive))
                    }
                }
                uncommitted = nil  // every staged document is now placed or removed
                try commits.flush(progress: progress(ended: ended, open: current))
            } catch { throw .io(error) }
            group.carts.release(on: pool)
            if let current, let bytesRead = group.bytesRead {
                onEvent?(.fileProgress(file: current.taken.name.text, bytesRead: bytesRead))
            }
            for i in ended.indices {  // read in place: binding each copied it
                finished.append(try finishInput(ended[i]))
                moved = moved || ended[i].destination != nil
            }
        }
        return finished
    }

    /// An input being committed: what it has done so far, and where it goes once finished.
    struct InputInProgress {
        var taken: GroupReader.Taken
        var outcome: RunReport.InputOutcome
        /// nil for an input that vanished: there is nothing to move.
        var destination: String?
        /// Its carts committed so far, counted from its start (a resumed input's first ones by a killed run).
        var position = 0
    }

    /// Where a group leaves its inputs, for the journal: those finished (to be moved) and the one still open.
    /// Inputs that stay in the inbox (`--keep-inputs`) are not resumed, so they are not named.
    private func progress(ended: [InputInProgress], open: InputInProgress?) -> CommitProgress {
        guard !options.keepInputs else { return CommitProgress(entries: []) }
        var entries: [CommitProgress.Entry] = []
        for input in ended {
            // A vanished input has nothing to move.
            guard let identity = input.taken.identity, let destination = input.destination else { continue }
            entries.append(
                CommitProgress.Entry(
                    name: input.taken.name, identity: identity, carts: input.position,
                    finishedTo: destination == workspace.rejected ? "rejected" : "archive"))
        }
        if let open, let identity = open.taken.identity {
            entries.append(
                CommitProgress.Entry(name: open.taken.name, identity: identity, carts: open.position, finishedTo: nil))
        }
        return CommitProgress(entries: entries)
    }

    /// An input read to its end: its own error document if it broke off, into this group. It is moved once the
    /// group is committed.
    /// `input` is taken, not copied: it holds a dozen strings (issue 18: two copies a one-cart file).
    private func end(_ input: consuming InputInProgress, breakOff: CheckoutError?) throws(FileSystemError)
        -> InputInProgress
    {
        let name = input.taken.name
        // An input that broke off keeps the carts before the break and goes to rejected/ with what broke (SPEC §11).
        if let error = breakOff {
            // The input's own error document (SPEC §8), beside those of its carts without a reference.
            let inputErrors = "inputs/" + name.mirror
            input.outcome.outcome = options.keepInputs ? "kept" : "rejected"
            input.outcome.problem = error.detail
            input.outcome.errorDocument = "errors/\(inputErrors).json"
            input.destination = workspace.rejected
            report.inputsRejected += 1
            report.record(error, name: inputErrors, file: name.text)
            try commits.writeErrors([error], name: inputErrors, file: name.text)
        } else if !options.dryRun {
            // Like a reference's, an input's outbox entry shows its latest outcome: a clean pass clears an old break.
            try commits.removeInputErrors(mirror: name.mirror)
        }
        return input
    }

    /// Moves a handled input out of the inbox, never over an earlier file of the same name, and records its
    /// outcome. The move is made durable with the next sync. An input unlinked while it was read (SPEC §11) has had
    /// its carts committed; it is noted as vanished.
    private func finishInput(_ input: InputInProgress) throws(RunFailure) -> RunReport.InputOutcome {
        guard let folder = input.destination, !options.keepInputs, !options.dryRun else {
            return recorded(input.outcome)
        }
        do {
            _ = try FileSystem.moveInput(input.taken.path, into: folder)
        } catch {
            if error.code == ENOENT && FileSystem.kind(input.taken.path) == .missing {
                var vanished = input.outcome
                vanished.outcome = "vanished"
                return recorded(vanished)
            }
            throw .io(error)
        }
        return recorded(input.outcome)
    }

    private func recorded(_ outcome: RunReport.InputOutcome) -> RunReport.InputOutcome {
        var outcome = outcome
        outcome.catalogue = catalogueId
        report.inputs.append(outcome)
        onEvent?(.fileFinished(outcome))
        return outcome
    }
}
