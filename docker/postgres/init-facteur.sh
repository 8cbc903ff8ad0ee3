#!/usr/bin/env bash
# Run once by the postgres image on an empty volume (docker-entrypoint-initdb.d), and by
# ComposeEnvironmentIT against a test server. Creates:
#   facteur_owner  owns database facteur and its tables (Flyway migrates as this role)
#   facteur_app    what the nodes connect as: rows only, never the tables (granted after each migration)
#   keycloak       owns database keycloak
# Passwords: FACTEUR_DB_OWNER_PASSWORD, FACTEUR_DB_APP_PASSWORD, KEYCLOAK_DB_PASSWORD.
set -euo pipefail
: "${FACTEUR_DB_OWNER_PASSWORD:?}" "${FACTEUR_DB_APP_PASSWORD:?}" "${KEYCLOAK_DB_PASSWORD:?}"

psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres \
  -v owner_password="$FACTEUR_DB_OWNER_PASSWORD" \
  -v app_password="$FACTEUR_DB_APP_PASSWORD" \
  -v keycloak_password="$KEYCLOAK_DB_PASSWORD" <<'SQL'
SET password_encryption = 'scram-sha-256';
CREATE ROLE facteur_owner LOGIN PASSWORD :'owner_password';
CREATE ROLE facteur_app LOGIN PASSWORD :'app_password';
CREATE ROLE keycloak LOGIN PASSWORD :'keycloak_password';
CREATE DATABASE facteur OWNER facteur_owner;
CREATE DATABASE keycloak OWNER keycloak;
REVOKE ALL ON DATABASE facteur FROM PUBLIC;
GRANT CONNECT ON DATABASE facteur TO facteur_app;
SQL
