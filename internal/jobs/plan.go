package jobs

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/riverqueue/river"

	"github.com/tally-news/tally/internal/gather"
)

// DefaultSliceBytes is the size of the slices a WARC file is cut into:
// some thousand pages, a minute or less of one worker's time.
const DefaultSliceBytes = 8 << 20

// Plan turns SOURCE arguments into ingest jobs: one per URL (a page or a
// feed), one per file (a folder gives one per file it holds that tally
// reads), one per slice of about sliceBytes of a WARC file. Every job
// gets base's options. A source that cannot be planned is passed to bad
// and left out; standard input cannot be queued (a worker has its own).
func Plan(srcs []string, base IngestArgs, sliceBytes int64, bad func(error)) []IngestArgs {
	if sliceBytes <= 0 {
		sliceBytes = DefaultSliceBytes
	}
	var out []IngestArgs
	add := func(src string) {
		a := base
		a.Source = src
		out = append(out, a)
	}
	file := func(path string) {
		if !gather.IsWARC(path) {
			add(path)
			return
		}
		ss, err := gather.PlanWARC(path, sliceBytes, base.MaxBytes)
		if err != nil {
			bad(err)
			return
		}
		for _, s := range ss {
			add(s.Source())
		}
	}
	for _, src := range srcs {
		lower := strings.ToLower(src)
		switch {
		case strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://"):
			add(src)
			continue
		case src == "-":
			bad(errors.New("-: standard input cannot be queued (a worker cannot read it); save it to a file and queue that"))
			continue
		}
		path, err := filepath.Abs(src)
		if err != nil {
			bad(fmt.Errorf("%s: %v", src, err))
			continue
		}
		st, err := os.Stat(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			bad(fmt.Errorf("%s: no such file or folder; check the path (a web page needs its full http(s):// URL)", src))
		case err != nil:
			bad(fmt.Errorf("%s: %v", src, err))
		case st.IsDir():
			gather.Inputs(path, file, func(string) {}, bad)
		default:
			file(path)
		}
	}
	return out
}

// Enqueue inserts jobs, in batches; queued counts the new ones, skipped
// those already waiting or running (River's unique jobs).
func (q *Queue) Enqueue(ctx context.Context, args []river.JobArgs) (queued, skipped int, err error) {
	const batch = 1000
	for len(args) > 0 {
		n := min(batch, len(args))
		params := make([]river.InsertManyParams, n)
		for i, a := range args[:n] {
			params[i] = river.InsertManyParams{Args: a}
		}
		res, err := q.client.InsertMany(ctx, params)
		if err != nil {
			return queued, skipped, fmt.Errorf("queueing jobs: %w", err)
		}
		for _, r := range res {
			if r.UniqueSkippedAsDuplicate {
				skipped++
			} else {
				queued++
			}
		}
		args = args[n:]
	}
	return queued, skipped, nil
}
