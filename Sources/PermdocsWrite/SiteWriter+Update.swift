public import PermdocsDiagnostics
public import PermdocsSite
import PermdocsSupport
import Foundation

extension SiteWriter {
    /// Replaces a few files of an existing site in place (`permdocs serve`, after an edit that
    /// changed a few pages): each is written beside its old version and renamed over it, so a
    /// reader sees the old page or the new one, never half of one. Only a site permdocs made
    /// (one carrying the marker) is updated, under the same lock as a build.
    public func update(_ files: [OutputFile]) throws(IOFailure) {
        try checkTarget()
        let lock = try Lock(path: Paths.join(parent, ".\(name).permdocs-lock"))
        defer { lock.release() }
        var info = stat()
        guard lstat(Paths.join(output, Self.marker), &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw IOFailure("\(option) \(output): is not a permdocs site (no \(Self.marker) marker); refusing to update it")
        }
        for file in files {
            guard Self.isSafeRelativePath(file.path), file.path != Self.marker else {
                throw IOFailure("refusing to write '\(file.path)': not a plain relative path")
            }
            let target = Paths.join(output, file.path)
            try mkdirs(Paths.parent(target))
            // A hidden name in the same folder: the rename stays on one file system.
            let temp = Paths.join(Paths.parent(target), ".permdocs-update-\(getpid())")
            unlink(temp)
            let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o644)
            guard fd >= 0 else { throw failure("cannot create \(temp)") }
            let written = Self.writeAll(file.bytes, to: fd)
            close(fd)
            guard written, rename(temp, target) == 0 else {
                let error = failure("cannot write \(target)")
                unlink(temp)
                throw error
            }
        }
    }
}

extension SiteWriter {
    /// Removes the site, if permdocs made it (it carries the marker), and the lock file beside it
    /// (`permdocs serve`, stopping: the preview site lives in a temporary folder of its own).
    public func remove() {
        removeOurFolder(output)
        unlink(Paths.join(parent, ".\(name).permdocs-lock"))
    }
}
