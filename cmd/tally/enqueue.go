package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/riverqueue/river"

	"github.com/tally-news/tally/internal/jobs"
	"github.com/tally-news/tally/internal/store"
)

// enqueue is `tally ingest --queue`: it plans the jobs, inserts them and
// returns with their number.
func enqueue(ctx context.Context, dsn string, srcs []string, base jobs.IngestArgs, sliceBytes int64, stdout, stderr io.Writer) int {
	failed := false
	bad := func(err error) {
		failed = true
		fmt.Fprintf(stderr, "tally ingest: %s\n", oneLine(err.Error()))
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
