#!/usr/bin/env bash
# Installs (from Debian's packages, when missing) and starts the database servers the tests use,
# PostgreSQL and MariaDB, on 127.0.0.1, with a test user; then prints the environment variables
# that point the tests at them. Use: eval "$(sudo eng/test-databases.sh)" (CI runs it as root).
set -euo pipefail

log() { echo "test-databases: $*" >&2; }

need=()
command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql)
command -v mariadbd >/dev/null 2>&1 || command -v mysqld >/dev/null 2>&1 || need+=(mariadb-server)
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  aptlog=$(mktemp)
  if ! { apt-get update -qq && apt-get install -y -qq "${need[@]}"; } >"$aptlog" 2>&1; then
    cat "$aptlog" >&2
    exit 1
  fi
fi

# PostgreSQL: the Debian cluster, listening on 127.0.0.1:5432.
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | grep -q "^$version main"; then
  pg_createcluster "$version" main >&2
fi
pg_ctlcluster "$version" main start >&2 2>/dev/null || true
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
pg_isready -h 127.0.0.1 -p 5432 >&2
su postgres -c "psql -q -v ON_ERROR_STOP=1" >&2 <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'highwater') THEN
    CREATE ROLE highwater LOGIN SUPERUSER PASSWORD 'highwater';
  END IF;
END $$;
SQL

# MariaDB on 127.0.0.1:3306.
if ! mariadb-admin ping >/dev/null 2>&1; then
  service mariadb start >&2 || (mysqld_safe --bind-address=127.0.0.1 >/dev/null 2>&1 &)
fi
for _ in $(seq 1 30); do mariadb-admin ping >/dev/null 2>&1 && break; sleep 1; done
mariadb-admin ping >&2
mariadb >&2 <<'SQL'
CREATE USER IF NOT EXISTS 'highwater'@'127.0.0.1' IDENTIFIED BY 'highwater';
CREATE USER IF NOT EXISTS 'highwater'@'localhost' IDENTIFIED BY 'highwater';
GRANT ALL PRIVILEGES ON *.* TO 'highwater'@'127.0.0.1' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON *.* TO 'highwater'@'localhost' WITH GRANT OPTION;
FLUSH PRIVILEGES;
SQL

echo "export HIGHWATER_TEST_POSTGRES='Host=127.0.0.1;Port=5432;Username=highwater;Password=highwater;Database=postgres'"
echo "export HIGHWATER_TEST_MYSQL='Server=127.0.0.1;Port=3306;User ID=highwater;Password=highwater'"
