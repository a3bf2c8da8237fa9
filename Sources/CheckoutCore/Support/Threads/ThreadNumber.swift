#if canImport(Glibc)
    import Glibc
#endif

/// A number each thread sets for itself and reads back without a lock: one thread-specific key. `ThreadSlot`
/// numbers the threads that ask for a slot, `WorkerPool` marks its own threads; both were the same key code twice.
struct ThreadNumber: Sendable {
    private let key: pthread_key_t

    init() {
        var key = pthread_key_t()
        precondition(pthread_key_create(&key, nil) == 0, "no thread-specific key left")
        self.key = key
    }

    /// The calling thread's number, nil until it sets one.
    var current: Int? {
        guard let value = pthread_getspecific(key) else { return nil }
        return Int(bitPattern: value) - 1
    }

    /// Sets the calling thread's number (0 or more; stored one higher, so that no number reads as unset).
    func set(_ number: Int) {
        pthread_setspecific(key, UnsafeRawPointer(bitPattern: number + 1))
    }
}
