import Foundation

/// Text with markers ①…⑨ where findings must appear, in the style of swift-format's fixtures: the
/// markers are removed and their 1-based line and column remembered, so tests assert exact
/// locations without counting columns by hand.
public struct Marked {
    public static let markers: [Character] = ["①", "②", "③", "④", "⑤", "⑥", "⑦", "⑧", "⑨"]

    public let text: String
    /// Marker → "line:column".
    public let places: [Character: String]

    public init(_ source: String) {
        var text = ""
        var places: [Character: String] = [:]
        var line = 1
        var column = 1
        for ch in source {
            if Self.markers.contains(ch) {
                places[ch] = "\(line):\(column)"
                continue
            }
            text.append(ch)
            if ch == "\n" {
                line += 1
                column = 1
            } else {
                column += ch.unicodeScalars.count
            }
        }
        self.text = text
        self.places = places
    }

    public subscript(_ marker: Character) -> String { places[marker] ?? "no marker \(marker)" }
}
