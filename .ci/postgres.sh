#!/usr/bin/env bash
# A throwaway PostgreSQL server for the store tests (internal/store), on
# 127.0.0.1 only, with its URL in TALLY_TEST_POSTGRES; the tests skip
# their PostgreSQL run when that is unset.
#
#   source .ci/postgres.sh                      # exports TALLY_TEST_POSTGRES
#   export TALLY_TEST_POSTGRES=$(bash .ci/postgres.sh)
#
# Installs Debian's postgresql package when no server binaries are found
# (as root, non-interactively), creates a cluster in $TALLY_PG_DATA
# (default /tmp/tally-pg-PORT) with trust authentication — it listens on
# loopback and holds test data only — starts it on $TALLY_PG_PORT (default
# 55432) and creates the database tally_test. Running it again reuses what
# is there: an initialised cluster, a running server, the database.
# Progress goes to stderr; the URL alone to stdout.

tally_pg_setup() {
	local port="${TALLY_PG_PORT:-55432}"
	local data="${TALLY_PG_DATA:-/tmp/tally-pg-$port}"
	local db=tally_test
	local bindir
	# "|| true": sourced from a script under set -e -o pipefail, a failed
	# look-up must not end that script.
	bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1) || true
	if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
		if [ "$(id -u)" != 0 ]; then
			echo "postgres.sh: PostgreSQL is not installed; run as root, or: sudo apt-get install -y postgresql" >&2
			return 1
		fi
		echo "postgres.sh: installing PostgreSQL from Debian's packages" >&2
		DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 &&
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >&2 || {
			echo "postgres.sh: apt-get install postgresql failed" >&2
			return 1
		}
		bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1) || true
		if [ -z "$bindir" ]; then
			echo "postgres.sh: postgresql installed but no /usr/lib/postgresql/*/bin found" >&2
			return 1
		fi
	fi

	# PostgreSQL will not run as root: as root, run it as the postgres
	# user the package creates.
	local as=()
	if [ "$(id -u)" = 0 ]; then
		as=(runuser -u postgres --)
	fi

	if [ ! -s "$data/PG_VERSION" ]; then
		echo "postgres.sh: creating a cluster in $data" >&2
		mkdir -p "$data" || return 1
		if [ "$(id -u)" = 0 ]; then
			chown postgres:postgres "$data" || return 1
		fi
		chmod 700 "$data"
		"${as[@]}" "$bindir/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C >&2 || {
			echo "postgres.sh: initdb failed" >&2
			return 1
		}
	fi

	if ! "${as[@]}" "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
		# A server killed with its machine leaves its pid file behind.
		rm -f "$data/postmaster.pid"
		echo "postgres.sh: starting PostgreSQL on 127.0.0.1:$port" >&2
		"${as[@]}" "$bindir/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
			-o "-p $port -k $data -c listen_addresses=127.0.0.1" start >&2 || {
			echo "postgres.sh: the server did not start; see $data/server.log:" >&2
			tail -n 20 "$data/server.log" >&2
			return 1
		}
	fi

	local psql=("$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -qtA)
	if [ "$("${psql[@]}" -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" != 1 ]; then
		"${psql[@]}" -d postgres -c "CREATE DATABASE $db" >&2 || {
			echo "postgres.sh: cannot create database $db" >&2
			return 1
		}
	fi

	TALLY_TEST_POSTGRES="postgres://postgres@127.0.0.1:$port/$db?sslmode=disable"
	export TALLY_TEST_POSTGRES
	echo "$TALLY_TEST_POSTGRES"
}

if (return 0 2>/dev/null); then
	tally_pg_setup >/dev/null && echo "postgres.sh: TALLY_TEST_POSTGRES=$TALLY_TEST_POSTGRES" >&2
else
	tally_pg_setup || exit 1
fi
