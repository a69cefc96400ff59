/// What a build is done with but need not free. The command-line tool, which exits right after a
/// build, keeps it until the process ends, so a 20,000-page site's link records and shared blocks
/// are not released object by object on the main thread (the kernel takes the address space back
/// at once). Everyone else (tests, in-process builds, the tool under a leak checker) drops it and
/// everything is released as usual.
public final class Leftovers: @unchecked Sendable {
    /// Never read: held only to be kept alive. Set once, so sharing it is safe.
    private let kept: [Any]

    init(_ kept: [Any]) { self.kept = kept }
}
