package onedrive

var (
	clientID         = "b15665d9-eda6-4092-8539-0eec376afd59"
	scopeAccess      = []string{"Files.Read", "Files.ReadWrite", "Files.Read.All", "Files.ReadWrite.All", "offline_access"}
	oauthRedirectURL = "http://localhost:53682/"
)

func config() *oauth2.Config {
	return &oauth2.Config{
		ClientID:    clientID,
		Scopes:      scopeAccess,
		RedirectURL: oauthRedirectURL,
		Endpoint:    oauth2.Endpoint{AuthURL: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize"},
	}
}
