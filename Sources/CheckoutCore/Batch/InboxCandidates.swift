/// The inbox files a watcher has seen and when each is complete (SPEC §10): a file inotify reported (created,
/// written) is complete only after a close-after-write or a move in, then `quiet`; a file inotify never reported
/// (there before the watcher started, or without inotify) once its size and time stood still for `settle`.
/// Ready files are handed out in name order, behind any earlier file still settling (SPEC §6's order).
struct InboxCandidates {
    private struct Candidate {
        var size: Int64
        var modified: Int64
        var lastChange: ContinuousClock.Instant
        /// inotify has reported this file: then only a close-after-write or a move in completes it.
        var announced: Bool
        var completed: Bool
    }

    let quiet: Duration
    let settle: Duration
    private var files: [InputName: Candidate] = [:]

    init(quiet: Duration, settle: Duration) {
        self.quiet = quiet
        self.settle = settle
    }

    var isEmpty: Bool { files.isEmpty }

    /// What inotify said: a name written, completed or removed, or (nil) that events were lost.
    mutating func absorb(_ events: [InboxEvents.Event], at now: ContinuousClock.Instant) {
        for event in events {
            guard let name = event.name else {
                // The kernel dropped events: what inotify said of each file can no longer be trusted.
                for key in files.keys {
                    files[key]?.announced = false
                    files[key]?.lastChange = now
                }
                continue
            }
            guard Inbox.format(of: name) != nil else { continue }
            switch event.kind {
            case .removed: files[name] = nil
            case .changed, .completed:
                var c =
                    files[name] ?? Candidate(size: -1, modified: -1, lastChange: now, announced: true, completed: false)
                c.lastChange = now
                c.announced = true
                c.completed = event.kind == .completed
                files[name] = c
            }
        }
    }

    /// What a look at the folder shows: the inputs there now, with their sizes and times.
    mutating func rescan(_ names: [InputName], in inbox: String, at now: ContinuousClock.Instant) {
        let present = Set(names)
        files = files.filter { present.contains($0.key) }
        for name in names {
            let (size, modified) = FileSystem.sizeAndModification(InputPath(folder: inbox, name: name))
            var c =
                files[name]
                ?? Candidate(size: size, modified: modified, lastChange: now, announced: false, completed: false)
            if c.size != size || c.modified != modified {
                // Only a file inotify never reported is judged by its size and time standing still.
                if c.size >= 0 && !c.announced { c.lastChange = now }
                c.size = size
                c.modified = modified
            }
            files[name] = c
        }
    }

    /// The complete files, in name order, none after a file still settling; they are no longer candidates.
    mutating func takeReady(at now: ContinuousClock.Instant) -> [InputName] {
        let settling = files.filter { _, c in !c.completed && !c.announced }.keys.min()
        let ready = files.filter { name, c in
            let complete =
                c.completed
                ? now - c.lastChange >= quiet : (!c.announced && c.size >= 0 && now - c.lastChange >= settle)
            return complete && (settling.map { !($0 < name) } ?? true)
        }.keys.sorted()
        for name in ready { files[name] = nil }
        return ready
    }
}
