/// The exit codes of SPEC §1 (sysexits where one fits), shared by the library's outcomes and the command line.
public enum ExitCode: Int32, Sendable {
    /// Every cart converted (or was already); for other commands, done.
    case success = 0
    /// The run finished and some cart or input was rejected.
    case rejections = 1
    case usage = 64
    /// The inbox or the catalogue folder is missing.
    case missing = 66
    /// An I/O error stopped the run; the inputs stay in the inbox.
    case ioError = 74
    /// Another process holds the workspace lock.
    case locked = 75
    case invalidCatalogue = 78
}
