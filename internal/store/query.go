package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/tally-news/tally/internal/series"
	"github.com/tally-news/tally/internal/sources"
)

// rowSelect reads a figure and its document's listing fields; scanRow
// takes its columns in this order.
const rowSelect = `SELECT f.pk, d.id, d.title, d.url, d.published, d.duplicate_of IS NOT NULL,
	f.sentence, f.span_start, f.span_end, f.sentence_start, f.sentence_end, f.number_text,
	f.value, f.low, f.high, f.qualifier, f.measure, f.subject, f.counted, f.location,
	f.source, f.source_text, f.cue, f.via, f.date, f.hedged, f.series, f.day, f.is_repeat, f.scope, f.series_id
	FROM figures f JOIN documents d ON d.pk = f.doc_pk`

func scanRow(rs *sql.Rows) (Row, error) {
	var r Row
	var value, low, high sql.NullFloat64
	var counted, location, via, date sql.NullString
	var seriesID string
	f := &r.Figure
	err := rs.Scan(&r.ID, &f.Doc, &r.Title, &r.URL, &r.Published, &r.NearDuplicate,
		&f.Sentence, &f.Span[0], &f.Span[1], &f.SentenceSpan[0], &f.SentenceSpan[1], &f.NumberText,
		&value, &low, &high, &f.Qualifier, &f.Measure, &f.Subject, &counted, &location,
		&f.Source, &f.SourceText, &f.Cue, &via, &date, &f.Hedged, &r.Base, &r.Day, &r.Repeat, &f.Scope, &seriesID)
	r.Series = seriesID
	if r.Series == "" {
		r.Series = r.Base // not placed yet: its counted/measure
	}
	f.Value, f.Low, f.High = fptr(value), fptr(low), fptr(high)
	f.Counted, f.Location, f.Via, f.Date = sptr(counted), sptr(location), sptr(via), sptr(date)
	return r, err
}

func (s *sqlStore) rows(ctx context.Context, query string, args ...any) ([]Row, error) {
	rs, err := s.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	var out []Row
	for rs.Next() {
		r, err := scanRow(rs)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rs.Err()
}

// ErrBadFilter wraps the reason a Filter cannot be run.
var ErrBadFilter = errors.New("bad filter")

func (s *sqlStore) Figures(ctx context.Context, f Filter) ([]Row, error) {
	var conds []string
	var args []any
	add := func(cond string, a ...any) {
		conds = append(conds, cond)
		args = append(args, a...)
	}
	if !f.Repeats {
		add("NOT f.is_repeat")
	}
	switch {
	case f.Measure != "" && f.Counted != "":
		// Both together are a series, which has its own index.
		add("f.series_key = ?", key(f.Counted)+"/"+key(f.Measure))
	case f.Measure != "":
		add("f.measure = ?", key(f.Measure))
	case f.Counted != "":
		add("f.counted_key = ?", key(f.Counted))
	}
	if f.Series != "" {
		id, ok, err := s.seriesID(ctx, f.Series)
		if err != nil {
			return nil, err
		}
		switch k, _ := series.ParseKey(id); {
		case ok && key(id) == key(k.Counted+"/"+k.Measure):
			// The running total: its figures keep series_id '' (Refresh).
			add("f.series_key = ? AND f.series_id = ''", key(id))
		case ok:
			add("f.series_id = ?", id)
		default:
			add("f.series_key = ?", key(f.Series))
		}
	}
	if f.Source != "" {
		// The name as the ledger has seen it, or as the shipped alias
		// table resolves it: "JCS" finds the Joint Chiefs of Staff even
		// when no stored sentence called them so.
		keys := []any{aliasKey(f.Source)}
		if canon, _, _, ok := sources.Default().NewResolver("").Resolve(f.Source); ok && aliasKey(canon) != keys[0] {
			keys = append(keys, aliasKey(canon))
		}
		add("f.source_id IN (SELECT source_id FROM source_aliases WHERE key IN ("+placeholders(len(keys))+"))", keys...)
	}
	if f.Since != "" {
		if err := checkDate("since", f.Since); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrBadFilter, err)
		}
		add("f.day >= ?", f.Since)
	}
	if f.Until != "" {
		if err := checkDate("until", f.Until); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrBadFilter, err)
		}
		add("f.day <> '' AND f.day <= ?", f.Until)
	}
	if f.Query != "" {
		words := queryWords(f.Query)
		if len(words) == 0 {
			return nil, fmt.Errorf("%w: search %q has no words", ErrBadFilter, f.Query)
		}
		arg := s.d.ftsArg(words)
		match := s.d.ftsMatch
		if s.d.ftsPlan != nil && f.Limit > 0 {
			var err error
			if match, err = s.d.ftsPlan(ctx, s.rdb, arg, f.Limit); err != nil {
				return nil, err
			}
		}
		add(match, arg)
	}
	if f.Limit < 0 {
		return nil, fmt.Errorf("%w: limit %d", ErrBadFilter, f.Limit)
	}
	q := rowSelect
	if len(conds) > 0 {
		q += " WHERE " + strings.Join(conds, " AND ")
	}
	q += " ORDER BY f.day DESC, f.pk DESC"
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	return s.rows(ctx, q, args...)
}

// seriesID finds a series id as the summaries spell it, matched without
// regard to case; ok is false when no summary has it (a ledger not yet
// refreshed, or a bare counted/measure that has no running total).
func (s *sqlStore) seriesID(ctx context.Context, id string) (string, bool, error) {
	k, err := series.ParseKey(id)
	if err != nil {
		return "", false, fmt.Errorf("%w: %v", ErrBadFilter, err)
	}
	rs, err := s.query(ctx, `SELECT key FROM series_summaries WHERE base_key = ?`, key(k.Counted+"/"+k.Measure))
	if err != nil {
		return "", false, err
	}
	defer rs.Close()
	for rs.Next() {
		var got string
		if err := rs.Scan(&got); err != nil {
			return "", false, err
		}
		if g, err := series.ParseKey(got); err == nil && g.Match(k) {
			return got, true, nil
		}
	}
	return "", false, rs.Err()
}

// queryWords are the words of a search: runs of letters and digits.
// Everything else is dropped, so no search can be read as the backend's
// query syntax.
func queryWords(q string) []string {
	return strings.FieldsFunc(strings.ToLower(q), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

func (s *sqlStore) Reports(ctx context.Context, series string) ([]Row, error) {
	return s.rows(ctx, rowSelect+` WHERE f.series_key = ? AND NOT f.is_repeat ORDER BY f.day, f.pk`, key(series))
}

func (s *sqlStore) HasURL(ctx context.Context, url string) (bool, error) {
	k := urlKey(url)
	if k == "" {
		return false, nil
	}
	var one int
	switch err := s.queryRow(ctx, `SELECT 1 FROM document_urls WHERE key = ?`, k).Scan(&one); err {
	case nil:
		return true, nil
	case sql.ErrNoRows:
		return false, nil
	default:
		return false, err
	}
}

func (s *sqlStore) Document(ctx context.Context, id string) (Doc, []Row, error) {
	var d Doc
	var pk int64
	var status, ingested string
	err := s.queryRow(ctx, `SELECT d.pk, d.id, d.url, d.canonical_url, d.title,
			d.publisher, d.published, d.language, d.text, d.content_hash,
			COALESCE(o.id, ''), d.status, d.ingested_at, d.origin
		FROM documents d LEFT JOIN documents o ON o.pk = d.duplicate_of WHERE d.id = ?`, id).Scan(
		&pk, &d.ID, &d.URL, &d.CanonicalURL, &d.Title, &d.Publisher, &d.Published, &d.Language,
		&d.Text, &d.ContentHash, &d.DuplicateOf, &status, &ingested, &d.Origin)
	if err == sql.ErrNoRows {
		return Doc{}, nil, fmt.Errorf("document %q: %w", id, ErrNotFound)
	}
	if err != nil {
		return Doc{}, nil, err
	}
	for i, n := range statusNames {
		if n == status {
			d.Status = Status(i)
		}
	}
	d.IngestedAt, _ = time.Parse(time.RFC3339Nano, ingested)
	rows, err := s.rows(ctx, rowSelect+` WHERE f.doc_pk = ? ORDER BY f.seq`, pk)
	return d, rows, err
}

func (s *sqlStore) Series(ctx context.Context) ([]SeriesInfo, error) {
	rs, err := s.query(ctx, `SELECT name, counted, measure, figures, sources, first_day, last_day
		FROM series ORDER BY key`)
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	var out []SeriesInfo
	for rs.Next() {
		var si SeriesInfo
		if err := rs.Scan(&si.Key, &si.Counted, &si.Measure, &si.Figures, &si.Sources, &si.FirstDay, &si.LastDay); err != nil {
			return nil, err
		}
		out = append(out, si)
	}
	return out, rs.Err()
}

func (s *sqlStore) Stats(ctx context.Context) (Stats, error) {
	var st Stats
	rs, err := s.query(ctx, `SELECT status, COUNT(*) FROM documents GROUP BY status`)
	if err != nil {
		return st, err
	}
	defer rs.Close()
	for rs.Next() {
		var status string
		var n int
		if err := rs.Scan(&status, &n); err != nil {
			return st, err
		}
		st.Documents += n
		switch status {
		case NearDuplicate.String():
			st.NearDuplicates = n
		case NotEnglish.String():
			st.NotEnglish = n
		}
	}
	if err := rs.Err(); err != nil {
		return st, err
	}
	// Countable figures are summed from the series table: counting a
	// million figure rows takes longer than any listing should.
	if err := s.queryRow(ctx, `SELECT CAST(COALESCE(SUM(figures), 0) AS BIGINT), COUNT(*) FROM series`).Scan(&st.Figures, &st.Series); err != nil {
		return st, err
	}
	// The series ids the summaries hold, for the counted/measure series
	// that have them: "series" means the same here as in tally series.
	var ids, summarised int
	if err := s.queryRow(ctx, `SELECT COUNT(*), COUNT(DISTINCT base_key) FROM series_summaries`).Scan(&ids, &summarised); err != nil {
		return st, err
	}
	st.Series += ids - summarised
	if err := s.queryRow(ctx, `SELECT COUNT(*) FROM figures WHERE is_repeat`).Scan(&st.Repeats); err != nil {
		return st, err
	}
	err = s.queryRow(ctx, `SELECT COUNT(*) FROM sources`).Scan(&st.Sources)
	return st, err
}
