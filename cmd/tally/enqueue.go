package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"sync"
	"time"

	"github.com/riverqueue/river"

	"github.com/tally-news/tally/internal/ingest"
	"github.com/tally-news/tally/internal/jobs"
	"github.com/tally-news/tally/internal/sources"
	"github.com/tally-news/tally/internal/store"
	"github.com/tally-news/tally/internal/watch"
)

// enqueue is `tally ingest --queue`: it plans the jobs, inserts them and
// returns with their number.
func enqueue(ctx context.Context, dsn string, srcs []string, base jobs.IngestArgs, sliceBytes int64, stdout, stderr io.Writer) int {
	failed := false
	bad := func(err error) {
		failed = true
		fmt.Fprintf(stderr, "tally ingest: %s\n", oneLine(err.Error()))
	}
	if base.Aliases != "" {
		// Read by every worker; checked here, where it can be fixed.
		if _, err := sources.Load(base.Aliases); err != nil {
			fmt.Fprintf(stderr, "tally ingest: %v\n", oneLine(err.Error()))
			return 2
		}
	}
	start := time.Now()
	planned := jobs.Plan(srcs, base, sliceBytes, bad)
	st, err := store.Open(ctx, dsn)
	if err != nil {
		fmt.Fprintf(stderr, "tally ingest: %v\n", oneLine(err.Error()))
		return 1
	}
	defer st.Close()
	q, err := jobs.Open(ctx, dsn, jobs.Config{})
	if err != nil {
		fmt.Fprintf(stderr, "tally ingest: %v\n", oneLine(err.Error()))
		return 1
	}
	defer q.Close()
	args := make([]river.JobArgs, len(planned))
	for i, a := range planned {
		args[i] = a
	}
	queued, skipped, err := q.Enqueue(ctx, args)
	if err != nil {
		fmt.Fprintf(stderr, "tally ingest: %v\n", oneLine(err.Error()))
		return 1
	}
	also := ""
	if skipped > 0 {
		also = fmt.Sprintf(" (%d already waiting or running)", skipped)
	}
	fmt.Fprintf(stdout, "%d jobs queued%s in %s; run 'tally worker' to work them, 'tally jobs' to follow them\n",
		queued, also, time.Since(start).Round(time.Millisecond))
	return exitCode(failed)
}

// absPath makes a path absolute, for a worker that may run elsewhere; ""
// stays "".
func absPath(p string) string {
	if p == "" {
		return ""
	}
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

// alertHook makes a plain ingest raise the alerts of followed series as
// the workers do (see jobs.Ledger.AlertHook).
func alertHook(ctx context.Context, dsn string, st store.Store, opts *ingest.Options, allowPrivate bool, bad func(error)) (func(), error) {
	wdb, err := watch.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	var mu sync.Mutex
	l := &jobs.Ledger{Store: st, Watch: wdb}
	opts.Stored = l.AlertHook(ctx, allowPrivate, func(err error) {
		mu.Lock()
		defer mu.Unlock()
		bad(err)
	})
	return func() { wdb.Close() }, nil
}
