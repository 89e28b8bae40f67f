-- Settings of sign-in throttling (data only).
INSERT INTO setting (key, value, description) VALUES
 ('signin_max_failures', '5', 'Consecutive failed sign-ins after which an account is locked'),
 ('signin_lock_minutes', '15', 'How long a locked account stays locked, minutes'),
 ('token_max_days', '365', 'Longest lifetime of an API token, days');
