package jobs

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/tally-news/tally/internal/fetch"
	"github.com/tally-news/tally/internal/gather"
	"github.com/tally-news/tally/internal/ingest"
	"github.com/tally-news/tally/internal/sources"
	"github.com/tally-news/tally/internal/store"
	"github.com/tally-news/tally/internal/watch"
)

// IngestArgs is one ingest job: one input, read as `tally ingest` reads
// it, with the options it was queued with.
type IngestArgs struct {
	// Source is a file (absolute path: workers may run elsewhere), an
	// http(s) URL (a page or a feed), or one slice of a WARC file
	// (gather.WARCSlice.Source).
	Source string `json:"source"`
	// Published is the date of documents that carry none.
	Published string `json:"published,omitempty"`
	// Aliases is a source alias file the worker reads.
	Aliases      string        `json:"aliases,omitempty"`
	AllowPrivate bool          `json:"allow_private,omitempty"`
	Timeout      time.Duration `json:"timeout,omitempty"`
	MaxBytes     int64         `json:"max_bytes,omitempty"`
}

// Kind names the job in River's tables.
func (IngestArgs) Kind() string { return "tally_ingest" }

// InsertOpts: the same input queued again while it waits or runs is one
// job; once done it may be queued again (a feed read again tomorrow).
// Five attempts over about six minutes get past a site's bad moment; bad
// input then ends discarded with its errors.
func (IngestArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 5, UniqueOpts: pendingUnique}
}

// pendingUnique makes a job unique by its arguments among the jobs not
// yet finished.
var pendingUnique = river.UniqueOpts{ByArgs: true, ByState: []rivertype.JobState{
	rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRetryable, rivertype.JobStateRunning, rivertype.JobStateScheduled,
}}

// Ledger is what a worker process shares among its jobs.
type Ledger struct {
	Store store.Store
	// Fetchers is the number of downloads one job runs at once (a feed's
	// items); 0 means 4.
	Fetchers int
	// Done is told of every ingest job's summary (from several
	// goroutines); nil for none.
	Done func(IngestArgs, ingest.Summary)

	// Watch, when set, raises alerts for followed series as documents
	// are stored, and holds the watched feeds.
	Watch *watch.DB
	// HookAllowPrivate lets webhooks go to private addresses.
	HookAllowPrivate bool
	// Alerted is told of each alert raised; nil for none.
	Alerted func(watch.Alert)

	queue   *Queue // for the watch tick's polls
	aliasMu sync.Mutex
	aliases map[string]*sources.Table
	clients map[bool]*fetch.Client
}

// IngestWorker runs ingest jobs: the code of `tally ingest`, on one input.
type IngestWorker struct {
	river.WorkerDefaults[IngestArgs]
	L *Ledger
}

// Work ingests the job's input. Every input that fails makes the job fail
// with all their messages (so it is retried, and in the end discarded
// with them); what was stored stays, and a retry skips it.
func (w *IngestWorker) Work(ctx context.Context, job *river.Job[IngestArgs]) error {
	sum, errs := w.L.Ingest(ctx, job.Args)
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if len(errs) > 0 {
		return inputErrors(sum, errs)
	}
	return nil
}

// Ingest runs one ingest job in this process.
func (l *Ledger) Ingest(ctx context.Context, a IngestArgs) (ingest.Summary, []error) {
	opts, err := l.options(a)
	if err != nil {
		return ingest.Summary{Failed: 1}, []error{err}
	}
	var errs []error
	var mu sync.Mutex
	bad := func(err error) {
		mu.Lock()
		defer mu.Unlock()
		errs = append(errs, err)
	}
	opts.Stored = func(it gather.Item, res store.Result) { l.stored(ctx, it, res, a.AllowPrivate, bad) }
	sum := ingest.Run(ctx, l.Store, []string{a.Source}, opts, bad)
	if l.Done != nil {
		l.Done(a, sum)
	}
	return sum, errs
}

func (l *Ledger) options(a IngestArgs) (ingest.Options, error) {
	fetchers := l.Fetchers
	if fetchers <= 0 {
		fetchers = 4
	}
	opts := ingest.Options{Gather: gather.Options{
		Fetch:     fetch.Options{Timeout: a.Timeout, MaxBytes: a.MaxBytes, AllowPrivate: a.AllowPrivate},
		Published: a.Published,
		// One extraction at a time: a worker runs as many jobs at once
		// as it has cores to give (--concurrency).
		Workers:  1,
		Fetchers: fetchers,
	}}
	if a.Aliases != "" {
		t, err := l.aliasTable(a.Aliases)
		if err != nil {
			return opts, err
		}
		opts.Sources = t
	}
	return opts, nil
}

// aliasTable loads an alias file once per process.
func (l *Ledger) aliasTable(path string) (*sources.Table, error) {
	l.aliasMu.Lock()
	defer l.aliasMu.Unlock()
	if t, ok := l.aliases[path]; ok {
		return t, nil
	}
	t, err := sources.Load(path)
	if err != nil {
		return nil, err
	}
	if l.aliases == nil {
		l.aliases = map[string]*sources.Table{}
	}
	l.aliases[path] = t
	return t, nil
}

// inputErrors is a failed job's error: its bad inputs, one a line (at
// most 20), after what it stored.
func inputErrors(sum ingest.Summary, errs []error) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%d bad input(s); %d documents read", len(errs), sum.Documents())
	for i, err := range errs {
		if i == 20 {
			fmt.Fprintf(&b, "\n... and %d more", len(errs)-i)
			break
		}
		b.WriteString("\n")
		b.WriteString(strings.ReplaceAll(err.Error(), "\n", " "))
	}
	return errors.New(b.String())
}
