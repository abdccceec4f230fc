package store

import (
	"context"
	"database/sql"
)

// OpenDB opens the database of the ledger dsn names, as Open does, but
// without the ledger around it, for other users of the same database —
// River's job tables (internal/jobs) live beside the ledger's. On SQLite
// it is one connection, as River's driver asks: its writes then never
// race each other, and busy_timeout waits for the ledger's writer. Call
// Open first: OpenDB neither creates nor upgrades the ledger.
func OpenDB(ctx context.Context, dsn string) (*sql.DB, error) {
	db, _, _, err := connect(ctx, dsn, false)
	if err != nil {
		return nil, err
	}
	if !IsPostgres(dsn) {
		db.SetMaxOpenConns(1)
		db.SetMaxIdleConns(1)
	}
	return db, nil
}
