public final class GraphAuth {
    private static final List<String> SCOPES = List.of("User.Read", "Mail.Send");

    String url() {
        String scope = String.join(" ", SCOPES);
        return base + "&scope=" + URLEncoder.encode(scope, UTF_8);
    }
}
