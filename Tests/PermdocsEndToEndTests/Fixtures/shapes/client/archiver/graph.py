GRAPH_DEFAULT = "https://graph.microsoft.com/.default"
SCOPES = [GRAPH_DEFAULT]


def token(app):
    return app.acquire_token_for_client(scopes=SCOPES)
