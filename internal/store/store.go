package store

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"strings"
	"time"

	"github.com/tally-news/tally/internal/claim"
)

// Store is a ledger. It is safe for concurrent use by several goroutines.
type Store interface {
	// Add stores one document and the figures found in it, in one
	// transaction: after a crash either all of it is there or none of it.
	// A document already stored (same URL or canonical URL, or same
	// normalised text) stores nothing and returns Status Duplicate —
	// unless it has the same text and a publication date the stored copy
	// lacks or differs from: then that date and figs replace the stored
	// ones, Status Updated. meta,
	// at most one, carries what claim.Document lacks. Errors name the
	// document; bad input (invalid UTF-8 or a NUL byte, a span outside the
	// text, a date not YYYY-MM-DD, a NaN) stores nothing, and an id used
	// by another document wraps ErrIDTaken.
	Add(ctx context.Context, doc claim.Document, figs []claim.Figure, meta ...Meta) (Result, error)
	// AddBatch stores entries in order in one transaction, each as Add
	// would have (see sqlStore.AddBatch): one Outcome per entry, its Err
	// naming the document.
	AddBatch(ctx context.Context, entries []Entry) []Outcome
	// HasURL reports whether a document with this URL (or canonical URL)
	// is stored, so an ingest can skip fetching it again.
	HasURL(ctx context.Context, url string) (bool, error)
	// Figures lists stored figures matching f, newest first. A filter
	// that cannot run (a bad date, a search without words) wraps
	// ErrBadFilter.
	Figures(ctx context.Context, f Filter) ([]Row, error)
	// Document returns a stored document with all its figures (flagged
	// repeats included) in text order; ErrNotFound when there is none.
	Document(ctx context.Context, id string) (Doc, []Row, error)
	// Reports returns every countable figure of a series ("North
	// Korea/casualties", case-insensitive), oldest first: repeats flagged
	// in near-duplicate documents are left out. (Figures with
	// Filter{Series: s, Repeats: true} gives them too, marked.)
	Reports(ctx context.Context, series string) ([]Row, error)
	// Series lists every series with its counts, by key.
	Series(ctx context.Context) ([]SeriesInfo, error)
	// Stats counts what the ledger holds.
	Stats(ctx context.Context) (Stats, error)
	// StaleSeries lists the series whose summary is missing or older
	// than their figures; PutSummaries replaces a series' summaries (one
	// per place when the series is split), made from its figures at the
	// count StaleSeries gave; Summaries lists them, largest first.
	StaleSeries(ctx context.Context) ([]Stale, error)
	// placed lists, by series id, the figures (by Row.ID) each series
	// holds, so that each figure's Row.Series names its series.
	PutSummaries(ctx context.Context, st Stale, sums []Summary, placed map[string][]int64) error
	Summaries(ctx context.Context, f SummaryFilter) ([]Summary, error)
	// Documents lists the stored documents in the order they were
	// stored, with their figure counts.
	Documents(ctx context.Context, f DocFilter) ([]DocInfo, error)
	// Forget deletes a document and its figures; its first near-duplicate,
	// if it had copies, becomes the first copy. ErrNotFound when no
	// document has the id.
	Forget(ctx context.Context, id string) (Forgotten, error)
	// Replace puts figs in place of a stored document's figures (found
	// by doc.ID), and doc.Published in place of its publication date:
	// re-extraction after an upgrade. Status is Updated; ErrNotFound when
	// no document has the id.
	Replace(ctx context.Context, doc claim.Document, figs []claim.Figure) (Result, error)
	// DataVersion changes whenever anything commits to the ledger (see
	// sqlStore.DataVersion); ok is false when it cannot be known.
	DataVersion(ctx context.Context) (v string, ok bool)
	// Backend is "sqlite" or "postgres".
	Backend() string
	// Close releases the database.
	Close() error
}

// Meta is what the ledger keeps about a document beyond claim.Document.
type Meta struct {
	// CanonicalURL is the URL the page names as its own
	// (<link rel="canonical">); a later copy under either URL is a
	// duplicate.
	CanonicalURL string
	// Origin says where the document was read: a file path, a feed URL,
	// a WARC file and record.
	Origin string
	// AlsoURLs are other URLs the document was found under — a feed's
	// link that redirected to it — so that HasURL knows them too and a
	// resumed ingest does not fetch them again.
	AlsoURLs []string
}

// Status says what Add did with a document.
type Status int

const (
	// New: stored with its figures.
	New Status = iota
	// Duplicate: the same URL or text is already stored; nothing stored.
	Duplicate
	// NearDuplicate: a syndicated copy with small edits of a stored
	// document; stored and linked to the first copy, its figures that
	// repeat the first copy's flagged so they are not counted again.
	NearDuplicate
	// NotEnglish: stored without figures (the extractor reads English).
	NotEnglish
	// Updated: the document was stored already, with the same text, and
	// is now given a publication date it lacked or a different one; its
	// figures were extracted again with it and replace the old ones.
	// Replace also answers Updated. (Never a stored status.)
	Updated
)

var statusNames = [...]string{"new", "duplicate", "near-duplicate", "not-english", "updated"}

func (s Status) String() string {
	if s < 0 || int(s) >= len(statusNames) {
		return "unknown"
	}
	return statusNames[s]
}

// Result is the outcome of Add.
type Result struct {
	Status Status
	// Of is the id of the stored document this one duplicates (Duplicate)
	// or copies (NearDuplicate, and NotEnglish when it is a copy).
	Of string
	// Figures is the number of figures stored and counted; Repeats the
	// number stored but flagged as repeats of the first copy's.
	Figures, Repeats int
}

// Filter selects figures. Empty fields select everything; text matches
// are case-insensitive.
type Filter struct {
	Measure string // one of the claim measures
	Counted string // canonical country or group, e.g. "North Korea"
	// Source matches the canonical source name or any text the ledger has
	// seen naming it ("JCS" finds the Joint Chiefs of Staff's figures once
	// a sentence called them so).
	Source string
	Series string // "North Korea/casualties"
	// Since and Until bound the figure's date (falling back to its
	// document's publication date), YYYY-MM-DD, both inclusive. Figures
	// with no date at all are left out when either is set.
	Since, Until string
	// Query searches the sentences: every word must occur, matched by
	// stem ("kill" finds "killed").
	Query string
	// Limit caps the number of rows; 0 means all.
	Limit int
	// Repeats includes figures flagged as repeats in near-duplicate
	// documents.
	Repeats bool
}

// Row is a stored figure with what a listing shows of its document.
type Row struct {
	claim.Figure
	// ID identifies the figure within its ledger.
	ID int64 `json:"-"`
	// Series is the id of the series the figure is in, as `tally series`,
	// `tally timeline` and the web pages name it ("Iraq/killed",
	// "Iraq/killed#bombing-2004-10-01"); Base its counted/measure.
	Series    string `json:"series"`
	Base      string `json:"-"`
	Title     string `json:"title,omitempty"`
	URL       string `json:"url,omitempty"`
	Published string `json:"published,omitempty"`
	// NearDuplicate marks a figure of a near-duplicate document (a
	// syndicated copy of an earlier one); Repeat, one that repeats a
	// figure of the first copy, and is left out of counts.
	NearDuplicate bool `json:"near_duplicate,omitempty"`
	Repeat        bool `json:"repeat,omitempty"`
	// Day is the date the figure is listed under: its own date, else its
	// document's publication date, else "".
	Day string `json:"-"`
}

// Doc is a stored document.
type Doc struct {
	claim.Document
	Meta
	ContentHash string    // hex SHA-256 of the normalised text
	DuplicateOf string    // id of the first copy, for a near-duplicate
	Status      Status    // what Add did with it (never Duplicate)
	IngestedAt  time.Time // when Add stored it
}

// SeriesInfo is one series with its counts (flagged repeats left out).
type SeriesInfo struct {
	Key      string // counted + "/" + measure, as first stored
	Counted  string // "unknown" when no one is named
	Measure  string
	Figures  int    // countable figures
	Sources  int    // distinct sources
	FirstDay string // earliest figure date, "" when none is dated
	LastDay  string // latest figure date
}

// Stats counts a ledger's contents.
type Stats struct {
	Documents      int // stored documents, near-duplicates and non-English included
	NearDuplicates int
	NotEnglish     int
	Figures        int // countable figures
	Repeats        int // figures flagged as repeats
	Sources        int
	// Series counts series ids as tally series lists them (a running
	// total, each incident, each period); a counted/measure not yet
	// summarised (Refresh) counts as one.
	Series int
}

var (
	// ErrNotFound: no stored document has this id.
	ErrNotFound = errors.New("not found")
	// ErrIDTaken: another document with a different URL and text is
	// already stored under this id.
	ErrIDTaken = errors.New("id already taken")
	// ErrNoLedger: OpenExisting found no ledger file.
	ErrNoLedger = errors.New("no ledger")
)

// DefaultPath is the ledger used when neither --db nor TALLY_DB names one.
const DefaultPath = "tally.db"

// DSN picks the ledger every command uses: the --db flag, else the
// TALLY_DB environment variable, else tally.db in the working folder.
func DSN(flagValue string) string {
	if flagValue != "" {
		return flagValue
	}
	if env := os.Getenv("TALLY_DB"); env != "" {
		return env
	}
	return DefaultPath
}

// IsPostgres reports whether dsn names a PostgreSQL database rather than
// a SQLite file.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open opens the ledger dsn names — a postgres:// or postgresql:// URL, or
// else a SQLite file path, created on first use — and brings its schema up
// to date.
func Open(ctx context.Context, dsn string) (Store, error) {
	return open(ctx, dsn, true)
}

// OpenExisting is Open for commands that only read: a SQLite file that
// does not exist yet, or a database with no tables, is ErrNoLedger rather
// than a new empty ledger. It waits for a ledger being created or upgraded
// by another process, and upgrades a whole older ledger itself, but never
// creates one.
func OpenExisting(ctx context.Context, dsn string) (Store, error) {
	return open(ctx, dsn, false)
}

func open(ctx context.Context, dsn string, create bool) (Store, error) {
	db, d, where, err := connect(ctx, dsn, create)
	if err != nil {
		return nil, err
	}
	if err := migrate(ctx, db, d, where, 0, create); err != nil {
		db.Close()
		return nil, err
	}
	rdb := db
	if d == sqliteDialect {
		if rdb, err = openSQLiteReader(dsn); err != nil {
			db.Close()
			return nil, err
		}
	}
	return newSQLStore(db, rdb, d, where), nil
}

// connect opens the database dsn names without touching its schema; where
// names it in messages.
func connect(ctx context.Context, dsn string, create bool) (db *sql.DB, d *dialect, where string, err error) {
	if IsPostgres(dsn) {
		db, where, err = connectPostgres(ctx, dsn)
		return db, postgresDialect, where, err
	}
	db, err = connectSQLite(ctx, dsn, create)
	return db, sqliteDialect, dsn, err
}
