package store

// Corrections: listing the documents, forgetting one with its figures, and
// replacing a document's figures (re-extraction after an upgrade, or a
// re-ingest that gives the document a publication date). Each is one
// transaction; the per-series counts that Add keeps up to date are
// recounted for every series the change touches, and those series'
// summaries are dropped so that the next Refresh recomputes them.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tally-news/tally/internal/claim"
)

// DocInfo is one stored document as `tally docs` lists it.
type DocInfo struct {
	ID          string    `json:"id"`
	URL         string    `json:"url,omitempty"`
	Title       string    `json:"title,omitempty"`
	Publisher   string    `json:"publisher,omitempty"`
	Published   string    `json:"published,omitempty"`
	Status      string    `json:"status"`                 // new, near-duplicate, not-english
	DuplicateOf string    `json:"duplicate_of,omitempty"` // the first copy's id, for a near-duplicate
	Figures     int       `json:"figures"`                // stored figures, repeats included
	IngestedAt  time.Time `json:"ingested_at"`
	Origin      string    `json:"origin,omitempty"`
}

// DocFilter selects documents; empty fields select all.
type DocFilter struct {
	// Search matches the id, URL or title (case ignored, as a substring).
	Search string
	// Limit caps the number of documents; 0 means all.
	Limit int
}

func (s *sqlStore) Documents(ctx context.Context, f DocFilter) ([]DocInfo, error) {
	q := `SELECT d.id, d.url, d.title, d.publisher, d.published, d.status, COALESCE(o.id, ''),
			(SELECT COUNT(*) FROM figures g WHERE g.doc_pk = d.pk), d.ingested_at, d.origin
		FROM documents d LEFT JOIN documents o ON o.pk = d.duplicate_of`
	var args []any
	if f.Search != "" {
		q += ` WHERE lower(d.id) LIKE ? OR lower(d.url) LIKE ? OR lower(d.title) LIKE ?`
		like := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(strings.ToLower(f.Search)) + "%"
		args = append(args, like, like, like)
		q = strings.ReplaceAll(q, "LIKE ?", `LIKE ? ESCAPE '\'`)
	}
	q += ` ORDER BY d.pk`
	if f.Limit < 0 {
		return nil, fmt.Errorf("%w: limit %d", ErrBadFilter, f.Limit)
	}
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	rs, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	var out []DocInfo
	for rs.Next() {
		var d DocInfo
		var ingested string
		if err := rs.Scan(&d.ID, &d.URL, &d.Title, &d.Publisher, &d.Published, &d.Status, &d.DuplicateOf,
			&d.Figures, &ingested, &d.Origin); err != nil {
			return nil, err
		}
		d.IngestedAt, _ = time.Parse(time.RFC3339Nano, ingested)
		out = append(out, d)
	}
	return out, rs.Err()
}

// Forgotten says what Forget removed.
type Forgotten struct {
	Figures int
	// Promoted is the near-duplicate that became the first copy, when the
	// forgotten document had copies: its figures count from now on.
	Promoted string
}

func (s *sqlStore) Forget(ctx context.Context, id string) (Forgotten, error) {
	var out Forgotten
	err := s.write(ctx, func(tx *stmtTx) error {
		out = Forgotten{}
		pk, _, err := s.lockDoc(tx, id)
		if err != nil {
			return err
		}
		keys, n, err := s.dropFigures(tx, pk)
		if err != nil {
			return err
		}
		out.Figures = n
		// The copies of this document: the earliest becomes the first
		// copy, and the others point at it.
		var first sql.NullInt64
		var firstID string
		err = tx.QueryRow(`SELECT pk, id FROM documents WHERE duplicate_of = ? ORDER BY pk LIMIT 1`, pk).Scan(&first, &firstID)
		if err != nil && err != sql.ErrNoRows {
			return err
		}
		if first.Valid {
			if _, err := tx.Exec(`UPDATE documents SET duplicate_of = NULL,
				status = CASE WHEN status = 'near-duplicate' THEN 'new' ELSE status END WHERE pk = ?`, first.Int64); err != nil {
				return err
			}
			if _, err := tx.Exec(`UPDATE documents SET duplicate_of = ? WHERE duplicate_of = ?`, first.Int64, pk); err != nil {
				return err
			}
			more, err := s.seriesOf(tx, first.Int64)
			if err != nil {
				return err
			}
			keys = append(keys, more...)
			if _, err := tx.Exec(`UPDATE figures SET is_repeat = ? WHERE doc_pk = ?`, false, first.Int64); err != nil {
				return err
			}
			out.Promoted = firstID
		}
		if _, err := tx.Exec(`DELETE FROM document_urls WHERE doc_pk = ?`, pk); err != nil {
			return err
		}
		if _, err := tx.Exec(`DELETE FROM documents WHERE pk = ?`, pk); err != nil {
			return err
		}
		return s.recount(tx, keys)
	})
	if err != nil {
		return Forgotten{}, fmt.Errorf("document %s: %w", id, err)
	}
	return out, nil
}

func (s *sqlStore) Replace(ctx context.Context, doc claim.Document, figs []claim.Figure) (Result, error) {
	in, err := prepare(doc, figs, nil)
	if err != nil {
		return Result{}, fmt.Errorf("document %s: %w", doc.ID, err)
	}
	var res Result
	var l learned
	err = s.write(ctx, func(tx *stmtTx) error {
		pk, copyOf, err := s.lockDoc(tx, doc.ID)
		if err != nil {
			return err
		}
		res, l, err = s.replaceFigures(tx, pk, copyOf, in, nil)
		return err
	})
	if err != nil {
		return Result{}, fmt.Errorf("document %s: %w", doc.ID, err)
	}
	s.remember(l)
	return res, nil
}

// replaceFigures puts in's figures in place of the stored document pk's,
// and its publication date in place of the stored one; copyOf is the
// document's first copy, for a near-duplicate; batch as for addFigures.
func (s *sqlStore) replaceFigures(tx *stmtTx, pk int64, copyOf sql.NullInt64, in *addInput, batch *learned) (Result, learned, error) {
	res := Result{Status: Updated}
	keys, _, err := s.dropFigures(tx, pk)
	if err != nil {
		return res, learned{}, err
	}
	if _, err := tx.Exec(`UPDATE documents SET published = ? WHERE pk = ?`, in.doc.Published, pk); err != nil {
		return res, learned{}, err
	}
	var l learned
	if len(in.figs) > 0 {
		if l, err = s.addFigures(tx, in, pk, copyOf, &res, batch); err != nil {
			return res, l, err
		}
		for _, fi := range in.figs {
			keys = append(keys, fi.seriesKey)
		}
	}
	return res, l, s.recount(tx, keys)
}

// write runs fn in one write transaction, as Add does: one writer at a
// time on SQLite, and again after a lost race on PostgreSQL.
func (s *sqlStore) write(ctx context.Context, fn func(tx *stmtTx) error) error {
	if s.d.serialWrites {
		s.wmu.Lock()
		defer s.wmu.Unlock()
	}
	for attempt := 1; ; attempt++ {
		err := func() error {
			sqlTx, err := s.db.BeginTx(ctx, nil)
			if err != nil {
				return err
			}
			defer sqlTx.Rollback()
			if err := fn(&stmtTx{Tx: sqlTx, s: s, ctx: ctx}); err != nil {
				return err
			}
			return sqlTx.Commit()
		}()
		if err == nil || errors.Is(err, ErrNotFound) || attempt == maxAttempts || !s.d.retry(err) || ctx.Err() != nil {
			return err
		}
	}
}

// lockDoc finds a document by id and locks its row (PostgreSQL) against
// other corrections; ErrNotFound when there is none.
func (s *sqlStore) lockDoc(tx *stmtTx, id string) (pk int64, copyOf sql.NullInt64, err error) {
	err = tx.QueryRow(`SELECT pk, duplicate_of FROM documents WHERE id = ?`+s.d.forUpdate, id).Scan(&pk, &copyOf)
	if err == sql.ErrNoRows {
		return 0, copyOf, fmt.Errorf("%w: no document with this id is stored; tally docs lists them", ErrNotFound)
	}
	return pk, copyOf, err
}

// seriesOf lists the series keys a document's figures count in.
func (s *sqlStore) seriesOf(tx *stmtTx, pk int64) ([]string, error) {
	rs, err := tx.Query(`SELECT DISTINCT series_key FROM figures WHERE doc_pk = ?`, pk)
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	var keys []string
	for rs.Next() {
		var k string
		if err := rs.Scan(&k); err != nil {
			return nil, err
		}
		keys = append(keys, k)
	}
	return keys, rs.Err()
}

// dropFigures deletes a document's figures (and their search entries),
// returning the series they were in and how many there were.
func (s *sqlStore) dropFigures(tx *stmtTx, pk int64) ([]string, int, error) {
	keys, err := s.seriesOf(tx, pk)
	if err != nil {
		return nil, 0, err
	}
	if s.d.ftsDelete != "" {
		if _, err := tx.Exec(s.d.ftsDelete, pk); err != nil {
			return nil, 0, err
		}
	}
	r, err := tx.Exec(`DELETE FROM figures WHERE doc_pk = ?`, pk)
	if err != nil {
		return nil, 0, err
	}
	n, _ := r.RowsAffected()
	return keys, int(n), nil
}

// recount sets the counts of the series keys from their figures, drops
// the series left with none, and drops their summaries so that Refresh
// recomputes them. Series rows are locked first (PostgreSQL), in key
// order: an Add counting into one of them waits, and its increment lands
// on the recounted total.
func (s *sqlStore) recount(tx *stmtTx, keys []string) error {
	slices.Sort(keys)
	keys = slices.Compact(keys)
	for _, k := range keys {
		var one int
		if err := tx.QueryRow(`SELECT 1 FROM series WHERE key = ?`+s.d.forUpdate, k).Scan(&one); err != nil && err != sql.ErrNoRows {
			return err
		}
		if _, err := tx.Exec(`DELETE FROM series_sources WHERE series_key = ?`, k); err != nil {
			return err
		}
		if _, err := tx.Exec(`INSERT INTO series_sources(series_key, source_id)
			SELECT DISTINCT series_key, source_id FROM figures
			WHERE series_key = ? AND NOT is_repeat AND source_id IS NOT NULL`, k); err != nil {
			return err
		}
		var n int
		var first, last string
		if err := tx.QueryRow(`SELECT COUNT(*), COALESCE(MIN(NULLIF(day, '')), ''), COALESCE(MAX(day), '')
			FROM figures WHERE series_key = ? AND NOT is_repeat`, k).Scan(&n, &first, &last); err != nil {
			return err
		}
		if n == 0 {
			if _, err := tx.Exec(`DELETE FROM series WHERE key = ?`, k); err != nil {
				return err
			}
		} else {
			r, err := tx.Exec(`UPDATE series SET figures = ?,
					sources = (SELECT COUNT(*) FROM series_sources WHERE series_key = ?), first_day = ?, last_day = ?
				WHERE key = ?`, n, k, first, last, k)
			if err != nil {
				return err
			}
			if done, _ := r.RowsAffected(); done == 0 {
				// Figures that were all repeats until now (a promoted copy).
				if _, err := tx.Exec(`INSERT INTO series(key, name, counted, measure, figures, sources, first_day, last_day)
					SELECT ?, MIN(series), substr(MIN(series), 1, length(MIN(series)) - length(MIN(measure)) - 1), MIN(measure),
						?, (SELECT COUNT(*) FROM series_sources WHERE series_key = ?), ?, ?
					FROM figures WHERE series_key = ? AND NOT is_repeat`, k, n, k, first, last, k); err != nil {
					return err
				}
			}
		}
		if _, err := tx.Exec(`DELETE FROM series_summaries WHERE base_key = ?`, k); err != nil {
			return err
		}
	}
	return nil
}
