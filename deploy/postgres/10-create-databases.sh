#!/bin/bash
# Runs once, when the PostgreSQL volume is first initialised (docker-entrypoint-initdb.d).
# One database and one owning role per service: no service can read another's tables.
# Keycloak gets its own database too.
set -euo pipefail

create() {
    local database="$1" role="$2" password="$3"
    psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
         -v role="$role" -v password="$password" -v database="$database" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password';
CREATE DATABASE :"database" OWNER :"role" ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE :"database" FROM PUBLIC;
SQL
}

create claims        claim_service        "${CLAIMS_DB_PASSWORD:?}"
create reviews       review_service       "${REVIEWS_DB_PASSWORD:?}"
create consents      consent_service      "${CONSENTS_DB_PASSWORD:?}"
create notifications notification_service "${NOTIFICATIONS_DB_PASSWORD:?}"
create keycloak      keycloak             "${KEYCLOAK_DB_PASSWORD:?}"
