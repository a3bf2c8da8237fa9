/// An optional value kept out of line, behind one reference, and nothing at all when absent. For the purchase-order
/// terms that a cart, its items and its prepared result carry (SPEC §12): held inline they made every cart of every
/// format as large as a purchase order's, and every move of a draft, an item or a prepared cart copied all those
/// bytes (issue 18: a JSON cart's draft was ~1.9 KB, each item ~0.9 KB). A JSON or XML cart never has them.
@propertyWrapper
struct OutOfLine<Value: Sendable>: Sendable {
    /// Never changed once made, so sharing it between copies keeps value semantics: a write makes a new one. (A
    /// nested generic `indirect enum` here crashed the compiler's move-only checker, Swift 6.3.1.)
    private final class Box: Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    private var box: Box?

    init(wrappedValue: Value?) {
        box = wrappedValue.map(Box.init)
    }

    var wrappedValue: Value? {
        get { box?.value }
        set { box = newValue.map(Box.init) }
    }
}
