/// A cart after the parallel stages: its evaluation, and what the commit stage needs to know of it.
struct PreparedCart: Sendable {
    enum Body: Sendable {
        case unreadable(CheckoutError)
        case evaluated(CartEvaluation)
    }

    var body: Body
    var position: Int
    var file: String
    /// The input's name as error documents mirror it (SPEC §8).
    var mirror: String
    /// The reference when it is well-formed (it then names the output files).
    var reference: String?
    var referenceLocation: Location
    /// The canonical content, hashed only when needed: for a priced cart (its ledger record), or for a rejected one
    /// whose reference was converted before (duplicate or conflict). A 50 MB field is then never hashed for nothing.
    private var canonical: [UInt8]
    private var precomputedDigest: String?
    /// The document this cart writes if the ledger and the stock agree, rendered here, on any core, so the
    /// sequential commit stage only writes bytes: the order of a priced cart, the error document of a rejected
    /// one. A duplicate, a conflict or a stock shortage discards it (and renders the outcome it got instead).
    var document: [UInt8]?
    var orderId: String?
    /// `document`, already written by the parallel stage under a temporary name (`.staging/`), and where it goes if
    /// the commit stage decides as the parallel stage did: the committing thread then only renames it (issue 18).
    var staged: (temporary: String, target: String)?
    /// Set for a partner's purchase order: what its acknowledgement needs (SPEC §13).
    var purchaseOrder: PurchaseOrderTerms?

    var digest: String { precomputedDigest ?? SHA256.hex(canonical) }

    /// `stage`: where to write the rendered document under which temporary name (`stage(in:as:)`); an order is then
    /// written as it is rendered, never held as an array.
    init(
        _ cart: InputCart, file: String, mirror: String, position: Int, validator: CartValidator, renders: Bool,
        stage: (workspace: Workspace, temporary: String)? = nil
    ) {
        let cart = if case .json(let text) = cart { text.parse() } else { cart }
        self.file = file
        self.mirror = mirror
        self.position = position
        switch cart {
        case .unreadable(let error):
            body = .unreadable(error)
            reference = nil
            referenceLocation = Location(source: "data.reference", line: error.line, order: 0)
            canonical = []
        case .node, .parsedJSON, .purchaseOrder, .json:
            let (draft, evaluation) =
                if case .parsedJSON(let tape) = cart {
                    CartPipeline.evaluate(tape, validator: validator)
                } else if case .node(let node) = cart {
                    CartPipeline.evaluate(node, validator: validator)
                } else if case .purchaseOrder(let po) = cart {
                    CartPipeline.evaluate(po, validator: validator)
                } else {
                    preconditionFailure("unreadable carts are handled above")
                }
            body = .evaluated(evaluation)
            purchaseOrder = draft.purchaseOrder
            reference = draft.reference.map(\.value).flatMap { ReferenceCheck.isWellFormed($0) ? $0 : nil }
            referenceLocation = draft.reference?.location ?? draft.location.missing("reference")
            canonical = draft.canonical
        }
        switch body {
        case .unreadable(let error):
            if renders { document = ErrorRenderer.render([error], file: file) }
        case .evaluated(.rejected(let rejection)):
            if renders { document = ErrorRenderer.render(rejection.errors, file: file) }
        case .evaluated(.priced(let priced)):
            precomputedDigest = SHA256.hex(canonical)
            let id = OrderIdMaker.orderId(reference: priced.cart.reference)
            orderId = id
            guard renders else { return }
            let order = OrderMaker.make(priced, orderId: id, timestamp: validator.nowText)
            if let stage {
                let target = documentTarget(in: stage.workspace)
                let temporary = stage.temporary
                let written = OrderRenderer.render(order) { bytes in
                    // Left to the commit stage, which reports the failure, when the write fails.
                    (try? FileSystem.writeFile(temporary, UnsafeRawBufferPointer(bytes))) != nil ? nil : Array(bytes)
                }
                if let written { document = written } else { staged = (temporary, target) }
                return
            }
            document = OrderRenderer.render(order)
        }
        if let stage { self.stage(in: stage.workspace, as: stage.temporary) }
    }

    /// The output name under `errors/`: the reference, or `inputs/<file>.<position>` when the cart has no usable
    /// one (SPEC §8).
    var outputName: String { reference ?? "inputs/\(mirror).\(position)" }

    /// Writes `document` to `temporary` and notes where it would go: `orders/` for a priced cart, `errors/` for a
    /// rejected one. Left as it was when the write fails: the commit stage then writes it, and reports the failure.
    mutating func stage(in workspace: Workspace, as temporary: String) {
        guard let document else { return }
        do { try FileSystem.writeFile(temporary, document) } catch { return }
        staged = (temporary, documentTarget(in: workspace))
        self.document = nil
    }

    /// Where this cart's document goes if the commit stage decides as the parallel stage did.
    private func documentTarget(in workspace: Workspace) -> String {
        switch body {
        case .evaluated(.priced(let priced)): Workspace.document(priced.cart.reference, in: workspace.orders)
        case .evaluated(.rejected), .unreadable: Workspace.document(outputName, in: workspace.errors)
        }
    }
}
