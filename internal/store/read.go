package store

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"sync/atomic"
)

// Reads go through their own connections and prepared statements, so that
// a server answering requests while an ingest writes neither waits for a
// connection the writer holds nor parses each query again (parsing was a
// tenth of a loaded server's time). On SQLite the read pool is a second
// handle on the file whose connections are query_only: in WAL mode they
// read the last commit while the writer writes. PostgreSQL shares one
// pool.

// maxReadStmts bounds the prepared read statements kept: a query's text
// varies with the filter's shape and limit, and a client choosing limits
// must not grow the cache without end. Beyond it, queries run unprepared.
const maxReadStmts = 256

// readStmts are a store's prepared read statements by query text.
type readStmts struct {
	m sync.Map // rebound query → *sql.Stmt
	n atomic.Int64
}

// stmt returns the prepared statement for q, preparing it on first use;
// nil when the cache is full.
func (s *sqlStore) stmt(ctx context.Context, q string) (*sql.Stmt, error) {
	if st, ok := s.reads.m.Load(q); ok {
		return st.(*sql.Stmt), nil
	}
	if s.reads.n.Load() >= maxReadStmts {
		return nil, nil
	}
	st, err := s.rdb.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	if old, loaded := s.reads.m.LoadOrStore(q, st); loaded {
		st.Close()
		return old.(*sql.Stmt), nil
	}
	s.reads.n.Add(1)
	return st, nil
}

// query runs a read query written with ? placeholders.
func (s *sqlStore) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	q = s.d.rebind(q)
	st, err := s.stmt(ctx, q)
	if err != nil {
		return nil, err
	}
	if st == nil {
		return s.rdb.QueryContext(ctx, q, args...)
	}
	return st.QueryContext(ctx, args...)
}

// queryRow is query for one row; errors come out of Scan.
func (s *sqlStore) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	q = s.d.rebind(q)
	st, err := s.stmt(ctx, q)
	if err != nil || st == nil {
		return s.rdb.QueryRowContext(ctx, q, args...) // reports the same error
	}
	return st.QueryRowContext(ctx, args...)
}

// DataVersion is a value that changes whenever anything commits to the
// ledger, from this process or another, so that a reader may keep what it
// computed from the ledger until it changes; ok is false where there is
// no such value (then nothing may be kept). Reading it before the data it
// guards keeps a cache from ever holding data older than its version.
//
// SQLite: PRAGMA data_version, on one connection that never writes (the
// value moves with every commit by any other connection). PostgreSQL: the
// server's write-ahead log position, which moves with every commit (and
// with other writes to the server, which only cost a cache a refill).
func (s *sqlStore) DataVersion(ctx context.Context) (string, bool) {
	s.vmu.Lock()
	defer s.vmu.Unlock()
	if s.vconn == nil {
		c, err := s.rdb.Conn(ctx)
		if err != nil {
			return "", false
		}
		s.vconn = c
	}
	var v any
	if err := s.vconn.QueryRowContext(ctx, s.d.dataVersion).Scan(&v); err != nil {
		s.vconn.Close()
		s.vconn = nil
		return "", false
	}
	if b, ok := v.([]byte); ok {
		v = string(b)
	}
	return fmt.Sprint(v), true
}
