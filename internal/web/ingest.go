package web

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/tally-news/tally/internal/claim"
	"github.com/tally-news/tally/internal/pipeline"
	"github.com/tally-news/tally/internal/store"
)

// Ingester adds documents to the ledger for POST /api/ingest. The web
// package only decodes requests and renders summaries; reading URLs
// (fetching, feeds, HTML extraction) belongs to the gather stage, so the
// server takes whatever Ingester the command wires in.
//
// Both methods read every input they can: a bad document or an
// unreachable URL is one failed Item in the Summary, not an error. The
// error is for the run as a whole: the context was cancelled, or (for
// IngestURLs) ErrURLsUnsupported.
type Ingester interface {
	IngestDocuments(ctx context.Context, docs []claim.Document) (Summary, error)
	IngestURLs(ctx context.Context, urls []string) (Summary, error)
}

// ErrURLsUnsupported is what an Ingester that cannot fetch returns from
// IngestURLs; the API answers 501 Not Implemented with its message.
var ErrURLsUnsupported = errors.New(`this server cannot fetch URLs yet: post the articles' text instead, as {"documents": [{"id", "url", "title", "publisher", "published", "text"}]}`)

// Summary is what an ingest did, document by document.
type Summary struct {
	Documents      int    `json:"documents"` // inputs read (documents or URLs)
	New            int    `json:"new"`
	Duplicates     int    `json:"duplicates"`
	NearDuplicates int    `json:"near_duplicates"`
	NotEnglish     int    `json:"not_english"`
	Failed         int    `json:"failed"`
	Figures        int    `json:"figures"` // figures stored and counted
	Repeats        int    `json:"repeats"` // figures stored but flagged as repeats
	Items          []Item `json:"items"`
}

// Item is one input's outcome.
type Item struct {
	ID  string `json:"id,omitempty"`
	URL string `json:"url,omitempty"`
	// Status is new, duplicate, near-duplicate, not-english or failed.
	Status  string `json:"status"`
	Of      string `json:"of,omitempty"` // the stored document this one duplicates or copies
	Figures int    `json:"figures"`
	Repeats int    `json:"repeats,omitempty"`
	Error   string `json:"error,omitempty"`
}

// StatusFailed is Item.Status for an input that could not be stored.
const StatusFailed = "failed"

// Add counts one item into the summary.
func (s *Summary) Add(it Item) {
	s.Documents++
	switch it.Status {
	case store.New.String():
		s.New++
	case store.Duplicate.String():
		s.Duplicates++
	case store.NearDuplicate.String():
		s.NearDuplicates++
	case store.NotEnglish.String():
		s.NotEnglish++
	case StatusFailed:
		s.Failed++
	}
	s.Figures += it.Figures
	s.Repeats += it.Repeats
	s.Items = append(s.Items, it)
}

// MaxDocumentBytes caps one document's text. The longest news articles
// run to some 100 KB; anything far beyond that is a mistake or an attack,
// and extraction time grows with it.
const MaxDocumentBytes = 2 << 20

// StoreIngester is the default Ingester: it extracts figures with the
// pipeline and adds a request's documents to the store in one batch
// (store.AddBatch: one commit, and a failure costs only its document). It
// cannot fetch URLs.
type StoreIngester struct {
	Store store.Store
	// Extract finds the figures; nil means pipeline.Extract.
	Extract func(claim.Document) []claim.Figure
}

// NewStoreIngester returns the default Ingester over st.
func NewStoreIngester(st store.Store) *StoreIngester {
	return &StoreIngester{Store: st}
}

// IngestDocuments stores docs in order. A document without an id takes
// its URL as id, as the JSONL reader does for files.
func (in *StoreIngester) IngestDocuments(ctx context.Context, docs []claim.Document) (Summary, error) {
	items := make([]Item, len(docs))
	var entries []store.Entry
	var at []int // entries[k] is docs[at[k]]
	for i, d := range docs {
		if err := ctx.Err(); err != nil {
			return Summary{}, fmt.Errorf("ingest stopped after extracting %d of %d documents: %w", i, len(docs), err)
		}
		e, it, ok := in.prepare(i, d)
		items[i] = it
		if ok {
			entries = append(entries, e)
			at = append(at, i)
		}
	}
	var outs []store.Outcome
	if len(entries) > 0 {
		outs = in.Store.AddBatch(ctx, entries)
	}
	for k, o := range outs {
		it := &items[at[k]]
		if o.Err != nil {
			// The store's messages already name the document.
			it.Status, it.Error = StatusFailed, o.Err.Error()
			continue
		}
		it.Status, it.Of, it.Figures, it.Repeats = o.Status.String(), o.Of, o.Figures, o.Repeats
	}
	var sum Summary
	for _, it := range items {
		sum.Add(it)
	}
	if err := ctx.Err(); err != nil {
		return sum, fmt.Errorf("ingest stopped: %w", err)
	}
	// The series list reads summaries the series logic keeps up to date.
	if err := store.Refresh(ctx, in.Store); err != nil {
		return sum, fmt.Errorf("documents stored, but series summaries not updated: %w", err)
	}
	return sum, nil
}

// prepare checks one document and extracts its figures; ok is false, and
// the item says why, when it cannot be stored.
func (in *StoreIngester) prepare(i int, d claim.Document) (store.Entry, Item, bool) {
	if strings.TrimSpace(d.ID) == "" {
		d.ID = strings.TrimSpace(d.URL)
	}
	it := Item{ID: d.ID, URL: d.URL}
	fail := func(format string, a ...any) (store.Entry, Item, bool) {
		it.Status = StatusFailed
		name := d.ID
		if name == "" {
			name = fmt.Sprintf("#%d", i+1)
		}
		it.Error = fmt.Sprintf("document %s: ", name) + fmt.Sprintf(format, a...)
		return store.Entry{}, it, false
	}
	switch {
	case d.ID == "":
		return fail("has neither an id nor a url; give it one of them")
	case strings.TrimSpace(d.Text) == "":
		return fail("has no text")
	case len(d.Text) > MaxDocumentBytes:
		return fail("text is %d bytes, more than the %d allowed; split it into articles", len(d.Text), MaxDocumentBytes)
	}
	figs, err := in.extract(d)
	if err != nil {
		return fail("%v", err)
	}
	return store.Entry{Doc: d, Figs: figs}, it, true
}

// extract runs the pipeline on one document. A panic in the extractor is
// a bug, but one document must not cost the caller the rest of the batch
// (nor crash a server): it becomes this document's error.
func (in *StoreIngester) extract(d claim.Document) (figs []claim.Figure, err error) {
	defer func() {
		if p := recover(); p != nil {
			figs, err = nil, fmt.Errorf("internal error in the extractor: %v (please report this input)", p)
		}
	}()
	if !store.IsEnglish(d.Language) {
		return nil, nil // stored without figures: the extractor reads English
	}
	if in.Extract != nil {
		return in.Extract(d), nil
	}
	return pipeline.Extract(d), nil
}

// IngestURLs is not available here: fetching is the gather stage's job.
func (in *StoreIngester) IngestURLs(ctx context.Context, urls []string) (Summary, error) {
	return Summary{}, ErrURLsUnsupported
}
