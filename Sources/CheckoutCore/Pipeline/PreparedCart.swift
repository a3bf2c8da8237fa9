/// A cart after the parallel stages: its evaluation, and what the commit stage needs to know of it.
struct PreparedCart: Sendable {
    /// Boxed: a priced cart's evaluation is ~1.5 KB of fields, which every move of a prepared cart (out of its
    /// init, into the group, to the commit) copied whole, retaining everything in it, where a box is one reference.
    indirect enum Body: Sendable {
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
    /// The canonical content, hashed only when needed: for a priced cart (its ledger record; `hashPriced` does it
    /// on the preparing threads, four at a time), or for a rejected one whose reference was converted before
    /// (duplicate or conflict). A 50 MB field is then never hashed for nothing.
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
    @OutOfLine var purchaseOrder: PurchaseOrderTerms? = nil

    var digest: String { precomputedDigest ?? SHA256.hex(canonical) }

    /// Where the parallel stage writes a cart's document: the folders it goes to, and its temporary name in `.staging/`.
    typealias Stage = (orders: String, errors: String, temporary: String)

    /// `stage`: where to write the rendered document under which temporary name; an order is then written as it is
    /// rendered, never held as an array. The document is made from the evaluation while it is a local, and no
    /// method of the cart being built is called (either copied the cart's evaluation once more; issue 18).
    init(
        _ read: borrowing InputCart,  // borrowed: the reading thread lets it go (`GroupReader.Chunk`)
        file: String, mirror: String, position: Int,
        validator: borrowing CartValidator,  // borrowed: an initialiser's argument is otherwise a copy, per cart
        renders: Bool, stage: Stage? = nil
    ) {
        let cart = if case .json(let text) = copy read { text.parse() } else { copy read }
        self.file = file
        self.mirror = mirror
        self.position = position
        let evaluation: CartEvaluation
        switch cart {
        case .unreadable(let error):
            body = .unreadable(error)
            reference = nil
            referenceLocation = Location(source: "data.reference", line: error.line, order: 0)
            canonical = []
            if renders { document = ErrorRenderer.render([error], file: file) }
            staged = Self.stage(
                &document, in: stage, name: Self.outputName(reference: nil, mirror: mirror, position: position))
            return
        case .parsedJSON, .xmlCart, .purchaseOrder, .json:
            let draft: CartDraft
            (draft, evaluation) =
                if case .parsedJSON(let tape) = cart {
                    CartPipeline.evaluate(tape, validator: validator)
                } else if case .xmlCart(let tape) = cart {
                    CartPipeline.evaluate(tape, validator: validator)
                } else if case .purchaseOrder(let po) = cart {
                    CartPipeline.evaluate(po, validator: validator)
                } else {
                    preconditionFailure("unreadable carts are handled above")
                }
            purchaseOrder = draft.purchaseOrder
            reference = draft.reference.map(\.value).flatMap { ReferenceCheck.isWellFormed($0) ? $0 : nil }
            referenceLocation = draft.reference?.location ?? draft.location.missing("reference")
            canonical = draft.canonical
        }
        // Consumed, and each case's payload moved back into `body`: bound from an evaluation kept for later, the
        // priced cart was copied whole (issue 18: ~1,500 instructions a cart with its destruction).
        switch consume evaluation {
        case .rejected(let rejection):
            if renders { document = ErrorRenderer.render(rejection.errors, file: file) }
            staged = Self.stage(
                &document, in: stage, name: Self.outputName(reference: reference, mirror: mirror, position: position))
            body = .evaluated(.rejected(rejection))
        case .priced(let priced):
            if renders {
                // The order's id is hashed with its items' ids, four names at a time (`OrderIdMaker.ids`).
                let order = OrderMaker.make(priced, timestamp: validator.nowText)
                orderId = order.id
                if let stage {
                    let target = Workspace.document(priced.cart.reference, in: stage.orders)
                    let temporary = stage.temporary
                    let written = OrderRenderer.render(order) { bytes in
                        // Left to the commit stage, which reports the failure, when the write fails.
                        (try? FileSystem.writeFile(temporary, UnsafeRawBufferPointer(bytes))) != nil
                            ? nil : Array(bytes)
                    }
                    if let written { document = written } else { staged = (temporary, target) }
                } else {
                    document = OrderRenderer.render(order)
                }
            } else {
                orderId = OrderIdMaker.orderId(reference: priced.cart.reference)
            }
            body = .evaluated(.priced(priced))
        }
    }

    var isPriced: Bool { if case .evaluated(.priced) = body { true } else { false } }

    /// Hashes the canonical content of the priced carts among `carts` on the preparing thread, so that the
    /// committing thread does not (issue 18: ~28k instructions a cart in scalar code): each on its own with the SHA
    /// extensions, else four at a time (`SHA256Lanes`). Every cart is reached in place (`inout`): read as
    /// `carts[i]!.canonical`, the whole prepared cart was copied and destroyed (~2k instructions a cart). With the
    /// extensions the carts are not gathered in fours for `SHA256Lanes` to take apart again: that cost 1.2k a cart.
    static func hashPriced(_ carts: UnsafeMutableBufferPointer<PreparedCart?>) {
        let priced = carts.indices.filter { isPriced(&carts[$0]) }
        if HashInstructions.available {
            for i in priced { hashCanonical(&carts[i]) }
            return
        }
        for first in stride(from: 0, to: priced.count, by: 4) {
            let lanes = priced[first..<min(first + 4, priced.count)]
            let digests = withBuffers(lanes.map { canonical(&carts[$0]) }[...]) { SHA256Lanes.hex($0) }
            for (n, i) in lanes.enumerated() { carts[i]!.precomputedDigest = digests[n] }
        }
    }

    private static func isPriced(_ cart: inout PreparedCart?) -> Bool { cart?.isPriced == true }
    private static func canonical(_ cart: inout PreparedCart?) -> [UInt8] { cart!.canonical }
    private static func hashCanonical(_ cart: inout PreparedCart?) {
        cart!.precomputedDigest = cart!.canonical.withUnsafeBufferPointer { SHA256.hex($0) }
    }

    /// The arrays' bytes, lent together.
    private static func withBuffers<R>(
        _ arrays: ArraySlice<[UInt8]>, lent: [UnsafeBufferPointer<UInt8>] = [],
        _ body: ([UnsafeBufferPointer<UInt8>]) -> R
    ) -> R {
        guard let first = arrays.first else { return body(lent) }
        return first.withUnsafeBufferPointer { withBuffers(arrays.dropFirst(), lent: lent + [$0], body) }
    }

    /// The output name under `errors/`: the reference, or `inputs/<file>.<position>` when the cart has no usable
    /// one (SPEC §8).
    var outputName: String { Self.outputName(reference: reference, mirror: mirror, position: position) }

    private static func outputName(reference: String?, mirror: String, position: Int) -> String {
        reference ?? "inputs/\(mirror).\(position)"
    }

    /// Writes a rendered error document to the stage's temporary name, lets it go, and says where it goes
    /// (`errors/<name>`). Nil, the document kept, when there is nothing to stage or the write fails: the commit
    /// stage then writes it, and reports the failure.
    private static func stage(
        _ document: inout [UInt8]?, in stage: Stage?, name: String
    ) -> (temporary: String, target: String)? {
        guard let stage, let bytes = document else { return nil }
        do { try FileSystem.writeFile(stage.temporary, bytes) } catch { return nil }
        document = nil
        return (stage.temporary, Workspace.document(name, in: stage.errors))
    }
}
