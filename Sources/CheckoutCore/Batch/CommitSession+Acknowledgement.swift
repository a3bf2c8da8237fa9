/// Acknowledgements to partners (SPEC §13), written in the commit stage like the order or error document they go
/// with: before the group's sync and ledger append, so a crash never leaves one without the other.
extension CommitSession {
    /// Writes a purchase order's acknowledgement: `responses/<reference>.xml`, `responses/inputs/<file>.<n>.xml`
    /// without a reference, or `responses/<reference>.conflict-<12 hex of the input's SHA-256>.xml` for a conflict,
    /// which never replaces the accepted order's.
    /// Returns whether an acknowledgement was written (the cart was a purchase order, and this is no dry run).
    @discardableResult
    mutating func acknowledge(
        _ cart: PreparedCart, _ outcome: Acknowledgement.Outcome, date: Timestamp, conflictIn input: InputPath? = nil
    ) throws(FileSystemError) -> Bool {
        guard let terms = cart.purchaseOrder, !dryRun else { return false }
        // Not even the partner's identity could be read: there is no one to address, only the error document.
        if terms.partner == nil && terms.buyerIds.isEmpty { return false }
        var name = cart.reference ?? "inputs/\(cart.mirror).\(cart.position)"
        if let input {
            let bytes = try FileSystem.readAll(try FileDescriptor.open(input))
            name += ".conflict-" + SHA256.hex(bytes).prefix(12)
        }
        let orderId = OrderIdMaker.orderId(reference: cart.reference ?? "\(cart.mirror).\(cart.position)")
        let acknowledgement = Acknowledgement(
            terms: terms, orderId: orderId, date: date, fileName: FileSystem.baseName(name) + ".xml",
            currency: terms.currency.flatMap { catalogue.currency(code: $0) }, outcome: outcome)
        try write(workspace.responses + "/\(name).xml", acknowledgement.render())
        return true
    }

    /// A duplicate's acknowledgement again (SPEC §13): the first one's bytes, so a partner whose answer was lost can
    /// send the order again. Rewritten from the outbox when it is there, else made anew at the first commit's time.
    mutating func acknowledgeAgain(_ cart: PreparedCart, committedAt: Timestamp) throws(FileSystemError) -> Bool {
        guard cart.purchaseOrder != nil, !dryRun, let reference = cart.reference else { return false }
        let path = workspace.responses + "/\(reference).xml"
        if FileSystem.isRegularFile(path) {
            let bytes = try FileSystem.readAll(path)
            try write(path, bytes)
            return true
        } else if case .evaluated(.priced(let priced)) = cart.body {
            return try acknowledge(cart, .accepted(priced), date: committedAt)
        }
        return false
    }
}
