/// Suggests the nearest known name for a misspelt one ("did you mean …?").
///
/// The work per name is bounded, so reporting n unknown names is linear in n whatever the number
/// of candidates: the candidates are prepared once (`Candidates`: folded to lowercase, grouped by
/// length, each with a histogram of its characters), at most `Candidates.maxExamined` (1,024) of
/// them are looked at per name, nearest in length first, and the edit distance is computed only
/// for those whose histogram allows a close enough match. Past 1,024 candidates of about the
/// same length, a hint may miss the closest name; below, it is the closest (the first of equals).
public enum DidYouMean {
    /// The candidate with the smallest case-insensitive edit distance to `name`, if it is close enough
    /// to be a plausible typo: at most a third of the longer name, and at least one edit is allowed.
    /// Of equally close candidates, the first.
    public static func suggestion(for name: String, among candidates: some Sequence<String>) -> String? {
        Candidates(candidates).suggestion(for: name)
    }

    /// `"; did you mean 'X'?"` or the empty string.
    public static func hint(for name: String, among candidates: some Sequence<String>) -> String {
        Candidates(candidates).hint(for: name)
    }

    /// Names to suggest from, prepared once for any number of lookups.
    public struct Candidates: Sendable {
        /// The most candidates one lookup looks at (those nearest in length to the name).
        package static let maxExamined = 1024
        private let maxExamined: Int

        private let names: [String]
        private let folded: [[Unicode.Scalar]]
        /// Each candidate's character histogram (`Self.buckets` counts, saturating).
        private let histograms: [[UInt8]]
        /// Candidate indexes by folded length, ascending.
        private let byLength: [Int: [Int]]
        private static let buckets = 32

        public init(_ names: some Sequence<String>) {
            self.init(names, maxExamined: Self.maxExamined)
        }

        /// With another bound on the candidates one lookup looks at (for tests).
        package init(_ names: some Sequence<String>, maxExamined: Int) {
            self.maxExamined = maxExamined
            self.names = Array(names)
            folded = self.names.map { Array($0.lowercased().unicodeScalars) }
            histograms = folded.map(Self.histogram)
            var byLength: [Int: [Int]] = [:]
            for (i, f) in folded.enumerated() { byLength[f.count, default: []].append(i) }
            self.byLength = byLength
        }

        /// See `DidYouMean.suggestion(for:among:)`.
        public func suggestion(for name: String) -> String? {
            var work = 0
            return suggestion(for: name, work: &work)
        }

        /// `"; did you mean 'X'?"` or the empty string.
        public func hint(for name: String) -> String {
            suggestion(for: name).map { "; did you mean '\($0)'?" } ?? ""
        }

        /// The suggestion, adding the work done to `work` (candidates looked at, distance cells
        /// computed): for the tests that double the input.
        package func suggestion(for name: String, work: inout Int) -> String? {
            let target = Array(name.lowercased().unicodeScalars)
            let targetHistogram = Self.histogram(target)
            var best: (index: Int, distance: Int)?
            var examined = 0
            // Lengths nearest the name's first; past `target.count` away nothing is close enough.
            lengths: for delta in 0...max(target.count, 1) {
                for length in delta == 0 ? [target.count] : [target.count - delta, target.count + delta] {
                    guard length >= 0, let group = byLength[length] else { continue }
                    let limit = max(1, max(target.count, length) / 3)
                    if delta > limit { continue }
                    for i in group {
                        if examined == maxExamined { break lengths }
                        examined += 1
                        work += 1
                        let bound = min(limit, best?.distance ?? limit)
                        // Each edit changes the histograms' difference by at most 2.
                        guard Self.difference(histograms[i], targetHistogram) <= 2 * bound else { continue }
                        guard let d = distance(target, folded[i], limit: bound, work: &work) else { continue }
                        if best == nil || d < best!.distance || (d == best!.distance && i < best!.index) { best = (i, d) }
                    }
                }
            }
            return best.map { names[$0.index] }
        }

        private static func histogram(_ scalars: [Unicode.Scalar]) -> [UInt8] {
            var h = [UInt8](repeating: 0, count: buckets)
            for s in scalars {
                let b = Int(s.value) % buckets
                if h[b] < 255 { h[b] += 1 }
            }
            return h
        }

        private static func difference(_ a: [UInt8], _ b: [UInt8]) -> Int {
            var sum = 0
            for k in 0..<buckets { sum += abs(Int(a[k]) - Int(b[k])) }
            return sum
        }
    }

    /// Levenshtein distance with adjacent transpositions, or nil when it exceeds `limit`.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int? {
        var work = 0
        return distance(a, b, limit: limit, work: &work)
    }

    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int, work: inout Int) -> Int? {
        if a.isEmpty { return b.count <= limit ? b.count : nil }
        if b.isEmpty { return a.count <= limit ? a.count : nil }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMin = i
            work += b.count
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                current[j] = value
                rowMin = min(rowMin, value)
            }
            if rowMin > limit { return nil }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count] <= limit ? previous[b.count] : nil
    }
}
