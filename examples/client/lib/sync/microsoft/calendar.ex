defmodule Recruitee.Sync.Microsoft.Calendar do
  @moduledoc "Calendar sync through Microsoft Graph."

  @scopes [
    "offline_access",
    "User.Read",
    # Interview events are created and updated in the user's calendar.
    "Calendars.ReadWrite"
  ]

  def scopes, do: @scopes
end
