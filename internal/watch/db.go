// Package watch keeps tally reading: the feeds `tally watch` polls (with
// conditional GETs, so an unchanged feed costs one 304), the series a desk
// follows (`tally follow`), and the alerts raised when a followed series
// gets a new claim, a new source or a conflict — listed by `tally alerts`,
// shown in the web UI, served as Atom and optionally POSTed to a webhook.
//
// Its tables (follows, alerts, watched_feeds) are in the ledger, created
// by the ledger's migration 5; the polls themselves run as River jobs
// (internal/jobs).
package watch

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/tally-news/tally/internal/store"
)

// DB is the watch tables of one ledger.
type DB struct {
	db *sql.DB
	pg bool

	mu       sync.Mutex
	follows  []Follow // cached for Check, which runs once a document
	followAt time.Time
}

// followsTTL is how long Check trusts its copy of the follows: a series
// followed in another process raises alerts here this much later.
const followsTTL = 5 * time.Second

// cachedFollows is Follows, read again every followsTTL.
func (d *DB) cachedFollows(ctx context.Context) ([]Follow, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if time.Since(d.followAt) < followsTTL {
		return d.follows, nil
	}
	fs, err := d.Follows(ctx)
	if err != nil {
		return nil, err
	}
	d.follows, d.followAt = fs, time.Now()
	return fs, nil
}

// Open opens the watch tables of the ledger dsn names; store.Open must
// have opened (and so upgraded) the ledger first.
func Open(ctx context.Context, dsn string) (*DB, error) {
	db, err := store.OpenDB(ctx, dsn)
	if err != nil {
		return nil, err
	}
	return &DB{db: db, pg: store.IsPostgres(dsn)}, nil
}

// Close releases the database.
func (d *DB) Close() error { return d.db.Close() }

// q rewrites ? placeholders as $n for PostgreSQL.
func (d *DB) q(query string) string {
	if !d.pg {
		return query
	}
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func now() string { return time.Now().UTC().Format(time.RFC3339) }

// Follow is a followed series.
type Follow struct {
	Series  string // a series key ("Iraq/killed") or id, lower case
	Webhook string // "" for none
	Since   time.Time
}

// FollowKey is how a series is followed: lower case, spaces trimmed.
func FollowKey(series string) string { return strings.ToLower(strings.TrimSpace(series)) }

// Follow starts following series (again: its webhook is replaced).
func (d *DB) Follow(ctx context.Context, series, webhook string) error {
	key := FollowKey(series)
	if key == "" {
		return errors.New("no series given")
	}
	d.forget()
	_, err := d.db.ExecContext(ctx, d.q(`INSERT INTO follows(series, webhook, created_at) VALUES (?, ?, ?)
		ON CONFLICT(series) DO UPDATE SET webhook = excluded.webhook`), key, webhook, now())
	return err
}

// Unfollow stops following series; false when it was not followed.
func (d *DB) Unfollow(ctx context.Context, series string) (bool, error) {
	d.forget()
	res, err := d.db.ExecContext(ctx, d.q(`DELETE FROM follows WHERE series = ?`), FollowKey(series))
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

func (d *DB) forget() {
	d.mu.Lock()
	d.followAt = time.Time{}
	d.mu.Unlock()
}

// Follows lists the followed series by key.
func (d *DB) Follows(ctx context.Context) ([]Follow, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT series, webhook, created_at FROM follows ORDER BY series`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Follow
	for rows.Next() {
		var f Follow
		var at string
		if err := rows.Scan(&f.Series, &f.Webhook, &at); err != nil {
			return nil, err
		}
		f.Since, _ = time.Parse(time.RFC3339, at)
		out = append(out, f)
	}
	return out, rows.Err()
}

// Alert is a change in a followed series: one new claim, which may also
// be the series' first from its source, or conflict with another
// source's figure for the same day.
type Alert struct {
	ID      int64
	Series  string   // the follow
	DocID   string   // the document that made the claim
	Kinds   []string // "claim", then "new-source" and "conflict" as they apply
	Title   string   // one line
	Summary string   // the claim's sentence and what it conflicts with
	URL     string   // the document's URL, "" for a file
	At      time.Time
}

// Alerts lists the alerts of one followed series ("" for all), newest
// first, up to limit (0: 100).
func (d *DB) Alerts(ctx context.Context, series string, limit int) ([]Alert, error) {
	if limit <= 0 {
		limit = 100
	}
	q := `SELECT pk, series, doc_id, kinds, title, summary, url, created_at FROM alerts`
	args := []any{}
	if series != "" {
		q += ` WHERE series = ?`
		args = append(args, FollowKey(series))
	}
	q += ` ORDER BY pk DESC LIMIT ?`
	args = append(args, limit)
	rows, err := d.db.QueryContext(ctx, d.q(q), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Alert
	for rows.Next() {
		var a Alert
		var kinds, at string
		if err := rows.Scan(&a.ID, &a.Series, &a.DocID, &kinds, &a.Title, &a.Summary, &a.URL, &at); err != nil {
			return nil, err
		}
		a.Kinds = strings.Fields(kinds)
		a.At, _ = time.Parse(time.RFC3339, at)
		out = append(out, a)
	}
	return out, rows.Err()
}

// addAlert stores an alert unless the same claim already raised one for
// the follow (a job run twice); added reports a new one.
func (d *DB) addAlert(ctx context.Context, a *Alert, spanStart int) (added bool, err error) {
	res, err := d.db.ExecContext(ctx, d.q(`INSERT INTO alerts(series, doc_id, span_start, kinds, title, summary, url, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(series, doc_id, span_start) DO NOTHING`),
		a.Series, a.DocID, spanStart, strings.Join(a.Kinds, " "), a.Title, a.Summary, a.URL, now())
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	if n == 0 {
		return false, nil
	}
	err = d.db.QueryRowContext(ctx, d.q(`SELECT pk, created_at FROM alerts WHERE series = ? AND doc_id = ? AND span_start = ?`),
		a.Series, a.DocID, spanStart).Scan(&a.ID, new(string))
	a.At = time.Now().UTC()
	return true, err
}

// Feed is a watched feed and what its last poll found.
type Feed struct {
	URL                string
	Every              time.Duration
	AllowPrivate       bool      // fetched from private addresses (--allow-private)
	ETag, LastModified string    // the validators of its last 200
	Checked            time.Time // zero before the first poll
	Status             string    // the last poll's outcome, in words
}

// Watch adds a feed to poll every every (or changes its settings).
func (d *DB) Watch(ctx context.Context, url string, every time.Duration, allowPrivate bool) error {
	_, err := d.db.ExecContext(ctx, d.q(`INSERT INTO watched_feeds(url, every_seconds, allow_private) VALUES (?, ?, ?)
		ON CONFLICT(url) DO UPDATE SET every_seconds = excluded.every_seconds, allow_private = excluded.allow_private`),
		url, int64(every/time.Second), allowPrivate)
	return err
}

// Unwatch stops polling a feed; false when it was not watched.
func (d *DB) Unwatch(ctx context.Context, url string) (bool, error) {
	res, err := d.db.ExecContext(ctx, d.q(`DELETE FROM watched_feeds WHERE url = ?`), url)
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// Feeds lists the watched feeds by URL.
func (d *DB) Feeds(ctx context.Context) ([]Feed, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT url, every_seconds, allow_private, etag, last_modified, checked_at, status FROM watched_feeds ORDER BY url`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Feed
	for rows.Next() {
		var f Feed
		var every int64
		var checked string
		if err := rows.Scan(&f.URL, &every, &f.AllowPrivate, &f.ETag, &f.LastModified, &checked, &f.Status); err != nil {
			return nil, err
		}
		f.Every = time.Duration(every) * time.Second
		f.Checked, _ = time.Parse(time.RFC3339, checked)
		out = append(out, f)
	}
	return out, rows.Err()
}

// Due lists the feeds whose next poll is due at t.
func (d *DB) Due(ctx context.Context, t time.Time) ([]Feed, error) {
	all, err := d.Feeds(ctx)
	if err != nil {
		return nil, err
	}
	var due []Feed
	for _, f := range all {
		if f.Checked.IsZero() || !t.Before(f.Checked.Add(f.Every)) {
			due = append(due, f)
		}
	}
	return due, nil
}

// Feed returns one watched feed; ok is false when it is not watched.
func (d *DB) Feed(ctx context.Context, url string) (f Feed, ok bool, err error) {
	all, err := d.Feeds(ctx)
	for _, f := range all {
		if f.URL == url {
			return f, true, err
		}
	}
	return Feed{URL: url}, false, err
}

// checked records a poll's outcome; etag and lastModified are kept when
// the poll gave none (a 304, an error).
func (d *DB) checked(ctx context.Context, url, etag, lastModified, status string) error {
	_, err := d.db.ExecContext(ctx, d.q(`UPDATE watched_feeds SET
		etag = CASE WHEN ? = '' THEN etag ELSE ? END,
		last_modified = CASE WHEN ? = '' THEN last_modified ELSE ? END,
		checked_at = ?, status = ? WHERE url = ?`), etag, etag, lastModified, lastModified, now(), status, url)
	return err
}
