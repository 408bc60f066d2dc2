import Fluent
import Vapor

extension Request {
    /// The database this request reads from: lists, pages and dashboards read here, writes go through
    /// `request.write` (the primary). Kept apart from `request.reads` so that reads that may lag can be sent elsewhere.
    var reads: any Database { db }
}
