// Provider table of a calendar scheduler: Google first, with the same keys.
const GOOGLE_SCOPES = ['openid', 'email', 'https://www.googleapis.com/auth/calendar'];
const MS_SCOPES = ['openid', 'profile', 'offline_access', 'User.Read', 'Calendars.ReadWrite'];

export const providers = {
  google: {
    authorizeUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
    scope: GOOGLE_SCOPES.join(' '),
  },
  microsoft: {
    authorizeUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
    scope: MS_SCOPES.join(' '),
  },
};

export function refreshBody(token: string) {
  return { grant_type: 'refresh_token', refresh_token: token, scope: 'offline_access Calendars.ReadWrite' };
}
