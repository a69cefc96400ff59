import PermdocsCLI
import Foundation

exit(PermdocsMain.run(Array(CommandLine.arguments.dropFirst())))
