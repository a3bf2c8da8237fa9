import Testing

@testable import CheckoutCore

@Suite("Largest-remainder apportioning")
struct ApportionTests {
    @Test func sharesAddUpWithTheRemainderToTheLargestFractions() {
        // 1000 over 3000/2000/1000... exact: 500, 333.33, 166.67 → floors 500, 333, 166 (999), +1 to 166.67.
        #expect(Apportion.largestRemainder(1000, weights: [3000, 2000, 1000]) == [500, 333, 167])
    }

    @Test func fixedDiscountOverThreeLinesLeavesARemainder() {
        // 500 over 1000/1000/1001 (3001): exact 166.61, 166.61, 166.78 → floors 166,166,166 = 498; two left:
        // the largest fractions are line 3 (.78) then lines 1 and 2 (.61 each) → the tie goes to line 1.
        let shares = Apportion.largestRemainder(500, weights: [1000, 1000, 1001])
        #expect(shares == [167, 166, 167])
        #expect(shares.reduce(0, +) == 500)
    }

    @Test func tiesGoToTheEarlierLine() {
        // 100 over three equal lines: 33.33 each → one unit left, to the first.
        #expect(Apportion.largestRemainder(100, weights: [10, 10, 10]) == [34, 33, 33])
        // 2 over three equal lines: two units left, to the first two.
        #expect(Apportion.largestRemainder(2, weights: [5, 5, 5]) == [1, 1, 0])
    }

    @Test func zeroWeightsGetNothing() {
        #expect(Apportion.largestRemainder(0, weights: [0, 0]) == [0, 0])
        #expect(Apportion.largestRemainder(10, weights: [0, 5]) == [0, 10])
    }
}
