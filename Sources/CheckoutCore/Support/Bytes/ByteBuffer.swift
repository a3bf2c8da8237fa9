#if canImport(Glibc)
    import Glibc
#endif

/// Growable bytes written through a raw pointer. An order is ~18 KB built from thousands of small pieces;
/// `[UInt8].append` pays a uniqueness check and a capacity check per piece, this pays one comparison.
/// Noncopyable, so the storage has exactly one owner and is freed once.
///
/// The storage comes from `malloc` itself: `UnsafeMutablePointer.allocate` asks the Swift runtime for "default"
/// alignment, which on Linux it serves with `posix_memalign`, ~2.5 times the instructions of `malloc` for the same
/// 16-byte alignment (issue 18: ~10 buffers a cart), and growing by `realloc` often extends in place.
struct ByteBuffer: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = ByteBuffer.reallocate(nil, self.capacity)
    }

    deinit { free(base) }

    /// The bytes written so far, as an array (one copy).
    var array: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// The bytes from `start` on, e.g. to look at what a call has just written.
    func withBytes<R>(from start: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        precondition(start >= 0 && start <= count, "ByteBuffer range out of bounds")
        return body(UnsafeBufferPointer(start: base + start, count: count - start))
    }

    /// Forgets the bytes from `start` on.
    mutating func truncate(to start: Int) {
        precondition(start >= 0 && start <= count, "ByteBuffer range out of bounds")
        count = start
    }

    /// Makes room for `n` more bytes; `writeUnchecked` may then be used for them.
    @inline(__always) mutating func reserve(_ n: Int) {
        if capacity - count < n { grow(to: count + n) }
    }

    @inline(__always) mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    @inline(__always) mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let start = bytes.baseAddress else { return }
        append(start, bytes.count)
    }

    @inline(__always) mutating func append(_ start: UnsafePointer<UInt8>, _ n: Int) {
        reserve(n)
        ByteBuffer.copy(start, to: base + count, n)
        count += n
    }

    /// Appends a copy of bytes already written, `range` of them (the room is made first: growing may move them).
    mutating func appendCopy(of range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "ByteBuffer range out of bounds")
        reserve(range.count)
        ByteBuffer.copy(base + range.lowerBound, to: base + count, range.count)
        count += range.count
    }

    @inline(__always) mutating func append(_ text: StaticString) {
        append(text.utf8Start, text.utf8CodeUnitCount)
    }

    /// A String's UTF-8. Named apart from `append(_: StaticString)` so that a literal never lands here: Swift
    /// prefers `String` for a literal when both fit, and this copy is ~90 instructions where the other is a memcpy.
    ///
    /// Read, like every string the hot paths read byte by byte, through `utf8.withContiguousStorageIfAvailable`:
    /// `withUTF8` is `mutating`, so on a parameter or a field it needs `var s = s` first, a retain and a release of
    /// the string's storage each time (issue 18: ~150 a cart). The storage is always there on Linux (only bridged
    /// Objective-C strings lack it), hence the `!`. Written out at each use: a generic helper doing the same cost
    /// ~5k instructions a cart more, its closures no longer inlined.
    mutating func append(string text: String) {
        text.utf8.withContiguousStorageIfAvailable { append($0) }!
    }

    /// Inlined: an order appends ~130 prepared runs (a currency's, the timestamp), and the call cost more than the copy.
    @inline(__always) mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// Appends `n` bytes that `fill` writes in place.
    @inline(__always) mutating func appendUninitialized(_ n: Int, _ fill: (UnsafeMutablePointer<UInt8>) -> Void) {
        reserve(n)
        fill(base + count)
        count += n
    }

    /// Writes one byte into room made by `reserve`.
    @inline(__always) mutating func writeUnchecked(_ byte: UInt8) {
        base[count] = byte
        count += 1
    }

    /// Writes bytes into room made by `reserve`.
    @inline(__always) mutating func writeUnchecked(_ start: UnsafePointer<UInt8>, _ n: Int) {
        ByteBuffer.copy(start, to: base + count, n)
        count += n
    }

    /// Copies `n` bytes that do not overlap their destination. Up to 32 bytes — nearly every run and value a
    /// document is made of — as two loads and two stores that may overlap each other, in place; longer through
    /// `memcpy`. A call to `memcpy` through the PLT was ~15 instructions plus the call for a copy of a few bytes,
    /// ~350 copies a cart (issue 18).
    @inline(__always) static func copy(_ source: UnsafePointer<UInt8>, to target: UnsafeMutablePointer<UInt8>, _ n: Int)
    {
        let from = UnsafeRawPointer(source)
        let to = UnsafeMutableRawPointer(target)
        if n > 32 {
            target.initialize(from: source, count: n)
        } else if n >= 16 {
            pair(from, to, n, SIMD16<UInt8>.self)
        } else if n >= 8 {
            pair(from, to, n, UInt64.self)
        } else if n >= 4 {
            pair(from, to, n, UInt32.self)
        } else if n >= 2 {
            pair(from, to, n, UInt16.self)
        } else if n == 1 {
            target.pointee = source.pointee
        }
    }

    /// The first and the last `T`-sized piece of `n` bytes (`size(T) ≤ n ≤ 2 × size(T)`), both loaded before either
    /// is stored.
    @inline(__always) private static func pair<T>(
        _ from: UnsafeRawPointer, _ to: UnsafeMutableRawPointer, _ n: Int, _: T.Type
    ) {
        let last = n - MemoryLayout<T>.size
        let head = from.loadUnaligned(as: T.self)
        let tail = from.loadUnaligned(fromByteOffset: last, as: T.self)
        to.storeBytes(of: head, as: T.self)
        to.storeBytes(of: tail, toByteOffset: last, as: T.self)
    }

    @inline(never) private mutating func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        base = ByteBuffer.reallocate(base, newCapacity)
        capacity = newCapacity
    }

    /// `realloc`, which is `malloc` for nil; out of memory stops the program, as any Swift allocation does.
    private static func reallocate(_ old: UnsafeMutablePointer<UInt8>?, _ capacity: Int) -> UnsafeMutablePointer<UInt8>
    {
        guard let raw = realloc(old, capacity) else { fatalError("out of memory: \(capacity) bytes") }
        return raw.assumingMemoryBound(to: UInt8.self)
    }
}
