package store

import (
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/stdlib"

	"github.com/tally-news/tally/internal/store/storetest"
)

// TALLY_TEST_POSTGRES is a postgres:// URL of a database the tests may
// create schemas in; .ci/postgres.sh starts one and sets it.
const pgEnv = storetest.PGEnv

func TestPostgres(t *testing.T) {
	testStore(t, func(t *testing.T) string { return pgSchema(t) })
}

// pgSchema makes a fresh schema for one test, dropped when it ends, and
// returns a DSN whose search_path is that schema.
func pgSchema(t testing.TB) string { return storetest.PGSchema(t) }

var _ = stdlib.GetDefaultDriver // registers "pgx" with database/sql

// Connection errors need no server.
func TestPostgresOpenErrors(t *testing.T) {
	for _, tc := range []struct{ dsn, want string }{
		{"postgres://localhost:notaport/db", "bad PostgreSQL URL"},
		{"postgres://u:secret@127.0.0.1:1/db?connect_timeout=2", "cannot connect to PostgreSQL"},
	} {
		_, err := Open(ctx, tc.dsn)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Open(%q) = %v, want %q", tc.dsn, err, tc.want)
		}
		if err != nil && strings.Contains(err.Error(), "secret") {
			t.Errorf("the password shows in %q", err)
		}
	}
	if base := os.Getenv(pgEnv); base != "" {
		u, _ := url.Parse(base)
		q := u.Query()
		q.Set("search_path", "no_such_schema")
		u.RawQuery = q.Encode()
		_, err := Open(ctx, u.String())
		if err == nil || !strings.Contains(err.Error(), "search_path names no schema") {
			t.Errorf("missing schema: %v", err)
		}
	}
}
