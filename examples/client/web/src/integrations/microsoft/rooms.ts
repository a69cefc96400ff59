// Meeting rooms: the web app lists the organization's rooms through Microsoft Graph.
import { requestMicrosoftToken } from "./auth";

export const ROOM_SCOPES = [
  "offline_access",
  "https://graph.microsoft.com/User.ReadBasic.All", // resource-prefixed form, same scope
] as const;

export async function roomsToken(): Promise<string> {
  return requestMicrosoftToken([...ROOM_SCOPES]);
}
