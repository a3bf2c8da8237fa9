#if canImport(Glibc)
    import Glibc
#endif

/// The sequential half of a run: duplicate and conflict checks against the ledger, stock allocation, document
/// writes, and ledger commits, one cart at a time in input order (SPEC §6, §10).
struct CommitSession {
    let workspace: Workspace
    let ledger: Ledger
    var stock: StockLedger
    var catalogue: Catalogue
    /// Conversions written but not yet in the ledger; they count as converted for later carts of the run.
    private var pending: [LedgerRecord] = []
    private var pendingByReference: [String: Int] = [:]
    var wroteFiles = false
    /// The cart being committed's document, written ahead by the parallel stage (`PreparedCart.staged`): used by
    /// `write` when the decision is the one foreseen, removed otherwise.
    private var staged: (temporary: String, target: String)?
    /// Which error documents there are to clear when a reference or an input has a new outcome.
    private var errorDocuments: ErrorDocumentNames
    /// Numbers this session's own temporary names in `.staging/`.
    private var temporaries = 0
    /// `check`: everything is decided as in a run, nothing is written.
    let dryRun: Bool
    /// Told of each cart's outcome as it is decided.
    let onEvent: ((RunEvent) -> Void)?

    init(
        workspace: Workspace, ledger: Ledger, stock: StockLedger, catalogue: Catalogue, dryRun: Bool = false,
        onEvent: ((RunEvent) -> Void)? = nil
    ) {
        self.dryRun = dryRun
        self.workspace = workspace
        errorDocuments = ErrorDocumentNames(workspace: workspace)
        self.ledger = ledger
        self.stock = stock
        self.catalogue = catalogue
        self.onEvent = onEvent
    }

    private func converted(_ reference: String) throws(FileSystemError) -> LedgerRecord? {
        if let i = pendingByReference[reference] { return pending[i] }
        return try ledger.record(for: reference)
    }

    /// Decides one prepared cart against the ledger and the stock and writes its document; its ledger record, dated
    /// `now` (the moment its orders are stamped with), is committed by the next `flush()`.
    /// `input` is the file the cart came from: a conflicting purchase order's acknowledgement is named after its bytes.
    mutating func commit(
        _ cart: PreparedCart, at now: Timestamp, input: InputPath, outcome: inout RunReport.InputOutcome,
        report: inout RunReport
    ) throws(FileSystemError) {
        outcome.carts += 1
        report.carts += 1
        staged = cart.staged
        defer {
            // Decided otherwise than the parallel stage foresaw (a duplicate, a conflict, no stock): not needed.
            if let left = staged { unlink(left.temporary) }
            staged = nil
        }

        /// `foreseen`: the parallel stage rendered (and maybe staged) exactly these errors' document.
        func reject(
            _ errors: [CheckoutError], _ session: inout CommitSession, foreseen: Bool = false, conflict: Bool = false
        ) throws(FileSystemError) {
            session.onEvent?(.cartRejected(file: cart.file, name: cart.outputName, codes: errors.map(\.code.rawValue)))
            outcome.rejected += 1
            report.rejected += 1
            for e in errors { report.record(e, name: cart.outputName, file: cart.file) }
            try session.writeErrors(
                errors, name: cart.outputName, file: cart.file, rendered: foreseen ? cart.document : nil,
                foreseen: foreseen)
            if try session.acknowledge(cart, .rejected(errors), date: now, conflictIn: conflict ? input : nil) {
                report.responses += 1
            }
        }

        // The cart's evaluation is matched where it is used, never bound whole: a copy retained all it holds.
        if case .unreadable(let error) = cart.body {
            try reject([error], &self, foreseen: true)
            return
        }

        if let reference = cart.reference, let record = try converted(reference) {
            if record.digest == cart.digest {
                if try acknowledgeAgain(cart, committedAt: record.createdAt) { report.responses += 1 }
                onEvent?(.cartDuplicate(file: cart.file, reference: reference))
                outcome.duplicates += 1
                report.duplicates += 1
                return
            }
            let conflict = CheckoutError.alreadyCheckedOut(
                reference, orderId: record.orderId, at: cart.referenceLocation)
            if case .evaluated(.rejected(let rejection)) = cart.body {
                try reject(rejection.withConflict(conflict), &self, conflict: true)
            } else {
                try reject([conflict], &self, conflict: true)
            }
            return
        }

        // Not converted: an order document under this reference can only be what a killed run wrote before its
        // ledger record was durable (SPEC §10: such an order never counted). It goes, so the outbox shows this
        // cart's outcome alone even when the redo decides otherwise (a watcher that took inputs in another order).
        func removeUncommittedOrder(_ session: inout CommitSession) throws(FileSystemError) {
            if let reference = cart.reference, !session.dryRun {
                try session.remove(Workspace.document(reference, in: session.workspace.orders))
            }
        }
        switch cart.body {
        case .unreadable: return  // rejected above
        case .evaluated(.rejected(let rejection)):
            try removeUncommittedOrder(&self)
            try reject(rejection.errors, &self, foreseen: true)
        case .evaluated(.priced(let priced)):
            switch stock.allocate(priced, catalogue: catalogue) {
            case .failure(let shortage):
                try removeUncommittedOrder(&self)
                try reject(shortage.errors, &self)
            case .success(let taken):
                let reference = priced.cart.reference
                let orderId = cart.orderId!  // set for every priced cart
                if !dryRun {
                    // Rendered (and mostly staged) ahead in the parallel stage whenever documents are written.
                    try write(
                        Workspace.document(reference, in: workspace.orders),
                        cart.document ?? { preconditionFailure("order of \(reference) not rendered") }(), foreseen: true
                    )
                    // The outbox shows the latest outcome per reference (SPEC §11).
                    try removeErrors(Workspace.document(reference, in: workspace.errors))
                }
                if try acknowledge(cart, .accepted(priced), date: now) { report.responses += 1 }
                let record = LedgerRecord(
                    reference: reference, digest: cart.digest,
                    orderId: orderId, createdAt: now, stock: taken)
                pendingByReference[reference] = pending.count
                pending.append(record)
                onEvent?(.cartConverted(file: cart.file, reference: reference, orderId: record.orderId))
                outcome.orders += 1
                report.count(priced)
            }
        }
    }

    /// `foreseen`: the document is the one the parallel stage rendered (`rendered`, or staged).
    mutating func writeErrors(
        _ errors: [CheckoutError], name: String, file: String, rendered: [UInt8]? = nil, foreseen: Bool = false
    ) throws(FileSystemError) {
        guard !dryRun else { return }
        let path = Workspace.document(name, in: workspace.errors)
        try write(path, rendered ?? ErrorRenderer.render(errors, file: file), foreseen: foreseen)
        errorDocuments.wrote(path)
    }

    /// Removes an error document (`errors/…`) as part of the group, if there is one.
    mutating func removeErrors(_ path: String) throws(FileSystemError) {
        if try errorDocuments.takeIfPresent(path) { try remove(path) }
    }

    /// Removes an input's own error document (`errors/inputs/<mirror>.json`), if there is one.
    mutating func removeInputErrors(mirror: String) throws(FileSystemError) {
        guard try errorDocuments.mayHoldInputDocuments() else { return }
        try removeErrors(Workspace.document(mirror, in: workspace.inputErrors))
    }

    /// Writes a document of the group: whole or not at all (a temporary name renamed into place), made durable with
    /// the rest of the group by `flush`. `foreseen`: these are the bytes the parallel stage rendered for the cart
    /// being committed, so its staged document is only renamed into place and `bytes` is never made.
    mutating func write(
        _ path: String, _ bytes: @autoclosure () -> [UInt8], foreseen: Bool = false
    ) throws(FileSystemError) {
        wroteFiles = true
        if foreseen, let document = staged, document.target == path {
            staged = nil
            try FileSystem.move(document.temporary, to: path)
            return
        }
        temporaries += 1
        try FileSystem.writeAtomically(
            path, bytes(), sync: false, temporary: workspace.staging + "/c-\(temporaries)")
    }

    /// Removes an outbox entry, if there, as part of the group.
    mutating func remove(_ path: String) throws(FileSystemError) {
        try FileSystem.remove(path)
        wroteFiles = true
    }

    /// Makes the group's documents (and the inputs moved after the previous group) durable with one sync of the
    /// workspace's filesystem, then commits their ledger records with where the group's inputs stand: the commit
    /// point. A crash before the journal's sync leaves documents whose carts never counted; the restart decides them
    /// again and writes over them.
    mutating func flush(progress: CommitProgress) throws(FileSystemError) {
        guard !dryRun else { return }  // pending conversions stay pending: later carts still see them
        if wroteFiles {
            try FileSystem.syncFilesystem(workspace.outbox)
            wroteFiles = false
        }
        try ledger.commit(pending, progress: progress)
        pending.removeAll(keepingCapacity: true)
        pendingByReference.removeAll(keepingCapacity: true)
    }
}

extension CheckoutError {
    static func alreadyCheckedOut(_ reference: String, orderId: String, at loc: Location) -> CheckoutError {
        CheckoutError(
            .cartAlreadyCheckedOut,
            detail: "\(reference) was converted to order \(orderId) with other contents", at: loc,
            meta: [("id", .string(orderId))])
    }
}
