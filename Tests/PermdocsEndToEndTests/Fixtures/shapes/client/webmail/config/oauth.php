<?php
// Webmail OAuth providers: IMAP and SMTP need the Outlook resource.
return [
    'google' => [
        'scope' => ['https://mail.google.com/'],
    ],
    'outlook' => [
        'scope' => [
            'offline_access',
            'https://outlook.office.com/IMAP.AccessAsUser.All',
            'https://outlook.office.com/SMTP.Send',
        ],
    ],
];
