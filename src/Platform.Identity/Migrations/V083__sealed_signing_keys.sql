-- Keys kept in identity.signing_keys outside Development are sealed (AES-256-GCM) with the key of Auth:KeyProtectionFile,
-- so a copy of the database (a backup, a dump, a standby) does not hold the token server's private keys in plain text.
ALTER TABLE identity.signing_keys ADD COLUMN sealed boolean NOT NULL DEFAULT false;
