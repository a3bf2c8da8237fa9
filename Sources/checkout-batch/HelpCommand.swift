/// `checkout-batch help [COMMAND]` (and `--help` with or without a command).
enum HelpCommand {
    static func perform(_ arguments: Arguments) -> Never {
        guard let name = arguments.positional.first else {
            print(Help.general, terminator: "")
            exit(.success)
        }
        guard let command = Command.named(name) else {
            let names = Command.all.map(\.name).filter { $0 != "help" }.joined(separator: ", ")
            fail("no help for '\(name)': the commands are \(names)", .usage)
        }
        print(Help.text(for: command), terminator: "")
        exit(.success)
    }
}
