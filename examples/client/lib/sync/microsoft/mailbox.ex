defmodule Recruitee.Sync.Microsoft.Mailbox do
  @moduledoc """
  Mailbox sync through Microsoft Graph, on behalf of the signed-in user.
  The @scopes below are documented in the help center (permdocs checks them).
  """

  # Delegated permissions requested when a user connects their mailbox.
  @scopes ~w(offline_access User.Read Mail.Send Mail.ReadWrite email openid)

  def authorize_url(state) do
    Recruitee.Microsoft.OAuth.authorize_url(scopes: @scopes, state: state)
  end
end
