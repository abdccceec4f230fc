// Package gather turns what a user points tally at — files, folders, feed
// files and URLs, web pages, WARC archives — into documents, fetching and
// extracting as it goes (the "source → document" stage of DESIGN.md's
// pipeline, for `tally ingest`).
//
// Work runs in three kinds of goroutine:
//
//   - one walker goes through the sources in order: it walks folders,
//     parses feed files and streams WARC records (so a WARC is never read
//     whole, and its pages wait in a short queue);
//   - Options.Fetchers fetchers download URLs, feed items' articles and
//     feeds found at URLs (network-bound, so more of them than cores;
//     fetch.Client still holds each host to Fetch.PerHost);
//   - Options.Workers workers do the CPU-heavy part — HTML article
//     extraction, reading text and JSONL files — and call fn.
//
// Every bad input calls bad once with an *Error naming it and the reason,
// and the rest goes on (DESIGN.md, "Bad input").
package gather

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/tally-news/tally/internal/claim"
	"github.com/tally-news/tally/internal/fetch"
)

// Item is one document and where it came from.
type Item struct {
	Doc claim.Document
	// Origin is the SOURCE argument it came from, narrowed down where
	// that helps find it: "news/" gives "news/a.html", a feed gives
	// "feed.xml item 3", a WARC "crawl.warc.gz record 17".
	Origin string
	// SourceURL is the article URL as the source gave it — the URL
	// argument, the feed item's link, the WARC record's target URI —
	// before redirects and canonical links; "" for files. It is the URL
	// Options.Skip is asked about, so a store that wants resumable runs
	// keeps it alongside Doc.ID.
	SourceURL string
	// Job and Index place the item in the order of the sources, so that a
	// caller can store documents in an order that does not depend on
	// which worker finished first: Job numbers the unit of work it came
	// from (a file, a page, a WARC record, a feed item) 1, 2, … in the
	// order the walker reached them, Index counts the items of that job
	// from 0 (a JSONL file has many). Options.Done says when a job has
	// given all it will. Files, folders, feed files and WARCs give the
	// same numbers on every run; fetched pages take theirs in the order
	// their downloads finish.
	Job   uint64
	Index int
}

// Options control Gather.
type Options struct {
	// Fetch configures the HTTP client (timeouts, size limit,
	// --allow-private ...).
	Fetch fetch.Options
	// Published (YYYY-MM-DD) is the date of documents that carry none.
	Published string
	// Stdin is what source "-" reads; nil means os.Stdin.
	Stdin io.Reader
	// Workers is the number of goroutines extracting articles and calling
	// fn; 0 means runtime.NumCPU().
	Workers int
	// Fetchers is the number of downloads in flight across all hosts; 0
	// means 8.
	Fetchers int
	// Skip, when set, is asked about each article URL (a URL source, a
	// feed item's link, a WARC record's target URI) before it is fetched
	// or extracted; true skips it. An ingest that was killed uses it to
	// resume without refetching what it already stored. It may be called
	// from several goroutines at once.
	Skip func(url string) bool
	// Ignored, when set, is told about each file in a folder that is not
	// read: an unknown extension (.css, .png ...), or a .xml or .json
	// file that is not a feed. A folder of saved pages is full of those,
	// so they are not errors; the caller may count them.
	Ignored func(path string)
	// Warn, when set, is told about a document that was read, but less
	// well than usual: an HTML page too deep for the parser, whose text
	// was read without its layout. It is an *Error, and not a failure.
	// It is never called concurrently with bad.
	Warn func(error)
	// FileIDs names a file's document by its path (a JSONL line's by its
	// "id") even when the page gives its canonical URL, as tally extract
	// and tally text do: scripts match their output to their input by it.
	// Without it a saved page is named by its canonical URL, so that it
	// and the same page fetched are one document in the ledger.
	FileIDs bool
	// Done, when set, is called after each job (see Item.Job) with the
	// number of items it gave, 0 for a job that failed; after its last
	// fn call, from the same goroutine. Jobs are handed to workers in the
	// order of their numbers, so the lowest job not yet done is on a
	// worker or next in line: a caller that holds later jobs' items back
	// until it is done cannot stall the run.
	Done func(job uint64, items int)
}

// Error is a bad input: a file, URL, feed item or WARC record that gave no
// document.
type Error struct {
	Origin string // as in Item.Origin
	Err    error  // the reason; often names the input itself
}

func (e *Error) Error() string {
	msg := e.Err.Error()
	if strings.HasPrefix(msg, e.Origin) {
		return msg
	}
	return e.Origin + ": " + msg
}

func (e *Error) Unwrap() error { return e.Err }

// Gather reads every source and calls fn with each document found and bad
// with each problem.
//
// fn is called from up to Workers goroutines at once, in no particular
// order: it must be safe for concurrent use (a store commits documents
// from all of them). bad is never called concurrently with itself.
// Neither is called after Gather returns, which it does when all sources
// are done or ctx is cancelled (work in progress is then dropped without
// errors).
func Gather(ctx context.Context, sources []string, opts Options, fn func(Item), bad func(error)) {
	if opts.Workers <= 0 {
		opts.Workers = runtime.NumCPU()
	}
	if opts.Fetchers <= 0 {
		opts.Fetchers = 8
	}
	var badMu sync.Mutex
	g := &gatherer{
		ctx:    ctx,
		opts:   opts,
		client: fetch.New(opts.Fetch),
		fn:     fn,
		bad: func(err error) {
			badMu.Lock()
			defer badMu.Unlock()
			bad(err)
		},
		warn: func(err error) {
			if opts.Warn != nil {
				badMu.Lock()
				defer badMu.Unlock()
				opts.Warn(err)
			}
		},
		work:    make(chan job, opts.Workers),
		fetches: newQueue(),
		fetched: map[string]bool{},
	}
	if opts.Published != "" {
		if _, err := time.Parse("2006-01-02", opts.Published); err != nil {
			g.bad(fmt.Errorf("bad publication date %q: want YYYY-MM-DD", opts.Published))
			return
		}
	}

	var workers, fetchers sync.WaitGroup
	for range opts.Workers {
		workers.Go(g.runWorker)
	}
	for range opts.Fetchers {
		fetchers.Go(g.runFetcher)
	}
	for _, src := range sources {
		if ctx.Err() != nil {
			break
		}
		g.source(src)
	}
	// Fetches add fetches (a feed URL's items): wait until none is queued
	// or running, then let the fetchers go, then the workers.
	g.pending.Wait()
	g.fetches.close()
	fetchers.Wait()
	close(g.work)
	workers.Wait()
}

// gatherer is one Gather run.
type gatherer struct {
	ctx    context.Context
	opts   Options
	client *fetch.Client
	fn     func(Item)
	bad    func(error)
	warn   func(error) // Options.Warn, serialised with bad

	work    chan job       // to the workers
	fetches *queue         // to the fetchers; unbounded, since fetchers add to it
	pending sync.WaitGroup // fetches queued or running

	mu      sync.Mutex
	fetched map[string]bool // URLs already fetched this run

	// jobMu keeps the numbering of jobs and their order in work one.
	jobMu   sync.Mutex
	lastJob uint64
}

// job is work for a worker: a file to read, or an HTML page to extract.
type job struct {
	origin string
	path   string // a file for document.Read; "" for a page
	page   []byte // an HTML page
	url    string // where the page came from
	// sourceURL is the article URL as the source gave it (Item.SourceURL).
	sourceURL string
	hint      hints
	stdin     io.Reader // standard input, already peeked at, for path "-"
	seq       uint64    // Item.Job
	emitted   int       // items given so far
}

// hints are what the context of a page says about it, used where the page
// itself says nothing.
type hints struct {
	id        string // a feed item's GUID, for items with no link
	published string // YYYY-MM-DD: a feed item's or WARC record's date
	title     string // a feed item's title
	language  string // a feed's declared language
}

// fetchJob is work for a fetcher.
type fetchJob struct {
	origin string
	url    string
	hint   hints
	// article: the URL came from a feed item, so it must be an article
	// (a feed there is not followed: feeds pointing at feeds could loop).
	article bool
}

// report sends one bad input to bad, unless the run was cancelled (then
// the "error" is only the cancellation).
func (g *gatherer) report(origin string, err error) {
	if g.ctx.Err() != nil && (errors.Is(err, context.Canceled) || errors.Is(err, fetch.ErrCanceled) || errors.Is(err, context.DeadlineExceeded)) {
		return
	}
	g.bad(&Error{Origin: origin, Err: err})
}

// guard turns a panic in the handling of one input into an error about
// that input.
func (g *gatherer) guard(origin string) {
	if p := recover(); p != nil {
		g.report(origin, fmt.Errorf("internal error: %v; please report this input", p))
	}
}

// toWorkers numbers a job and queues it; false when the run is
// cancelled. The walker and the fetchers both queue jobs: numbering and
// sending under one lock keeps the queue in number order.
func (g *gatherer) toWorkers(j job) bool {
	g.jobMu.Lock()
	defer g.jobMu.Unlock()
	j.seq = g.lastJob + 1
	select {
	case g.work <- j:
		g.lastJob++
		return true
	case <-g.ctx.Done():
		return false
	}
}

// toFetchers queues a fetch, once per URL per run.
func (g *gatherer) toFetchers(f fetchJob) {
	g.mu.Lock()
	seen := g.fetched[f.url]
	g.fetched[f.url] = true
	g.mu.Unlock()
	if seen {
		return
	}
	g.pending.Add(1)
	g.fetches.push(f)
}

func (g *gatherer) skip(url string) bool {
	return g.opts.Skip != nil && url != "" && g.opts.Skip(url)
}

func (g *gatherer) runWorker() {
	for j := range g.work {
		if g.ctx.Err() != nil {
			continue // drain
		}
		g.doJob(j)
	}
}

func (g *gatherer) doJob(j job) {
	if g.opts.Done != nil {
		defer func() { g.opts.Done(j.seq, j.emitted) }() // after guard
	}
	defer g.guard(j.origin)
	if j.path != "" {
		g.readFile(&j)
		return
	}
	g.extract(&j)
}

func (g *gatherer) runFetcher() {
	for {
		f, ok := g.fetches.pop()
		if !ok {
			return
		}
		if g.ctx.Err() == nil {
			g.doFetch(f)
		}
		g.pending.Done()
	}
}

func (g *gatherer) doFetch(f fetchJob) {
	defer g.guard(f.origin)
	g.fetchURL(f)
}
