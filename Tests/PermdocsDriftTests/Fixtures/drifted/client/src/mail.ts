// Mail sync scopes.
export const MAIL_SCOPES = [
  "offline_access",
  "user.read",
  "Mail.Send",
  "Mail.Read",
  "Mail.Send",
  ...EXTRA,
] as const;
