package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite" // pure Go: tally builds without cgo
)

// sqliteDialect: one file, one writer at a time.
var sqliteDialect = &dialect{
	name:        "sqlite",
	tableExists: `SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?`,
	countTables: `SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'`,
	// External-content FTS5 tables are filled by hand; the same
	// transaction as the figures keeps them in step.
	ftsInsert: `INSERT INTO figures_fts(rowid, sentence) SELECT pk, sentence FROM figures WHERE doc_pk = ?`,
	ftsDelete: `INSERT INTO figures_fts(figures_fts, rowid, sentence) SELECT 'delete', pk, sentence FROM figures WHERE doc_pk = ?`,
	ftsMatch:  sqliteMatch,
	ftsPlan:   sqliteSearch,
	ftsArg: func(words []string) string {
		// Each word quoted: a string, never FTS5 syntax; juxtaposed
		// strings must all match.
		return `"` + strings.Join(words, `" "`) + `"`
	},
	retry:        func(error) bool { return false },
	serialWrites: true,
	dataVersion:  `PRAGMA data_version`,
}

// sqliteMatch drives a search by its matches: each is fetched, and sorted.
const sqliteMatch = `f.pk IN (SELECT rowid FROM figures_fts WHERE figures_fts MATCH ?)`

// sqliteSearch picks how a search with a limit runs, by its number of
// matches m among n figures. SQLite sorts every match to find the newest,
// which is right for few (m ≤ 5,000) and slow for many: 270 ms for the
// 90,000 figures saying "prisoner" among a million. Then it is quicker to
// walk the figures newest first and stop at the limit, testing each row
// either against the matches gathered once (their number costs 0.24 µs
// each: 17 ms for "prisoner", 240 ms for a word in every sentence) or by
// looking the row up in the index (35 µs a row, about n×limit/m rows: 5 ms
// for a word in every sentence, 40 ms for "prisoner"). The second wins
// once m² > 150×n×limit.
func sqliteSearch(ctx context.Context, db *sql.DB, arg string, limit int) (string, error) {
	var m, n int
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM figures_fts WHERE figures_fts MATCH ?`, arg).Scan(&m); err != nil {
		return "", err
	}
	switch {
	case m <= searchFew:
		return sqliteMatch, nil
	case db.QueryRowContext(ctx, `SELECT COALESCE(MAX(pk), 0) FROM figures`).Scan(&n) == nil && m*m > searchProbe*n*limit:
		return `EXISTS (SELECT 1 FROM figures_fts WHERE figures_fts MATCH ? AND rowid = f.pk)`, nil
	default:
		// The unary + keeps SQLite from driving the query by the matches.
		return `+f.pk IN (SELECT rowid FROM figures_fts WHERE figures_fts MATCH ?)`, nil
	}
}

// The thresholds of sqliteSearch; variables so that a test can take each
// way on a small ledger.
var searchFew, searchProbe = 5000, 150

// sqliteParams set every connection up:
//   - WAL: readers never wait for the writer, and a crash (kill -9) loses
//     no committed transaction;
//   - synchronous NORMAL: in WAL mode this only risks the last commits on
//     power loss, never corruption, and saves an fsync per document;
//   - busy_timeout: another process writing the same file is waited for
//     rather than reported;
//   - foreign_keys: SQLite leaves them off unless asked;
//   - temp_store MEMORY: the statement journals of multi-row inserts stay
//     in memory rather than in temporary files (a third of Add's time
//     went to their write calls);
//   - cache_size: 32 MiB of pages per connection rather than 2, so the
//     indexes of a large ledger stay in memory;
//   - _txlock=immediate: a write transaction takes the file's write lock
//     at BEGIN, so two processes never both read then fail to upgrade.
const sqliteParams = "?_pragma=busy_timeout(10000)&_pragma=cache_size(-32768)&_pragma=foreign_keys(1)" +
	"&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=temp_store(MEMORY)&_pragma=wal_autocheckpoint(8192)&_txlock=immediate"

// sqliteHeader starts every SQLite database file.
var sqliteHeader = []byte("SQLite format 3\x00")

func connectSQLite(ctx context.Context, path string, create bool) (*sql.DB, error) {
	if path == "" {
		return nil, errors.New("no ledger path given; use --db PATH or set TALLY_DB")
	}
	if strings.Contains(path, "?") {
		return nil, fmt.Errorf("%s: a ledger path cannot contain '?'; rename it", path)
	}
	st, err := os.Stat(path)
	switch {
	case err == nil && st.IsDir():
		return nil, fmt.Errorf("%s is a folder; give the ledger a file name, e.g. %s", path, filepath.Join(path, DefaultPath))
	case err == nil:
		if err := checkSQLiteFile(path); err != nil {
			return nil, err
		}
	case errors.Is(err, fs.ErrNotExist):
		if !create {
			return nil, fmt.Errorf("%s: %w here yet; run 'tally ingest' first, or choose one with --db or TALLY_DB", path, ErrNoLedger)
		}
		if dir := filepath.Dir(path); dir != "." {
			if st, err := os.Stat(dir); err != nil || !st.IsDir() {
				return nil, fmt.Errorf("cannot create the ledger %s: folder %s does not exist", path, dir)
			}
		}
	default:
		return nil, fmt.Errorf("ledger %s: %w", path, err)
	}
	db, err := sql.Open("sqlite", path+sqliteParams)
	if err != nil {
		return nil, fmt.Errorf("ledger %s: %w", path, err)
	}
	// Readers each take a connection; the writer is one of them.
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(4)
	if err := pingSQLite(ctx, db); err != nil {
		db.Close()
		return nil, fmt.Errorf("cannot open the ledger %s: %w", path, err)
	}
	return db, nil
}

// openSQLiteReader opens the read pool of a ledger connectSQLite opened
// (read.go): its connections refuse writes, and there are enough of them
// for a busy server's requests.
func openSQLiteReader(path string) (*sql.DB, error) {
	db, err := sql.Open("sqlite", path+sqliteParams+"&_pragma=query_only(1)")
	if err != nil {
		return nil, fmt.Errorf("ledger %s: %w", path, err)
	}
	db.SetMaxOpenConns(16)
	db.SetMaxIdleConns(8)
	return db, nil
}

// pingSQLite opens the first connection. Setting up a connection switches
// a new file to WAL, which needs the file to itself for a moment; SQLite
// then answers SQLITE_BUSY at once, without waiting busy_timeout, when
// another process is opening the same new file. That is a race with a
// quick end, so it is waited out, for as long as busy_timeout would wait.
func pingSQLite(ctx context.Context, db *sql.DB) error {
	deadline := time.Now().Add(10 * time.Second)
	wait := time.Millisecond
	for {
		err := db.PingContext(ctx)
		var se interface{ Code() int }
		if err == nil || !errors.As(err, &se) || se.Code()&0xff != sqliteBusy || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait + time.Duration(rand.Int64N(int64(wait)))):
		}
		wait = min(2*wait, 50*time.Millisecond)
	}
}

// sqliteBusy is SQLITE_BUSY, the primary result code (extended codes keep
// it in their low byte).
const sqliteBusy = 5

// checkSQLiteFile tells a file that is not a database from one that is,
// before the driver's "file is not a database (26)".
func checkSQLiteFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("ledger %s: %w", path, err)
	}
	defer f.Close()
	head := make([]byte, len(sqliteHeader))
	n, err := io.ReadFull(f, head)
	if n == 0 && (err == io.EOF) {
		return nil // an empty file: SQLite makes it a database
	}
	if !bytes.Equal(head[:n], sqliteHeader) {
		return fmt.Errorf("%s: not a tally ledger (not a SQLite database); use --db or TALLY_DB to choose another file", path)
	}
	return nil
}
