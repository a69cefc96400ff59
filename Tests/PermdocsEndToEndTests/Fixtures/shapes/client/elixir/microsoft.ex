defmodule Sync.Microsoft do
  @scopes ~w(openid offline_access Calendars.Read)

  def url(state), do: OAuth.authorize_url(scope: Enum.join(@scopes, " "), state: state)
end
