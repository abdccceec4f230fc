package store

// Schema migrations. Each backend has numbered SQL files under
// migrations/DIALECT/ (NNNN_name.sql); a ledger records the versions it has
// in schema_version. Opening a ledger applies the missing ones in order,
// each in its own transaction, so a newer tally upgrades an older file
// and an upgrade cut short leaves the ledger at the last whole version.
// A new migration is a new file, never an edit of an old one: ledgers in
// the field have already run the old ones.

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
)

//go:embed migrations
var migrationFiles embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

// migrations reads a dialect's migration files in version order.
func migrations(dialect string) ([]migration, error) {
	dir := path.Join("migrations", dialect)
	entries, err := fs.ReadDir(migrationFiles, dir)
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		num, rest, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(rest, ".sql") {
			return nil, fmt.Errorf("migration file %s: want NNNN_name.sql", e.Name())
		}
		b, err := fs.ReadFile(migrationFiles, path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{v, strings.TrimSuffix(rest, ".sql"), string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			return nil, fmt.Errorf("migrations/%s: version %d missing", dialect, i+1)
		}
	}
	return ms, nil
}

// migrate brings the ledger at db (named where in messages) up to version
// to, or to the latest version when to is 0.
func migrate(ctx context.Context, db *sql.DB, d *dialect, where string, to int) error {
	ms, err := migrations(d.name)
	if err != nil {
		return err
	}
	if to == 0 {
		to = len(ms)
	}
	var n int
	if err := db.QueryRowContext(ctx, d.rebind(d.tableExists), "schema_version").Scan(&n); err != nil {
		return fmt.Errorf("%s: cannot read the schema: %w", where, err)
	}
	cur := 0
	if n == 0 {
		var tables int
		if err := db.QueryRowContext(ctx, d.countTables).Scan(&tables); err != nil {
			return fmt.Errorf("%s: cannot read the schema: %w", where, err)
		}
		if tables > 0 {
			return fmt.Errorf("%s: not a tally ledger (it has tables but no schema_version table); use --db or TALLY_DB to choose another", where)
		}
	} else if cur, err = schemaVersion(ctx, db); err != nil {
		return fmt.Errorf("%s: cannot read the schema version: %w", where, err)
	}
	if cur > len(ms) {
		return fmt.Errorf("%s: ledger schema version %d is newer than this tally knows (%d); upgrade tally", where, cur, len(ms))
	}
	for _, m := range ms {
		if m.version <= cur || m.version > to {
			continue
		}
		if err := applyMigration(ctx, db, d, m); err != nil {
			return fmt.Errorf("%s: upgrading the ledger to schema version %d (%s): %w", where, m.version, m.name, err)
		}
	}
	return nil
}

func schemaVersion(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) (int, error) {
	var v int
	err := q.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_version").Scan(&v)
	return v, err
}

// applyMigration runs one migration in a transaction. Two processes
// opening a new ledger at once is normal (two ingests started together):
// the transaction takes the write lock first (SQLite BEGIN IMMEDIATE, a
// PostgreSQL advisory lock) and reads the version again, so the second one
// finds the work done.
func applyMigration(ctx context.Context, db *sql.DB, d *dialect, m migration) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if d.migrationLock != "" {
		if _, err := tx.ExecContext(ctx, d.migrationLock); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (
		version    INTEGER PRIMARY KEY,
		applied_at TEXT NOT NULL
	)`); err != nil {
		return err
	}
	cur, err := schemaVersion(ctx, tx)
	if err != nil {
		return err
	}
	if cur >= m.version {
		return nil
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, d.rebind("INSERT INTO schema_version(version, applied_at) VALUES (?, ?)"),
		m.version, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return err
	}
	return tx.Commit()
}
