#!/bin/sh
# Run by the postgres image on its first start (/docker-entrypoint-initdb.d): creates the console's owner and
# application users and the platform's login role in the console's database (src/main/resources/db/users.sql).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -c "SET concierge.owner_user = 'concierge_owner'" -c "SET concierge.owner_password = '$CONCIERGE_OWNER_PASSWORD'" \
  -c "SET concierge.app_user = 'concierge_app'" -c "SET concierge.app_password = '$CONCIERGE_APP_PASSWORD'" \
  -c "SET concierge.platform_user = 'concierge_platform'" \
  -c "SET concierge.platform_password = '$CONCIERGE_PLATFORM_PASSWORD'" \
  -f /docker-entrypoint-initdb.d/users.sql.in
