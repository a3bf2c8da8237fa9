/// The largest-remainder method (SPEC §5.2): split `total` over `weights` in proportion, flooring every share
/// and then giving one minor unit each to the largest fractional parts, ties to the earlier position, so the
/// shares add up to exactly `total`.
enum Apportion {
    static func largestRemainder(_ total: Int64, weights: [Int64]) -> [Int64] {
        precondition(total >= 0 && weights.allSatisfy { $0 >= 0 }, "apportioning takes non-negative amounts")
        let sum = weights.reduce(Int128(0)) { $0 + Int128($1) }
        guard sum > 0 else { return weights.map { _ in 0 } }
        var shares: [Int64] = []
        var remainders: [(remainder: Int128, index: Int)] = []
        shares.reserveCapacity(weights.count)  // one allocation each, not one per growth (issue 18)
        remainders.reserveCapacity(weights.count)
        var given: Int128 = 0
        for (i, w) in weights.enumerated() {
            let exact = Int128(total) * Int128(w)
            let floor = exact / sum
            shares.append(Int64(floor))
            remainders.append((exact % sum, i))
            given += floor
        }
        var left = Int(Int128(total) - given)
        remainders.sort { $0.remainder != $1.remainder ? $0.remainder > $1.remainder : $0.index < $1.index }
        for r in remainders where left > 0 {
            shares[r.index] += 1
            left -= 1
        }
        return shares
    }
}
