package store

// One implementation over database/sql serves both backends; a dialect
// holds the few places where SQLite and PostgreSQL differ. Keeping one
// copy of the logic is what makes "same behaviour on both" true rather
// than hoped for.

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/tally-news/tally/internal/claim"
)

// dialect is what differs between the backends.
type dialect struct {
	name string // "sqlite" or "postgres": Backend() and the migrations folder
	// dollar: placeholders are $1, $2 … rather than ?.
	dollar bool
	// tableExists counts the tables named by its one argument;
	// countTables counts all tables, to tell an empty database from
	// someone else's.
	tableExists, countTables string
	// migrationLock, run first in a migration's transaction, keeps two
	// processes from migrating at once ("" where BEGIN already does).
	migrationLock string
	// ftsInsert indexes a document's figures (argument: doc_pk) after
	// they are inserted, ftsDelete drops them from the index before they
	// are deleted; "" where an index on the table does it.
	ftsInsert, ftsDelete string
	// forUpdate locks the rows a SELECT reads (" FOR UPDATE"), where
	// writers run at once; "" where one writer holds the whole file.
	forUpdate string
	// ftsMatch is a condition on figures f matching its one argument,
	// made from the user's words by ftsArg.
	ftsMatch string
	ftsArg   func(words []string) string
	// ftsPlan, where set, picks the condition for a search with a limit
	// (see sqliteSearch); ftsMatch serves the others.
	ftsPlan func(ctx context.Context, db *sql.DB, arg string, limit int) (string, error)
	// retry reports errors after which the whole Add is tried again: a
	// lost race for a unique key, a deadlock, a serialisation failure.
	retry func(error) bool
	// serialWrites: one writer at a time, inside the process (SQLite
	// allows one writer per file; waiting on a Go mutex beats spinning on
	// SQLITE_BUSY).
	serialWrites bool
	// dataVersion reads DataVersion's value.
	dataVersion string
}

// rebind turns ? placeholders into $n for PostgreSQL. No statement here
// has a ? inside a string literal.
func (d *dialect) rebind(q string) string {
	if !d.dollar {
		return q
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
		} else {
			b.WriteByte(q[i])
		}
	}
	return b.String()
}

// sqlStore is a Store on database/sql.
type sqlStore struct {
	db    *sql.DB // writes, and reads inside them
	rdb   *sql.DB // reads (read.go); db itself where the backend shares one pool
	d     *dialect
	where string // the ledger's name in messages: a path, or host/database

	stmts sync.Map // rebound query → *sql.Stmt, for stmtTx

	wmu sync.Mutex // held by Add when d.serialWrites

	// Sources and aliases already committed, so that Add skips their
	// upserts: after the first few documents almost every source is known.
	cmu       sync.Mutex
	sourceIDs map[string]int64 // source key → id
	aliases   map[aliasRef]bool

	// shingles of recently stored texts, for near-duplicate checks.
	shingles *shingleCache

	reads readStmts
	// vconn is DataVersion's connection.
	vmu   sync.Mutex
	vconn *sql.Conn
}

type aliasRef struct {
	key      string
	sourceID int64
}

func newSQLStore(db, rdb *sql.DB, d *dialect, where string) *sqlStore {
	return &sqlStore{db: db, rdb: rdb, d: d, where: where, sourceIDs: map[string]int64{}, aliases: map[aliasRef]bool{},
		shingles: newShingleCache(shingleCacheSize)}
}

func (s *sqlStore) Backend() string { return s.d.name }

func (s *sqlStore) Close() error {
	s.vmu.Lock()
	if s.vconn != nil {
		s.vconn.Close()
	}
	s.vmu.Unlock()
	if s.rdb != s.db {
		s.rdb.Close()
	}
	return s.db.Close()
}

// stmtTx runs a transaction's statements as prepared statements that the
// store keeps, so that each is parsed once per connection rather than once
// per document (parsing was a seventh of Add's time on SQLite). Queries are
// written with ? placeholders.
type stmtTx struct {
	*sql.Tx
	s   *sqlStore
	ctx context.Context
}

func (t *stmtTx) stmt(query string) (*sql.Stmt, error) {
	q := t.s.d.rebind(query)
	if st, ok := t.s.stmts.Load(q); ok {
		return t.Tx.StmtContext(t.ctx, st.(*sql.Stmt)), nil
	}
	// Prepared inside the transaction first: a SQLite write transaction
	// holds the file's lock, and preparing on another connection would
	// wait for it.
	st, err := t.Tx.PrepareContext(t.ctx, q)
	if err != nil {
		return nil, err
	}
	if dbst, err := t.s.db.PrepareContext(t.ctx, q); err == nil {
		if _, loaded := t.s.stmts.LoadOrStore(q, dbst); loaded {
			dbst.Close()
		}
	}
	return st, nil
}

func (t *stmtTx) Exec(query string, args ...any) (sql.Result, error) {
	st, err := t.stmt(query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(t.ctx, args...)
}

func (t *stmtTx) Query(query string, args ...any) (*sql.Rows, error) {
	st, err := t.stmt(query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(t.ctx, args...)
}

// QueryRow reports a failed prepare through Scan, as sql.Row does.
func (t *stmtTx) QueryRow(query string, args ...any) *sql.Row {
	st, err := t.stmt(query)
	if err != nil {
		return t.Tx.QueryRowContext(t.ctx, t.s.d.rebind(query), args...) // reports the same error
	}
	return st.QueryRowContext(t.ctx, args...)
}

// addInput is a document checked and prepared for storing, all its
// derived values computed before the transaction starts.
type addInput struct {
	doc     claim.Document
	meta    Meta
	urlKeys []string
	hash    string
	fp      fingerprint
	english bool
	figs    []figInput
	now     string
}

type figInput struct {
	f                             *claim.Figure
	series, seriesKey, countedKey string
	day, sourceKey                string
}

// prepare checks a document and its figures and computes what is stored
// beside them. Bad input is refused whole, with the reason: a ledger with
// offsets past the end of their text cannot show its evidence.
func prepare(doc claim.Document, figs []claim.Figure, meta []Meta) (*addInput, error) {
	in := &addInput{doc: doc, now: time.Now().UTC().Format("2006-01-02T15:04:05.000Z")}
	switch len(meta) {
	case 0:
	case 1:
		in.meta = meta[0]
	default:
		return nil, errors.New("Add takes at most one Meta")
	}
	if strings.TrimSpace(doc.ID) == "" {
		return nil, errors.New("document has no id")
	}
	for name, v := range map[string]string{"id": doc.ID, "url": doc.URL, "title": doc.Title,
		"publisher": doc.Publisher, "language": doc.Language, "text": doc.Text,
		"canonical url": in.meta.CanonicalURL, "origin": in.meta.Origin} {
		if err := checkText(name, v); err != nil {
			return nil, err
		}
	}
	if err := checkDate("published date", doc.Published); err != nil {
		return nil, err
	}
	in.urlKeys = urlKeys(doc, in.meta)
	in.hash = contentHash(doc.Text)
	in.fp = fingerprintOf(doc.Text)
	in.english = IsEnglish(doc.Language)
	if !in.english {
		return in, nil // figures of a text the extractor cannot read are noise
	}
	in.figs = make([]figInput, len(figs))
	for i := range figs {
		f := &figs[i]
		if err := checkFigure(f, doc); err != nil {
			return nil, fmt.Errorf("figure %d (%q): %w", i+1, f.NumberText, err)
		}
		day := doc.Published
		if f.Date != nil && *f.Date != "" {
			day = *f.Date
		}
		in.figs[i] = figInput{
			f:          f,
			series:     SeriesKey(f),
			seriesKey:  key(SeriesKey(f)),
			countedKey: key(countedOf(f)),
			day:        day,
			sourceKey:  key(f.Source),
		}
	}
	return in, nil
}

func checkFigure(f *claim.Figure, doc claim.Document) error {
	if f.Doc != "" && f.Doc != doc.ID {
		return fmt.Errorf("belongs to document %q, not %q", f.Doc, doc.ID)
	}
	if f.Measure == "" {
		return errors.New("no measure")
	}
	n := len(doc.Text)
	for _, sp := range []struct {
		name string
		s    [2]int
	}{{"span", f.Span}, {"sentence_span", f.SentenceSpan}} {
		if sp.s[0] < 0 || sp.s[0] > sp.s[1] || sp.s[1] > n {
			return fmt.Errorf("%s [%d, %d] is outside the text (%d bytes)", sp.name, sp.s[0], sp.s[1], n)
		}
	}
	for name, p := range map[string]*float64{"value": f.Value, "low": f.Low, "high": f.High} {
		if p != nil && (math.IsNaN(*p) || math.IsInf(*p, 0)) {
			return fmt.Errorf("%s is %v", name, *p)
		}
	}
	texts := map[string]string{"sentence": f.Sentence, "number_text": f.NumberText,
		"qualifier": f.Qualifier, "measure": f.Measure, "subject": f.Subject, "source": f.Source,
		"source_text": f.SourceText, "cue": f.Cue, "scope": f.Scope}
	for name, p := range map[string]*string{"counted": f.Counted, "location": f.Location, "via": f.Via, "date": f.Date} {
		if p != nil {
			texts[name] = *p
		}
	}
	for name, v := range texts {
		if err := checkText(name, v); err != nil {
			return err
		}
	}
	if f.Date != nil {
		return checkDate("date", *f.Date)
	}
	return nil
}

// checkText refuses what PostgreSQL cannot store in a text column, so that
// both backends refuse the same input.
func checkText(name, v string) error {
	if !utf8.ValidString(v) {
		return fmt.Errorf("%s is not valid UTF-8", name)
	}
	if strings.IndexByte(v, 0) >= 0 {
		return fmt.Errorf("%s holds a NUL byte", name)
	}
	return nil
}

// checkDate insists on YYYY-MM-DD: dates are compared as text.
func checkDate(name, v string) error {
	if v == "" {
		return nil
	}
	if _, err := time.Parse("2006-01-02", v); err != nil {
		return fmt.Errorf("%s %q is not YYYY-MM-DD", name, v)
	}
	return nil
}

// maxAttempts bounds the retries of an Add that lost a race.
const maxAttempts = 5

func (s *sqlStore) Add(ctx context.Context, doc claim.Document, figs []claim.Figure, meta ...Meta) (Result, error) {
	in, err := prepare(doc, figs, meta)
	if err != nil {
		return Result{}, fmt.Errorf("document %s: %w", doc.ID, err)
	}
	if s.d.serialWrites {
		s.wmu.Lock()
		defer s.wmu.Unlock()
	}
	return s.addOne(ctx, in)
}

// addOne stores one prepared document in its own transaction, again after
// a lost race; the caller holds wmu where writes are serial.
func (s *sqlStore) addOne(ctx context.Context, in *addInput) (Result, error) {
	for attempt := 1; ; attempt++ {
		res, learned, err := s.add(ctx, in)
		if err == nil {
			s.remember(learned)
			return res, nil
		}
		if errors.Is(err, ErrIDTaken) || attempt == maxAttempts || !s.d.retry(err) || ctx.Err() != nil {
			return Result{}, fmt.Errorf("document %s: %w", in.doc.ID, err)
		}
	}
}

// learned is what a committed Add taught the caches.
type learned struct {
	sources map[string]int64
	aliases []aliasRef
	// aliasSet holds aliases, for a batch's look-ups.
	aliasSet map[aliasRef]bool
	// series, in a batch, is what its documents add to the series table,
	// written once before the commit (flushSeries).
	series seriesAggs
}

func (s *sqlStore) remember(l learned) {
	s.cmu.Lock()
	defer s.cmu.Unlock()
	for k, id := range l.sources {
		s.sourceIDs[k] = id
	}
	for _, a := range l.aliases {
		s.aliases[a] = true
	}
}

// add is one attempt at Add, in one transaction.
func (s *sqlStore) add(ctx context.Context, in *addInput) (Result, learned, error) {
	sqlTx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return Result{}, learned{}, err
	}
	defer sqlTx.Rollback()
	res, l, err := s.addTx(&stmtTx{Tx: sqlTx, s: s, ctx: ctx}, in, nil)
	if err != nil {
		return Result{}, l, err
	}
	if res.Status == Duplicate {
		return res, l, nil // nothing written
	}
	return res, l, sqlTx.Commit()
}

// addTx stores one document in tx, which the caller commits. batch, when
// set, holds what earlier documents of the same transaction taught the
// caches (not yet committed, so not in s's caches). It takes its row locks
// table by table in one order — documents, document_urls, sources,
// source_aliases, figures, series_sources, series — and by key within a
// table, so concurrent PostgreSQL writers of one document each wait for
// each other but never deadlock.
func (s *sqlStore) addTx(tx *stmtTx, in *addInput, batch *learned) (Result, learned, error) {
	var l learned
	q := tx.QueryRow

	// Stored already: same URL, same text, or (an error) same id. One
	// statement, so one snapshot: in PostgreSQL a concurrent writer that
	// commits between separate checks would be seen by the last only.
	var parts []string
	var args []any
	if len(in.urlKeys) > 0 {
		parts = append(parts, `SELECT d.id, 0 FROM document_urls u JOIN documents d ON d.pk = u.doc_pk
			WHERE u.key IN (`+placeholders(len(in.urlKeys))+`)`)
		for _, k := range in.urlKeys {
			args = append(args, k)
		}
	}
	parts = append(parts, `SELECT id, 0 FROM documents WHERE content_hash = ?`, `SELECT id, 1 FROM documents WHERE id = ?`)
	args = append(args, in.hash, in.doc.ID)
	rs, err := tx.Query(strings.Join(parts, " UNION ALL "), args...)
	if err != nil {
		return Result{}, l, err
	}
	var dupOf string
	idTaken := false
	for rs.Next() {
		var id string
		var onlyID int
		if err := rs.Scan(&id, &onlyID); err != nil {
			rs.Close()
			return Result{}, l, err
		}
		if onlyID == 0 && dupOf == "" {
			dupOf = id
		}
		idTaken = idTaken || onlyID == 1
	}
	rs.Close()
	if err := rs.Err(); err != nil {
		return Result{}, l, err
	}
	if dupOf != "" {
		if in.doc.Published != "" {
			// The same text with another publication date: the
			// re-ingest corrects the date, and the figures read with it.
			var pk int64
			var published, hash string
			var copyOf sql.NullInt64
			if err := tx.QueryRow(`SELECT pk, published, content_hash, duplicate_of FROM documents WHERE id = ?`+s.d.forUpdate,
				dupOf).Scan(&pk, &published, &hash, &copyOf); err != nil {
				return Result{}, l, err
			}
			if hash == in.hash && published != in.doc.Published && in.english {
				// The series are counted again from the figures: what
				// the batch owes them goes in first.
				if err := s.flushSeries(tx, batch); err != nil {
					return Result{}, l, err
				}
				res, l, err := s.replaceFigures(tx, pk, copyOf, in, batch.withoutSeries())
				if err != nil {
					return Result{}, l, err
				}
				res.Of = dupOf
				return res, l, nil
			}
		}
		return Result{Status: Duplicate, Of: dupOf}, l, nil
	}
	if idTaken {
		return Result{}, l, fmt.Errorf("%w: another document with a different URL and text is stored under this id; give the document another id", ErrIDTaken)
	}

	res := Result{Status: New}
	var firstCopy sql.NullInt64
	if in.fp.ok {
		pk, of, err := s.nearest(tx, &in.fp)
		if err != nil {
			return Result{}, l, err
		}
		if pk != 0 {
			firstCopy = sql.NullInt64{Int64: pk, Valid: true}
			res.Status, res.Of = NearDuplicate, of
		}
	}
	if !in.english {
		res.Status = NotEnglish
	}

	var b [lshBands]any // NULL when the text is too short to compare
	if in.fp.ok {
		for i, v := range in.fp.bands {
			b[i] = v
		}
	}
	var docPK int64
	err = q(`INSERT INTO documents(id, url, canonical_url, title, publisher, published, language, text,
			content_hash, band0, band1, band2, band3, band4, band5, band6, band7, duplicate_of, status,
			ingested_at, origin)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING pk`,
		in.doc.ID, in.doc.URL, in.meta.CanonicalURL, in.doc.Title, in.doc.Publisher, in.doc.Published,
		in.doc.Language, in.doc.Text, in.hash, b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], firstCopy,
		res.Status.String(), in.now, in.meta.Origin).Scan(&docPK)
	if err != nil {
		return Result{}, l, err
	}
	if in.fp.ok {
		s.shingles.put(in.hash, in.fp.shingles)
	}
	if len(in.urlKeys) > 0 {
		var args []any
		for _, k := range in.urlKeys {
			args = append(args, k, docPK)
		}
		if _, err := tx.Exec(`INSERT INTO document_urls(key, doc_pk) VALUES `+
			rows(len(in.urlKeys), 2), args...); err != nil {
			return Result{}, l, err
		}
	}
	if len(in.figs) > 0 {
		if l, err = s.addFigures(tx, in, docPK, firstCopy, &res, batch); err != nil {
			return Result{}, l, err
		}
	}
	return res, l, nil
}

// nearest finds the stored document most like fp — at least nearJaccard
// of shingles shared, the earliest of equals — and returns its first
// copy: the pk and id of the document that copies link to; 0 for none.
func (s *sqlStore) nearest(tx *stmtTx, fp *fingerprint) (int64, string, error) {
	// One indexed lookup per band; UNION ALL keeps each on its index
	// where OR might not. Each band brings at most bandCandidates of the
	// latest documents: a band shared by thousands (templated pages, a
	// site's boilerplate) would otherwise make every Add read them all,
	// and a syndicated copy follows its original closely in time.
	var parts []string
	args := make([]any, lshBands)
	for b := range lshBands {
		parts = append(parts, fmt.Sprintf("SELECT pk FROM (SELECT pk FROM documents WHERE band%d = ? ORDER BY pk DESC LIMIT %d) AS b%d", b, bandCandidates, b))
		args[b] = fp.bands[b]
	}
	rs, err := tx.Query(strings.Join(parts, " UNION ALL "), args...)
	if err != nil {
		return 0, "", err
	}
	shared := map[int64]int{} // candidate → bands shared
	for rs.Next() {
		var pk int64
		if err := rs.Scan(&pk); err != nil {
			rs.Close()
			return 0, "", err
		}
		shared[pk]++
	}
	rs.Close()
	if err := rs.Err(); err != nil || len(shared) == 0 {
		return 0, "", err
	}
	cands := make([]int64, 0, len(shared))
	for pk := range shared {
		cands = append(cands, pk)
	}
	slices.SortFunc(cands, func(a, b int64) int {
		if c := cmp.Compare(shared[b], shared[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	cands = cands[:min(len(cands), maxCandidates)]

	// The candidates' hashes in one statement; their shingles from the
	// cache when a recent Add computed them (a syndicated copy follows
	// its original closely), else from their text.
	cargs := make([]any, len(cands))
	for i, pk := range cands {
		cargs[i] = pk
	}
	rs, err = tx.Query(`SELECT pk, content_hash, duplicate_of FROM documents WHERE pk IN (`+placeholders(len(cands))+`)`, cargs...)
	if err != nil {
		return 0, "", err
	}
	type cand struct {
		hash string
		of   sql.NullInt64
	}
	info := make(map[int64]cand, len(cands))
	for rs.Next() {
		var pk int64
		var c cand
		if err := rs.Scan(&pk, &c.hash, &c.of); err != nil {
			rs.Close()
			return 0, "", err
		}
		info[pk] = c
	}
	rs.Close()
	if err := rs.Err(); err != nil {
		return 0, "", err
	}
	var best, root int64
	bestJ := nearJaccard
	for _, pk := range cands {
		c, ok := info[pk]
		if !ok {
			continue
		}
		sh, ok := s.shingles.get(c.hash)
		if !ok {
			var text string
			if err := tx.QueryRow(`SELECT text FROM documents WHERE pk = ?`, pk).Scan(&text); err != nil {
				return 0, "", err
			}
			sh = fingerprintOf(text).shingles
			s.shingles.put(c.hash, sh)
		}
		j := jaccard(fp.shingles, sh)
		if j > bestJ || (j == bestJ && (best == 0 || pk < best)) {
			best, bestJ, root = pk, j, pk
			if c.of.Valid {
				root = c.of.Int64
			}
		}
	}
	if best == 0 {
		return 0, "", nil
	}
	var id string
	err = tx.QueryRow(`SELECT id FROM documents WHERE pk = ?`, root).Scan(&id)
	return root, id, err
}

// figureColumns are the columns addFigures fills, in order.
const figureColumns = `doc_pk, seq, sentence, span_start, span_end, sentence_start, sentence_end,
	number_text, value, low, high, qualifier, measure, subject, counted, location, source, source_id,
	source_text, cue, via, date, hedged, series, series_key, counted_key, day, is_repeat, scope`

const nFigureColumns = 29

// figureChunk rows go in one INSERT: one round trip per document, well
// under SQLite's 32,766 and PostgreSQL's 65,535 parameters.
const figureChunk = 400

// addFigures stores a document's figures, their sources and aliases, and
// updates the series they count in.
//
// batch, when set, is what earlier documents of the same transaction
// taught the caches.
func (s *sqlStore) addFigures(tx *stmtTx, in *addInput, docPK int64, firstCopy sql.NullInt64, res *Result, batch *learned) (learned, error) {
	l := learned{sources: map[string]int64{}}

	// A copy's figures that the first copy (or an earlier copy) already
	// stated are repeats.
	seen := map[string]bool{}
	if firstCopy.Valid {
		rs, err := tx.Query(`SELECT measure, counted_key, source, qualifier, value, low, high
			FROM figures WHERE doc_pk IN (SELECT pk FROM documents WHERE pk = ? OR duplicate_of = ?)`,
			firstCopy.Int64, firstCopy.Int64)
		if err != nil {
			return l, err
		}
		for rs.Next() {
			var m, c, src, q string
			var v, lo, hi sql.NullFloat64
			if err := rs.Scan(&m, &c, &src, &q, &v, &lo, &hi); err != nil {
				rs.Close()
				return l, err
			}
			seen[repeatSig(m, c, src, q, fptr(v), fptr(lo), fptr(hi))] = true
		}
		rs.Close()
		if err := rs.Err(); err != nil {
			return l, err
		}
	}

	// Sources: canonical names, and every text seen naming them.
	names := map[string]string{} // key → name as written
	for _, fi := range in.figs {
		if fi.sourceKey != "" {
			if _, ok := names[fi.sourceKey]; !ok {
				names[fi.sourceKey] = strings.TrimSpace(fi.f.Source)
			}
		}
	}
	s.cmu.Lock()
	for k := range names {
		if id, ok := s.sourceIDs[k]; ok {
			l.sources[k] = id
		} else if id, ok := batch.source(k); ok {
			l.sources[k] = id
		}
	}
	s.cmu.Unlock()
	for _, k := range sortedKeys(names) {
		if _, ok := l.sources[k]; ok {
			continue
		}
		// DO NOTHING, then a look-up when the row was there: DO UPDATE
		// would lock the row against every concurrent writer whose figures
		// point at it (their foreign keys hold share locks), and deadlock.
		var id int64
		err := tx.QueryRow(`INSERT INTO sources(name, key) VALUES (?, ?)
			ON CONFLICT(key) DO NOTHING RETURNING id`, names[k], k).Scan(&id)
		if err == sql.ErrNoRows {
			err = tx.QueryRow(`SELECT id FROM sources WHERE key = ?`, k).Scan(&id)
		}
		if err != nil {
			return l, err
		}
		l.sources[k] = id
	}
	aliasText := map[aliasRef]string{}
	for _, fi := range in.figs {
		if fi.sourceKey == "" {
			continue
		}
		id := l.sources[fi.sourceKey]
		for _, a := range []string{fi.f.Source, fi.f.SourceText} {
			if ak := aliasKey(a); ak != "" {
				aliasText[aliasRef{ak, id}] = strings.TrimSpace(a)
			}
		}
	}
	s.cmu.Lock()
	var newAliases []aliasRef
	for a := range aliasText {
		if !s.aliases[a] && !batch.alias(a) {
			newAliases = append(newAliases, a)
		}
	}
	s.cmu.Unlock()
	if len(newAliases) > 0 {
		sortAliases(newAliases)
		var args []any
		for _, a := range newAliases {
			args = append(args, a.key, aliasText[a], a.sourceID)
		}
		if _, err := tx.Exec(`INSERT INTO source_aliases(key, alias, source_id) VALUES `+
			rows(len(newAliases), 3)+` ON CONFLICT DO NOTHING`, args...); err != nil {
			return l, err
		}
		l.aliases = newAliases
	}

	// The figures.
	agg := map[string]*seriesAgg{}
	args := make([]any, 0, min(len(in.figs), figureChunk)*nFigureColumns)
	flush := func(n int) error {
		if n == 0 {
			return nil
		}
		_, err := tx.Exec(`INSERT INTO figures(`+figureColumns+`) VALUES `+
			rows(n, nFigureColumns), args...)
		args = args[:0]
		return err
	}
	n := 0
	for i, fi := range in.figs {
		f := fi.f
		repeat := firstCopy.Valid && seen[repeatSig(f.Measure, fi.countedKey, f.Source, f.Qualifier, f.Value, f.Low, f.High)]
		var srcID any
		if fi.sourceKey != "" {
			srcID = l.sources[fi.sourceKey]
		}
		args = append(args, docPK, i, f.Sentence, f.Span[0], f.Span[1], f.SentenceSpan[0], f.SentenceSpan[1],
			f.NumberText, fval(f.Value), fval(f.Low), fval(f.High), f.Qualifier, f.Measure, f.Subject,
			sval(f.Counted), sval(f.Location), f.Source, srcID, f.SourceText, f.Cue, sval(f.Via), sval(f.Date),
			f.Hedged, fi.series, fi.seriesKey, fi.countedKey, fi.day, repeat, f.Scope)
		if n++; n == figureChunk {
			if err := flush(n); err != nil {
				return l, err
			}
			n = 0
		}
		if repeat {
			res.Repeats++
			continue
		}
		res.Figures++
		a := agg[fi.seriesKey]
		if a == nil {
			a = &seriesAgg{name: fi.series, counted: countedOf(f), measure: f.Measure, sources: map[int64]bool{}}
			agg[fi.seriesKey] = a
		}
		a.figures++
		if fi.day != "" && (a.first == "" || fi.day < a.first) {
			a.first = fi.day
		}
		if fi.day > a.last {
			a.last = fi.day
		}
		if fi.sourceKey != "" {
			a.sources[l.sources[fi.sourceKey]] = true
		}
	}
	if err := flush(n); err != nil {
		return l, err
	}
	if s.d.ftsInsert != "" {
		if _, err := tx.Exec(s.d.ftsInsert, docPK); err != nil {
			return l, err
		}
	}
	if len(agg) == 0 {
		return l, nil
	}

	if batch != nil && batch.series != nil {
		// Counted once for the whole batch (seriesAgg.add).
		for _, k := range sortedKeys(agg) {
			batch.series.add(k, agg[k])
		}
		return l, nil
	}
	return l, s.putSeries(tx, agg)
}

// seriesAgg is what a document (or a batch) adds to one series.
type seriesAgg struct {
	name, counted, measure string
	figures                int
	first, last            string
	sources                map[int64]bool
}

// seriesAggs are the series a batch adds to, by key.
type seriesAggs map[string]*seriesAgg

// add counts a document's part in a series into the batch's. The name
// stays the first document's, as a series is named as first stored.
func (m seriesAggs) add(k string, a *seriesAgg) {
	b := m[k]
	if b == nil {
		m[k] = a
		return
	}
	b.figures += a.figures
	if a.first != "" && (b.first == "" || a.first < b.first) {
		b.first = a.first
	}
	if a.last > b.last {
		b.last = a.last
	}
	for id := range a.sources {
		b.sources[id] = true
	}
}

// seriesChunk bounds the rows of one statement of putSeries (8 parameters
// a row, well under SQLite's 32,766).
const seriesChunk = 1000

// putSeries adds agg to the series table.
func (s *sqlStore) putSeries(tx *stmtTx, agg map[string]*seriesAgg) error {
	keys := sortedKeys(agg)
	if len(keys) == 0 {
		return nil
	}
	for len(keys) > seriesChunk {
		if err := s.putSeries(tx, pick(agg, keys[:seriesChunk])); err != nil {
			return err
		}
		keys = keys[seriesChunk:]
	}
	// Series counts: a source new to a series is one that inserting
	// (series, source) adds — RETURNING gives only the rows inserted.
	newSources := map[string]int{}
	var ssArgs []any
	nss := 0
	for _, k := range keys {
		ids := make([]int64, 0, len(agg[k].sources))
		for id := range agg[k].sources {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		for _, id := range ids {
			ssArgs = append(ssArgs, k, id)
			nss++
		}
	}
	for len(ssArgs) > 0 {
		n := min(nss, seriesChunk*4)
		rs, err := tx.Query(`INSERT INTO series_sources(series_key, source_id) VALUES `+
			rows(n, 2)+` ON CONFLICT DO NOTHING RETURNING series_key`, ssArgs[:2*n]...)
		if err != nil {
			return err
		}
		for rs.Next() {
			var k string
			if err := rs.Scan(&k); err != nil {
				rs.Close()
				return err
			}
			newSources[k]++
		}
		rs.Close()
		if err := rs.Err(); err != nil {
			return err
		}
		ssArgs, nss = ssArgs[2*n:], nss-n
	}
	var sArgs []any
	for _, k := range keys {
		a := agg[k]
		sArgs = append(sArgs, k, a.name, a.counted, a.measure, a.figures, newSources[k], a.first, a.last)
	}
	_, err := tx.Exec(`INSERT INTO series(key, name, counted, measure, figures, sources, first_day, last_day)
		VALUES `+rows(len(keys), 8)+`
		ON CONFLICT(key) DO UPDATE SET
			figures = series.figures + excluded.figures,
			sources = series.sources + excluded.sources,
			first_day = CASE WHEN series.first_day = '' OR (excluded.first_day <> '' AND excluded.first_day < series.first_day)
				THEN excluded.first_day ELSE series.first_day END,
			last_day = CASE WHEN excluded.last_day > series.last_day THEN excluded.last_day ELSE series.last_day END`, sArgs...)
	return err
}

// pick is the part of m under keys.
func pick(m map[string]*seriesAgg, keys []string) map[string]*seriesAgg {
	out := make(map[string]*seriesAgg, len(keys))
	for _, k := range keys {
		out[k] = m[k]
	}
	return out
}

// sortedKeys returns a map's keys in order: concurrent PostgreSQL
// transactions that upsert the same rows must take their locks in one
// order, or they deadlock.
func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func sortAliases(a []aliasRef) {
	slices.SortFunc(a, func(x, y aliasRef) int {
		if c := strings.Compare(x.key, y.key); c != 0 {
			return c
		}
		return cmp.Compare(x.sourceID, y.sourceID)
	})
}

// placeholders is "?, ?, …" n times.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// rows is n rows of cols placeholders each: "(?, ?), (?, ?)".
func rows(n, cols int) string {
	row := "(" + placeholders(cols) + ")"
	return strings.TrimSuffix(strings.Repeat(row+", ", n), ", ")
}

func fval(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

func sval(p *string) any {
	if p == nil {
		return nil
	}
	return *p
}

func fptr(v sql.NullFloat64) *float64 {
	if !v.Valid {
		return nil
	}
	return &v.Float64
}

func sptr(v sql.NullString) *string {
	if !v.Valid {
		return nil
	}
	return &v.String
}
