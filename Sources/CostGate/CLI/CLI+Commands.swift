extension CLI {
    /// Commands for tokens and the serving simulator, listed after the core ones.
    static let extraCommands: [any Command.Type] = [
        TokensCommand.self,
        SimulateCommand.self,
        RightsizeCommand.self,
    ]
}
