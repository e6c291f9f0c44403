-- Keys leave the database: they live in the key file (BIKEGUARD_KEYS_FILE, docs/operations.md
-- "Keys"), so that a dump of the database alone forges no token and decrypts no ID number.
--
-- The keys of a deployment that is being upgraded stay in this table only until the first member
-- to start has imported them into its key file (they become the key id "0" of each ring, so that
-- existing tokens, ciphertexts, look-up hashes and station digests stay valid); that member then
-- drops the table. Renamed so that a member of an older version, which would otherwise create
-- fresh keys here that no other member knows, fails at start instead.
ALTER TABLE server_keys RENAME TO server_keys_legacy;

-- The key file this database was set up with: its random id, no key material. A member whose key
-- file is another one refuses to start rather than write tokens and ciphertexts that the other
-- members cannot read.
CREATE TABLE key_file (
  only_row    boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  file_id     text NOT NULL CHECK (file_id ~ '^[0-9a-f]{32}$'),
  recorded_at timestamptz NOT NULL DEFAULT now()
);
