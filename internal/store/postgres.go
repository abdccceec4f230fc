package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

// postgresDialect: many writers, even on many hosts; the database
// arbitrates through unique keys and row locks.
var postgresDialect = &dialect{
	name:        "postgres",
	dollar:      true,
	forUpdate:   " FOR UPDATE",
	tableExists: `SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?`,
	countTables: `SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()`,
	// One lock per schema: ledgers in other schemas migrate in parallel.
	// 1952541804 is "tall" in ASCII.
	migrationLock: `SELECT pg_advisory_xact_lock(1952541804, hashtext(current_schema()))`,
	// Full-text search with the english configuration, on a GIN index of
	// the same expression (migration 2). Stemming matches SQLite's porter
	// tokenizer for ordinary words; plainto_tsquery ANDs the words, and
	// drops English stop words, which SQLite keeps.
	ftsMatch: `to_tsvector('english'::regconfig, f.sentence) @@ plainto_tsquery('english'::regconfig, ?)`,
	ftsArg:   func(words []string) string { return strings.Join(words, " ") },
	retry:    pgRetry,
	// pg_current_wal_lsn fails on a standby: DataVersion is then
	// unknown, and nothing is cached.
	dataVersion: `SELECT pg_current_wal_lsn()::text`,
}

// pgRetry: a unique key lost to a concurrent writer (the next attempt
// finds its document and answers Duplicate), a deadlock or a
// serialisation failure.
func pgRetry(err error) bool {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		return false
	}
	switch pe.Code {
	case "23505", "40P01", "40001":
		return true
	}
	return false
}

func connectPostgres(ctx context.Context, dsn string) (*sql.DB, string, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		// pgx's message shows the URL with its password masked.
		return nil, "", fmt.Errorf("bad PostgreSQL URL: %v", err)
	}
	where := fmt.Sprintf("postgres://%s:%d/%s", cfg.Host, cfg.Port, cfg.Database)
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(16)
	db.SetMaxIdleConns(8)
	pctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	var schema sql.NullString
	if err := db.QueryRowContext(pctx, `SELECT current_schema()`).Scan(&schema); err != nil {
		db.Close()
		return nil, "", fmt.Errorf("%s: cannot connect to PostgreSQL: %v; is the server running, and the URL right?", where, err)
	}
	if !schema.Valid {
		db.Close()
		return nil, "", fmt.Errorf("%s: the search_path names no schema that exists; create the schema or fix the URL", where)
	}
	return db, where, nil
}
