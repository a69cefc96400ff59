import Foundation

/// Text with markers ①…⑨ where findings must appear, in the style of swift-format's fixtures: the
/// markers are removed and their 1-based line and column remembered, so tests assert exact
/// locations without counting columns by hand.
struct Marked {
    static let markers: [Character] = ["①", "②", "③", "④", "⑤", "⑥", "⑦", "⑧", "⑨"]

    let text: String
    /// Marker → "line:column".
    let places: [Character: String]

    init(_ source: String) {
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
            if ch == "\n" { line += 1; column = 1 } else { column += ch.unicodeScalars.count }
        }
        self.text = text
        self.places = places
    }

    subscript(_ marker: Character) -> String { places[marker] ?? "no marker \(marker)" }
}

/// A throw-away content folder on disk.
struct TempContent {
    let folder: String

    init(catalog: String, procedures: [String: String] = [:]) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("permdocs-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/procedures", withIntermediateDirectories: true)
        try catalog.write(toFile: folder + "/permissions.yaml", atomically: false, encoding: .utf8)
        for (name, text) in procedures {
            try text.write(toFile: folder + "/procedures/\(name).yaml", atomically: false, encoding: .utf8)
        }
    }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }
}
