"""Nightly job that refreshes the meeting-room list for each connected organization."""

# Delegated scopes of the rooms feature.
SCOPES = (
    "offline_access",
    "User.ReadBasic.All",
)


def token_request(refresh_token: str) -> dict:
    return {"grant_type": "refresh_token", "refresh_token": refresh_token, "scope": " ".join(SCOPES)}
