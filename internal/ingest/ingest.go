// Package ingest runs the whole pipeline into the ledger: it gathers
// documents from the user's sources (files, folders, URLs, feeds, WARC
// files), extracts their figure claims and stores them with their figures.
//
// Work flows through three stages, so that every core has work:
//
//	gather     fetches and extracts HTML on its workers (package gather)
//	extract    figure extraction on Options.Workers workers (Prepare)
//	write      one Writer, fed in the order of the sources (sequencer),
//	           commits batches of documents (store.AddBatch)
//
// A document already in the ledger (same URL or text) is not stored again,
// and an URL the ledger already holds is not fetched again. Batches are
// committed in source order, so a run killed at any point (kill -9) has
// committed a prefix of what a whole run stores; running it again stores
// the rest, and the ledger is the one a single run makes.
//
// Document is the same work for one document in its own transaction, for
// callers that get documents one by one (a job queue).
package ingest

import (
	"context"
	"fmt"
	"runtime"
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
	// refused as a duplicate, once its batch is committed, in order, from
	// one goroutine.
	Stored func(it gather.Item, res store.Result)
	// Workers is the number of figure-extraction workers; 0 means one per
	// CPU.
	Workers int
	// Batch bounds the batches committed; zero fields take DefaultBatch's.
	Batch Batch
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
// batches committed before a cancellation stay in the ledger, and so does
// the batch being filled (it is committed on the way out).
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
	b := opts.Batch.orDefault()
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	seq := newSequencer(2 * b.Size)
	defer context.AfterFunc(ctx, seq.unbound)()
	g := opts.Gather
	g.Skip = skipStored(ctx, st, g)
	ignored := g.Ignored
	g.Ignored = func(path string) {
		c.ignored.Add(1)
		if ignored != nil {
			ignored(path)
		}
	}
	g.Done = seq.jobDone

	// Extraction.
	toExtract := make(chan gather.Item, 4*workers)
	var extractors sync.WaitGroup
	for range workers {
		extractors.Go(func() {
			for it := range toExtract {
				e, err := Prepare(it, opts)
				seq.put(prepared{it: it, entry: e, err: err})
			}
		})
	}

	// Storage, in order.
	w := NewWriter(st, b, func(it gather.Item, o store.Outcome) {
		if o.Err != nil {
			report(fmt.Errorf("%s: not stored: %w", origin(it), o.Err))
			return
		}
		c.count(o.Result)
		if opts.Stored != nil {
			opts.Stored(it, o.Result)
		}
		if opts.Progress != nil {
			opts.Progress.Document(c.snapshot())
		}
	})
	var writer sync.WaitGroup
	writer.Go(func() { write(ctx, seq, w, report) })

	gather.Gather(ctx, srcs, g, func(it gather.Item) {
		seq.admit(it.Job)
		toExtract <- it
	}, report)
	close(toExtract)
	extractors.Wait()
	seq.close()
	writer.Wait()
	return c.snapshot()
}

// skipStored extends g.Skip with the ledger's URLs: a resumed ingest does
// not fetch again what it stored.
func skipStored(ctx context.Context, st store.Store, g gather.Options) func(string) bool {
	skip := g.Skip
	return func(url string) bool {
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
}

// write feeds the writer the sequencer's items in order, committing a
// batch when it is due even while no new item comes (a slow fetch), and
// what is pending when the run ends. Batches are committed after a
// cancellation too: each is at most a second of work already done.
func write(ctx context.Context, seq *sequencer, w *Writer, report func(error)) {
	ctx = context.WithoutCancel(ctx)
	ordered := make(chan prepared)
	go func() {
		defer close(ordered)
		for {
			p, ok := seq.take()
			if !ok {
				return
			}
			ordered <- p
		}
	}()
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for {
		if due, ok := w.Due(); ok {
			timer.Reset(time.Until(due))
		} else {
			timer.Reset(time.Hour)
		}
		select {
		case p, ok := <-ordered:
			if !ok {
				w.Flush(ctx)
				return
			}
			if p.err != nil {
				report(p.err)
				continue
			}
			w.Add(ctx, p.it, p.entry)
		case <-timer.C:
			w.Flush(ctx)
		}
	}
}

// Prepare extracts one document's figures: a title for a document
// without one, and its figures when it is in English. A panic in the
// extractor (a bug) becomes this document's error.
func Prepare(it gather.Item, opts Options) (e store.Entry, err error) {
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
		figs = pipeline.ExtractWith(it.Doc, pipeline.Options{Sources: opts.Sources})
	}
	return store.Entry{Doc: it.Doc, Figs: figs, Meta: meta(it)}, nil
}

// meta is what the ledger keeps of where an item came from.
func meta(it gather.Item) store.Meta {
	m := store.Meta{Origin: it.Origin}
	if it.SourceURL != "" {
		m.AlsoURLs = []string{it.SourceURL}
	}
	return m
}

// Document extracts and stores one document in its own transaction: the
// unit of work for a caller handed documents one at a time (a job queue).
// Storing it again is harmless: it is then a Duplicate.
func Document(ctx context.Context, st store.Store, it gather.Item, opts Options) (store.Result, error) {
	e, err := Prepare(it, opts)
	if err != nil {
		return store.Result{}, err
	}
	res, err := st.Add(ctx, e.Doc, e.Figs, e.Meta)
	if err != nil {
		return res, fmt.Errorf("%s: not stored: %w", origin(it), err)
	}
	return res, nil
}

func (c *counter) count(res store.Result) {
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
