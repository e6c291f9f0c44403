-- How each station may authenticate, whether it is in service, and deletion that keeps history.
--
-- auth_methods: 'secret' (MQTT password) and/or 'certificate' (a client certificate from the
--   station CA whose subject CN is the station id, on the MQTT TLS port).
-- cert_sha256: when set, the only client certificate accepted for the station (SHA-256 of its DER),
--   so an admin can retire a leaked certificate by pinning its replacement.
-- status: 'active'; 'disabled' (refused at CONNECT, kept in lists); 'deleted' (refused and gone
--   from the station API, the row kept because sightings, alarms and trajectories name it).
--   A PUT of a deleted id brings it back as a new station would (a new secret is required).
ALTER TABLE stations
  ADD COLUMN auth_methods text[] NOT NULL DEFAULT ARRAY['secret']
    CHECK (cardinality(auth_methods) BETWEEN 1 AND 2 AND auth_methods <@ ARRAY['secret', 'certificate']),
  ADD COLUMN cert_sha256 bytea CHECK (cert_sha256 IS NULL OR length(cert_sha256) = 32),
  ADD COLUMN status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled', 'deleted'));
