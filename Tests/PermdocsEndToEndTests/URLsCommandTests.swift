import Testing
import Foundation
import PermdocsTestSupport

private let golden = Repo.path("Tests/PermdocsEndToEndTests/Fixtures/urls")

@Suite("permdocs urls (real binary)")
struct URLsCommandTests {
    @Test func theReadmeExamplePrintsOneWorkingAdminConsentLink() throws {
        let r = try Binary.run(["urls", "--feature", "calendar", "--tenant", "contoso.onmicrosoft.com"], in: Repo.root)
        #expect(r.status == 0)
        #expect(r.stderr == "")
        #expect(
            r.stdout == """
                # Calendar sync (calendar): admin consent, tenant contoso.onmicrosoft.com, global cloud
                https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0/adminconsent?client_id=00000000-0000-0000-0000-000000000000&scope=offline_access%20https%3A%2F%2Fgraph.microsoft.com%2FUser.Read%20https%3A%2F%2Fgraph.microsoft.com%2FCalendars.ReadWrite&redirect_uri=https%3A%2F%2Fapp.example.com%2Fauth%2Fmicrosoft%2Fcallback

                """)
    }

    @Test(arguments: ["admin", "app-admin", "signin"])
    func jsonOutputIsPinnedForEveryKind(kind: String) throws {
        let r = try Binary.run(
            [
                "urls", "--kind", kind, "--cloud", "usgov-dod", "--tenant", "72f988bf-86f1-41af-91ab-2d7cd011db47", "--state", "xyz",
                "--format", "json",
            ], in: Repo.root)
        #expect(r.status == 0)
        #expect(Golden.mismatch(r.stdout, golden: "\(golden)/\(kind)-usgov-dod.json") == nil)
    }

    @Test func repeatedFeaturesKeepTheirOrder() throws {
        let r = try Binary.run(["urls", "--feature", "rooms", "--feature", "mailbox", "--format", "json"], in: Repo.root)
        let links = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(links.map { $0["feature"] as? String } == ["rooms", "mailbox"])
        #expect(
            links.allSatisfy {
                $0["tenant"] as? String == "organizations" && $0["cloud"] as? String == "global" && $0["kind"] as? String == "admin"
            })
    }

    @Test(arguments: [
        (
            ["urls", "--tenant", "common"],
            "permdocs: error: 'common' cannot grant admin consent: use the tenant ID (a GUID), a verified domain such as contoso.onmicrosoft.com, or 'organizations'\n"
        ),
        (
            ["urls", "--kind", "app-admin", "--tenant", "consumers"],
            "permdocs: error: 'consumers' cannot grant admin consent: use the tenant ID (a GUID), a verified domain such as contoso.onmicrosoft.com, or 'organizations'\n"
        ),
        (
            ["urls", "--tenant", "not a tenant"],
            "permdocs: error: 'not a tenant' is not a tenant: use the tenant ID (a GUID), a verified domain such as contoso.onmicrosoft.com, or 'organizations'\n"
        ),
        (
            ["urls", "--feature", "calender"],
            "permdocs: error: unknown feature 'calender'; did you mean 'calendar'? (features: mailbox, calendar, rooms)\n"
        ),
    ])
    func refusedInputExitsTwoWithAMessage(arguments: [String], message: String) throws {
        let r = try Binary.run(arguments, in: Repo.root)
        #expect(r.status == 2)
        #expect(r.stderr == message)
        #expect(r.stdout == "")
    }

    @Test func anUnknownCloudNamesTheValidOnes() throws {
        let r = try Binary.run(["urls", "--cloud", "mars"], in: Repo.root)
        #expect(r.status == 2)
        #expect(
            r.stderr.hasPrefix(
                "Error: The value 'mars' is invalid for '--cloud <cloud>'. Please provide one of 'global', 'usgov', 'usgov-dod' or 'china'."
            ))
    }

    @Test func commonIsAllowedForSignIn() throws {
        let r = try Binary.run(["urls", "--kind", "signin", "--tenant", "common", "--feature", "rooms"], in: Repo.root)
        #expect(r.status == 0)
        #expect(r.stdout.contains("https://login.microsoftonline.com/common/oauth2/v2.0/authorize?"))
    }
}
