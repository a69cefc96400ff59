object Providers {
    val gmail = Provider(
        scopes = listOf("https://mail.google.com/", "email"),
    )
    val outlook = Provider(
        scopes = listOf(
            "https://outlook.office.com/IMAP.AccessAsUser.All",
            "https://outlook.office.com/SMTP.Send",
            "offline_access",
            "email",
        ),
    )
    val outlookGraph = Provider(scopes = listOf("mail.readwrite", "offline_access"))
}
