/// Why a run stopped before finishing, each with the exit code of SPEC §1.
public enum RunFailure: Error, CustomStringConvertible {
    case usage(String)
    case missing(String)
    case io(FileSystemError)
    case locked(String)
    case invalidCatalogue([CatalogueProblem])

    public var exitCode: ExitCode {
        switch self {
        case .usage: return .usage
        case .missing: return .missing
        case .io: return .ioError
        case .locked: return .locked
        case .invalidCatalogue: return .invalidCatalogue
        }
    }

    public var description: String {
        switch self {
        case .usage(let m), .missing(let m), .locked(let m): return m
        case .io(let e): return "\(e); the run stopped and the inputs stay in the inbox, so fix this and run again"
        case .invalidCatalogue(let problems):
            let list = problems.map { "  " + $0.description }.joined(separator: "\n")
            return
                "the catalogue is invalid (\(problems.count) problem\(problems.count == 1 ? "" : "s")); no cart was touched. Fix these and run again:\n"
                + list
        }
    }
}
