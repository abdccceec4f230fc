// Package storetest helps tests that need a ledger: a fresh PostgreSQL
// schema when TALLY_TEST_POSTGRES names a server, and a dump of a ledger's
// rows by their natural keys, so that two ledgers filled the same way
// compare equal whatever surrogate keys their databases handed out (a
// PostgreSQL sequence moves on even in a transaction rolled back).
package storetest

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
	_ "modernc.org/sqlite"             // registers "sqlite"
)

// PGEnv is a postgres:// URL of a database the tests may create schemas
// in; .ci/postgres.sh starts one and sets it.
const PGEnv = "TALLY_TEST_POSTGRES"

// PGSchema makes a fresh schema for one test, dropped when it ends, and
// returns a DSN whose search_path is that schema. It skips the test when
// PGEnv is unset.
func PGSchema(t testing.TB) string {
	t.Helper()
	base := os.Getenv(PGEnv)
	if base == "" {
		t.Skipf("%s is not set; run: source .ci/postgres.sh", PGEnv)
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", PGEnv, err)
	}
	schema := fmt.Sprintf("tally_test_%d", rand.Uint64()>>1)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		admin.Close()
		t.Fatalf("%s: %v", PGEnv, err)
	}
	t.Cleanup(func() {
		if _, err := admin.ExecContext(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("dropping %s: %v", schema, err)
		}
		admin.Close()
	})
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// dumps are the ledger's tables, each with its surrogate keys replaced by
// what they point at and in an order both backends give alike. Columns
// named in drop are left out: surrogate keys, and the time of storing.
var dumps = []struct {
	table, query string
}{
	{"documents", `SELECT COALESCE(o.id, '') AS copy_of, d.* FROM documents d
		LEFT JOIN documents o ON o.pk = d.duplicate_of ORDER BY d.pk`},
	{"document_urls", `SELECT d.id AS doc, u.key FROM document_urls u JOIN documents d ON d.pk = u.doc_pk ORDER BY u.key`},
	{"sources", `SELECT * FROM sources ORDER BY id`},
	{"source_aliases", `SELECT s.key AS source, a.key, a.alias FROM source_aliases a JOIN sources s ON s.id = a.source_id
		ORDER BY a.key, s.key`},
	{"figures", `SELECT d.id AS doc, COALESCE(s.key, '') AS source_key, f.* FROM figures f
		JOIN documents d ON d.pk = f.doc_pk LEFT JOIN sources s ON s.id = f.source_id ORDER BY d.pk, f.seq`},
	{"series", `SELECT * FROM series ORDER BY key`},
	{"series_sources", `SELECT ss.series_key, s.key FROM series_sources ss JOIN sources s ON s.id = ss.source_id
		ORDER BY ss.series_key, s.key`},
	{"series_summaries", `SELECT * FROM series_summaries ORDER BY base_key, key`},
}

var drop = map[string]bool{"pk": true, "doc_pk": true, "source_id": true, "duplicate_of": true, "ingested_at": true}

// Dump lists every row of the ledger at dsn (a SQLite path or a postgres://
// URL) as "table: col=value …" lines.
func Dump(t testing.TB, dsn string) []string {
	t.Helper()
	driver, name := "sqlite", dsn
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		driver = "pgx"
	}
	db, err := sql.Open(driver, name)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var out []string
	for _, d := range dumps {
		rows, err := db.QueryContext(context.Background(), d.query)
		if err != nil {
			t.Fatalf("dump %s: %v", d.table, err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatalf("dump %s: %v", d.table, err)
			}
			var b strings.Builder
			b.WriteString(d.table + ":")
			for i, c := range cols {
				if drop[c] || d.table == "sources" && c == "id" {
					continue
				}
				v := vals[i]
				if bs, ok := v.([]byte); ok {
					v = string(bs)
				}
				fmt.Fprintf(&b, " %s=%v", c, v)
			}
			out = append(out, b.String())
		}
		if err := rows.Err(); err != nil {
			t.Fatalf("dump %s: %v", d.table, err)
		}
		rows.Close()
	}
	return out
}

// Diff shows where two dumps part: their lengths and the first row that
// differs.
func Diff(want, got []string) string {
	for i := range max(len(want), len(got)) {
		var w, g string
		if i < len(want) {
			w = want[i]
		}
		if i < len(got) {
			g = got[i]
		}
		if w != g {
			return fmt.Sprintf("%d rows vs %d; row %d:\nwant %.300s\ngot  %.300s", len(want), len(got), i, w, g)
		}
	}
	return ""
}
