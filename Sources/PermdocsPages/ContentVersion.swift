import PermdocsModel
import PermdocsValidate

/// A short, stable identifier of what the printed checklists say: the same catalog and procedures
/// give the same version, any change to a value they show gives another. Printed on every sheet,
/// so a signed checklist names the content it certifies.
///
/// It hashes the decoded values (not the files), so reformatting YAML or editing a comment does not
/// change it. FNV-1a, 64 bits, the first 12 hex digits: an identifier, not a security measure.
package enum ContentVersion {
    package static func of(_ content: Content) -> String {
        var hash = Hasher64()
        let app = content.catalog.app
        hash.add(
            "app", app.name.value, app.clientID.value, app.redirectURI.value, app.supportURL?.value ?? "",
            app.verifiedPublisher.map { "\($0.value)" } ?? "", app.isExample ? "example" : "")
        for s in content.catalog.scopes { hash.add("scope", s.scope.value, s.description?.value ?? "") }
        for f in content.catalog.features {
            hash.add("feature", f.id.value, f.title.value, f.summary?.value ?? "")
            hash.add(f.scopes.map(\.value))
        }
        for p in content.procedures {
            hash.add("procedure", p.id.value, p.title.value, p.summary?.value ?? "", p.audience.rawValue, p.checklistFirst ? "first" : "")
            hash.add(p.scenarios.map(\.value.rawValue))
            hash.add(p.roles.map(\.value))
            add(p.steps, to: &hash)
            hash.add(p.notes.map(\.value))
            hash.add(p.warnings.map(\.value))
            hash.add(p.seeAlso.map(\.value))
            hash.add(p.fixes.map(\.value))
        }
        return String(String(hash.value, radix: 16).leftPadded(to: 16).prefix(12))
    }

    private static func add(_ steps: [Procedure.Step], to hash: inout Hasher64) {
        hash.add("steps", "\(steps.count)")
        for s in steps {
            hash.add(
                "step", s.text.value, s.kind.rawValue, s.setting?.value ?? "", s.value?.value ?? "", s.note?.value ?? "",
                s.warning?.value ?? "", s.see?.value ?? "")
            hash.add(s.path.map(\.value))
            hash.add(s.scenarios.map(\.value.rawValue))
            add(s.steps, to: &hash)
            add(s.choices, to: &hash)
        }
    }

    /// FNV-1a over UTF-8, each string followed by a 0 byte so ("ab", "c") and ("a", "bc") differ.
    package struct Hasher64 {
        private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

        package mutating func add(_ strings: String...) { add(strings) }

        package mutating func add(_ strings: [String]) {
            for s in strings {
                for byte in s.utf8 { mix(byte) }
                mix(0)
            }
            mix(1)
        }

        private mutating func mix(_ byte: UInt8) {
            value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// Text as a CSS string literal (`"…"`), for values the layout puts in a style attribute (the
/// printed page's header). Quotes, backslashes and line breaks are escaped as CSS hex escapes, so
/// the value cannot end the string; the template then escapes the result for HTML as usual.
package enum CSSString {
    package static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"", "\\", "'", "<", ">", "&": out += "\\" + String(scalar.value, radix: 16) + " "
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: out += "\\" + String(scalar.value, radix: 16) + " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
