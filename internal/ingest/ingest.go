// Package ingest runs the whole pipeline into the ledger: it gathers
// documents from the user's sources (files, folders, URLs, feeds, WARC
// files), extracts their figure claims and stores each document with its
// figures in one transaction.
//
// Gathering fetches and extracts HTML on several workers; each worker also
// runs figure extraction and stores its document, so both cores stay busy
// while the store serialises its own writes. A document already in the
// ledger (same URL or text) is not stored again, and an URL the ledger
// already holds is not fetched again, so running the same ingest twice, or
// again after it was killed, finishes the job without duplicates.
package ingest

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tally-news/tally/internal/claim"
	"github.com/tally-news/tally/internal/gather"
	"github.com/tally-news/tally/internal/pipeline"
	"github.com/tally-news/tally/internal/sources"
	"github.com/tally-news/tally/internal/store"
)

// Options control an ingest.
type Options struct {
	// Gather says how sources are read and fetched; its Skip is set by
	// Run to the ledger's URLs.
	Gather gather.Options
	// Sources is the alias table for attribution; nil for the shipped one.
	Sources *sources.Table
	// Progress is told of every document and error; nil for none.
	Progress Progress
	// Stored, when set, is called after each document the store took or
	// refused as a duplicate, from several goroutines.
	Stored func(it gather.Item, res store.Result)
}

// Summary counts what an ingest did.
type Summary struct {
	New, Duplicate, NearDuplicate, NotEnglish int64
	// Updated counts documents stored before whose publication date the
	// ingest changed (their figures extracted again with it).
	Updated int64
	// Failed counts inputs that could not be read (and documents the
	// store refused); Ignored, files in folders that are not documents.
	Failed, Ignored int64
	// Figures counts the figures stored and counted; Repeats those stored
	// but flagged as repeats of a syndicated copy's.
	Figures, Repeats int64
	Elapsed          time.Duration
}

// Documents is every document read, stored or not.
func (s Summary) Documents() int64 {
	return s.New + s.Duplicate + s.NearDuplicate + s.NotEnglish + s.Updated
}

func (s Summary) String() string {
	rate := 0.0
	if s.Elapsed > 0 {
		rate = float64(s.Documents()) / s.Elapsed.Seconds()
	}
	updated := ""
	if s.Updated > 0 {
		updated = fmt.Sprintf(", %d updated", s.Updated)
	}
	return fmt.Sprintf("%d documents: %d new, %d duplicate, %d near-duplicate, %d not English%s; %d failed; %d figures (%d repeats) in %s (%.0f docs/s)",
		s.Documents(), s.New, s.Duplicate, s.NearDuplicate, s.NotEnglish, updated, s.Failed, s.Figures, s.Repeats,
		s.Elapsed.Round(time.Millisecond), rate)
}

// Progress hears about an ingest as it runs; its methods are called from
// several goroutines.
type Progress interface {
	// Document is called after each document, with the counts so far.
	Document(so Summary)
	// Error is called once per bad input.
	Error(err error, so Summary)
}

// counter is a Summary updated from several goroutines.
type counter struct {
	new, dup, near, notEn, updated, failed, ignored, figs, repeats atomic.Int64
	start                                                          time.Time
}

func (c *counter) snapshot() Summary {
	return Summary{
		New: c.new.Load(), Duplicate: c.dup.Load(), NearDuplicate: c.near.Load(), NotEnglish: c.notEn.Load(), Updated: c.updated.Load(),
		Failed: c.failed.Load(), Ignored: c.ignored.Load(), Figures: c.figs.Load(), Repeats: c.repeats.Load(),
		Elapsed: time.Since(c.start),
	}
}

// Run ingests sources into st. Every bad input is passed to bad (one
// call each, never concurrently) and counted; the run goes on with the
// rest. Run returns when every source is done or ctx is cancelled;
// documents committed before a cancellation stay in the ledger.
func Run(ctx context.Context, st store.Store, srcs []string, opts Options, bad func(error)) Summary {
	c := &counter{start: time.Now()}
	var badMu sync.Mutex
	report := func(err error) {
		c.failed.Add(1)
		badMu.Lock()
		defer badMu.Unlock()
		if bad != nil {
			bad(err)
		}
		if opts.Progress != nil {
			opts.Progress.Error(err, c.snapshot())
		}
	}
	g := opts.Gather
	skip := g.Skip
	g.Skip = func(url string) bool {
		if skip != nil && skip(url) {
			return true
		}
		if g.Published != "" {
			// A publication date is being given: a stored page is read
			// again, so that a page without a date of its own gets it.
			return false
		}
		ok, err := st.HasURL(ctx, url)
		return err == nil && ok
	}
	ignored := g.Ignored
	g.Ignored = func(path string) {
		c.ignored.Add(1)
		if ignored != nil {
			ignored(path)
		}
	}
	po := pipeline.Options{Sources: opts.Sources}
	gather.Gather(ctx, srcs, g, func(it gather.Item) {
		res, err := add(ctx, st, it, po, c)
		if err != nil {
			report(err)
			return
		}
		if opts.Stored != nil {
			opts.Stored(it, res)
		}
		if opts.Progress != nil {
			opts.Progress.Document(c.snapshot())
		}
	}, report)
	return c.snapshot()
}

// add extracts one document's figures and stores them.
func add(ctx context.Context, st store.Store, it gather.Item, po pipeline.Options, c *counter) (res store.Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%s: internal error while extracting figures (%v); please report it with this document", origin(it), p)
		}
	}()
	if it.Doc.Title == "" {
		it.Doc.Title = headline(it.Doc.Text)
	}
	var figs []claim.Figure
	if store.IsEnglish(it.Doc.Language) {
		figs = pipeline.ExtractWith(it.Doc, po)
	}
	res, err = st.Add(ctx, it.Doc, figs, store.Meta{Origin: it.Origin, AlsoURLs: []string{it.SourceURL}})
	if err != nil {
		return res, fmt.Errorf("%s: not stored: %w", origin(it), err)
	}
	switch res.Status {
	case store.New:
		c.new.Add(1)
	case store.Duplicate:
		c.dup.Add(1)
	case store.NearDuplicate:
		c.near.Add(1)
	case store.NotEnglish:
		c.notEn.Add(1)
	case store.Updated:
		c.updated.Add(1)
	}
	c.figs.Add(int64(res.Figures))
	c.repeats.Add(int64(res.Repeats))
	return res, nil
}

func origin(it gather.Item) string {
	if it.Origin != "" {
		return it.Origin
	}
	return it.Doc.ID
}

// headline is a text's first line when it reads as a title (short, no
// closing full stop): plain-text and JSONL documents carry no title of
// their own, and listings need one.
func headline(text string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(text), "\n")
	line = strings.TrimSpace(line)
	if line == "" || len(line) > 200 || strings.HasSuffix(line, ".") {
		return ""
	}
	return line
}
