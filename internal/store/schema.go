package store

// Schema migrations. Each backend has numbered SQL files under
// migrations/DIALECT/ (NNNN_name.sql); a ledger records the versions it has
// in schema_version. Opening a ledger applies the missing ones in order,
// all in one transaction, so a newer tally upgrades an older file and an
// upgrade cut short leaves the ledger as it was.
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
// to, or to the latest version when to is 0. create says whether an empty
// database may be made a ledger; a read-only open (OpenExisting) passes
// false and gets ErrNoLedger for it instead.
//
// Any number of processes may open one ledger at once — two ingests started
// together, a `tally series` while the first ingest creates the file — so
// every decision is taken under one lock: the write lock of a transaction
// (SQLite BEGIN IMMEDIATE, a PostgreSQL advisory lock), inside which the
// schema is read again, and all missing migrations run and commit
// together. Nobody ever sees a half-made ledger: before the commit the
// tables are not there for others, after it they all are. The one check
// outside the lock is the fast path: a ledger whose schema is already the
// version wanted.
func migrate(ctx context.Context, db *sql.DB, d *dialect, where string, to int, create bool) error {
	ms, err := migrations(d.name)
	if err != nil {
		return err
	}
	if to == 0 {
		to = len(ms)
	}
	if cur, err := schemaVersion(ctx, db); err == nil && cur == to {
		return nil
	}
	tx, err := lockSchema(ctx, db, d, where)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	done, err := applyMigrations(ctx, tx, d, where, ms, to, create)
	if err != nil || done {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s: upgrading the ledger: %w", where, err)
	}
	return nil
}

// lockSchema begins the transaction that holds the ledger's one schema
// lock.
func lockSchema(ctx context.Context, db *sql.DB, d *dialect, where string) (*sql.Tx, error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot lock the ledger to read its schema: %w", where, err)
	}
	if d.migrationLock != "" {
		if _, err := tx.ExecContext(ctx, d.migrationLock); err != nil {
			tx.Rollback()
			return nil, fmt.Errorf("%s: cannot lock the ledger to read its schema: %w", where, err)
		}
	}
	return tx, nil
}

// applyMigrations reads the schema inside the lock and runs the missing
// migrations up to version to; done reports that there was nothing to
// do (another process did it while this one waited for the lock).
func applyMigrations(ctx context.Context, tx *sql.Tx, d *dialect, where string, ms []migration, to int, create bool) (done bool, err error) {
	var n int
	if err := tx.QueryRowContext(ctx, d.rebind(d.tableExists), "schema_version").Scan(&n); err != nil {
		return false, fmt.Errorf("%s: cannot read the schema: %w", where, err)
	}
	cur := 0
	if n == 0 {
		var tables int
		if err := tx.QueryRowContext(ctx, d.countTables).Scan(&tables); err != nil {
			return false, fmt.Errorf("%s: cannot read the schema: %w", where, err)
		}
		if tables > 0 {
			return false, fmt.Errorf("%s: not a tally ledger (it has tables but no schema_version table); use --db or TALLY_DB to choose another", where)
		}
		if !create {
			return false, fmt.Errorf("%s: %w here yet (the database is empty); run 'tally ingest' first, or choose one with --db or TALLY_DB", where, ErrNoLedger)
		}
	} else if cur, err = schemaVersion(ctx, tx); err != nil {
		return false, fmt.Errorf("%s: cannot read the schema version: %w", where, err)
	}
	if cur > len(ms) {
		return false, fmt.Errorf("%s: ledger schema version %d is newer than this tally knows (%d); upgrade tally", where, cur, len(ms))
	}
	if cur >= to {
		return true, nil
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (
		version    INTEGER PRIMARY KEY,
		applied_at TEXT NOT NULL
	)`); err != nil {
		return false, fmt.Errorf("%s: creating the schema: %w", where, err)
	}
	now := time.Now().UTC().Format(time.RFC3339)
	for _, m := range ms {
		if m.version <= cur || m.version > to {
			continue
		}
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return false, fmt.Errorf("%s: upgrading the ledger to schema version %d (%s): %w", where, m.version, m.name, err)
		}
		if _, err := tx.ExecContext(ctx, d.rebind("INSERT INTO schema_version(version, applied_at) VALUES (?, ?)"), m.version, now); err != nil {
			return false, fmt.Errorf("%s: upgrading the ledger to schema version %d (%s): %w", where, m.version, m.name, err)
		}
	}
	return false, nil
}

func schemaVersion(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) (int, error) {
	var v int
	err := q.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_version").Scan(&v)
	return v, err
}
