import Foundation

/// A throw-away content folder on disk.
struct TempContent {
    let folder: String

    init(catalog: String, procedures: [String: String] = [:], changes: String? = nil) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("permdocs-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/procedures", withIntermediateDirectories: true)
        try catalog.write(toFile: folder + "/permissions.yaml", atomically: false, encoding: .utf8)
        for (name, text) in procedures {
            try text.write(toFile: folder + "/procedures/\(name).yaml", atomically: false, encoding: .utf8)
        }
        if let changes { try changes.write(toFile: folder + "/changes.yaml", atomically: false, encoding: .utf8) }
    }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }
}
