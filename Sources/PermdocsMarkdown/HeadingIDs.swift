/// Unique ids for a page's headings: a heading's slug, else the slug with the first free `-2`,
/// `-3`, … An id is taken once given out, or when `reserved` says the page has it already (the
/// ids its layout and blocks define), asked only about the ids tried.
///
/// Linear in the headings: each slug remembers where its search stopped (the taken ids only
/// grow, so nothing before that point is free again), and an id splits into one slug and one
/// number, so every probe that fails is a different taken id.
package struct HeadingIDs {
    private var taken: Set<String> = []
    private var next: [String: Int] = [:]
    /// Ids looked up so far: the work, counted for the tests that double the input.
    package private(set) var probes = 0

    package init() {}

    /// The id for a heading whose slug is `base`, taken from now on.
    package mutating func id(for base: String, reserved: (String) -> Bool) -> String {
        probes += 1
        if !reserved(base), taken.insert(base).inserted { return base }
        var k = next[base] ?? 2
        while true {
            let id = "\(base)-\(k)"
            probes += 1
            k += 1
            if !reserved(id), taken.insert(id).inserted {
                next[base] = k
                return id
            }
        }
    }
}
