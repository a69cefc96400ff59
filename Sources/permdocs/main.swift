import PermdocsCLI
import Foundation

// A file-size limit (or a full quota) must fail a write with EFBIG, reported as an I/O error with
// the previous site intact, not kill the process half-way.
signal(SIGXFSZ, SIG_IGN)
exit(PermdocsMain.run(Array(CommandLine.arguments.dropFirst())))
