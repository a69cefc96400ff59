import PermdocsCLI
import Foundation

// A file-size limit (or a full quota) must fail a write with EFBIG, reported as an I/O error with
// the previous site intact, not kill the process half-way.
signal(SIGXFSZ, SIG_IGN)

// glibc malloc, tuned for a short-lived process that renders thousands of pages on every core:
// each worker thread's arena would otherwise grow and shrink (an `mprotect` each time) for every
// page. Keep freed memory (trim only above 256 MiB), grow in 32 MiB steps, and keep page-sized
// buffers off `mmap`. Memory use stays bounded by the largest working set; `make bench` measures
// peak memory with these settings.
#if os(Linux)
    // `mallopt` from <malloc.h>, which Swift's Glibc module does not import; looked up at run time.
    // Its parameters: M_TRIM_THRESHOLD -1, M_TOP_PAD -2, M_MMAP_THRESHOLD -3.
    if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") {
        let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
        _ = mallopt(-1, 256 << 20)
        _ = mallopt(-2, 32 << 20)
        _ = mallopt(-3, 8 << 20)
    }
#endif

// A finished build exits without freeing what it loaded and rendered, as clang's
// `-disable-free` does: a large build holds a few hundred thousand small objects, which would be
// released one by one on the main thread after the site is written, while the kernel takes the
// whole address space back at once. Under LeakSanitizer (ASan's runtime exports
// `__lsan_do_leak_check`), which must see every allocation released, everything is freed first.
let underLeakChecker = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "__lsan_do_leak_check") != nil
let status: Int32 = {
    let outcome = PermdocsMain.run(Array(CommandLine.arguments.dropFirst()))
    if !underLeakChecker {
        withExtendedLifetime(outcome) { exit(outcome.status) }
    }
    return outcome.status
}()
exit(status)
