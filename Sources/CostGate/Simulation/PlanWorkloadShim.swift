// TEMPORARY SHIM (sim branch only): the lead implements `PlanWorkload.requests` on main, replaying a plan's
// route into simulator requests, and deletes this file on merge. Nothing else in Simulation/ depends on it.

/// Turns one route of a plan into simulator load (temporary stand-in; see the note above).
enum PlanWorkload {
    /// The route's replayed requests (already scaled to the forecast load), its deployment if it is
    /// self-hosted, the hosted API's cost per request if it is priced by tokens, and the factor that turns
    /// the sample's span into a month.
    static func requests(planPath: String, route: String, context: CommandContext) throws
        -> (requests: [SimRequest], deployment: Deployment?, apiCostPerRequest: Double?, monthScale: Double)
    {
        throw CostGateError.usage("rightsize: reading plan '\(planPath)' is not available in this build (PlanWorkload shim)")
    }
}
