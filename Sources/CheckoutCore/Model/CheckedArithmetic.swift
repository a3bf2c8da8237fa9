/// Thrown when an amount does not fit in Int64; SPEC §5 makes that an error, never a wrap.
struct AmountOverflow: Error, Sendable, Equatable {}

/// Checked Int64 arithmetic for money: every operation that can overflow says so by throwing.
enum Checked {
    @inline(__always)
    static func add(_ a: Int64, _ b: Int64) throws(AmountOverflow) -> Int64 {
        let (r, o) = a.addingReportingOverflow(b)
        if o { throw AmountOverflow() }
        return r
    }

    @inline(__always)
    static func subtract(_ a: Int64, _ b: Int64) throws(AmountOverflow) -> Int64 {
        let (r, o) = a.subtractingReportingOverflow(b)
        if o { throw AmountOverflow() }
        return r
    }

    @inline(__always)
    static func multiply(_ a: Int64, _ b: Int64) throws(AmountOverflow) -> Int64 {
        let (r, o) = a.multipliedReportingOverflow(by: b)
        if o { throw AmountOverflow() }
        return r
    }

    static func sum<S: Sequence>(_ values: S) throws(AmountOverflow) -> Int64 where S.Element == Int64 {
        var total: Int64 = 0
        for v in values { total = try add(total, v) }
        return total
    }

    /// Narrows a wide intermediate back to Int64.
    static func narrow(_ v: Int128) throws(AmountOverflow) -> Int64 {
        guard v >= Int128(Int64.min), v <= Int128(Int64.max) else { throw AmountOverflow() }
        return Int64(v)
    }
}
