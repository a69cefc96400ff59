const OUTLOOK = 'https://outlook.office365.com/';
const scopes = [
  'offline_access',
  OUTLOOK + 'IMAP.AccessAsUser.All',
  OUTLOOK + 'SMTP.Send',
];
module.exports = { authorize: (state) => client.getAuthCodeUrl({ scopes, state }) };
