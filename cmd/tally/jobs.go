package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/tally-news/tally/internal/jobs"
	"github.com/tally-news/tally/internal/store"
)

func init() {
	commands["jobs"] = command{"show the job queue: counts by state and failed jobs with their errors", runJobs}
}

const jobsUsage = `Usage: tally jobs [options]

Shows the ledger's job queue (see 'tally ingest --queue', 'tally worker',
'tally watch'): how many jobs are queued, running, done and failed, and
the failed ones with their last error. A failed job waiting for its next
attempt is "retryable"; one that used its attempts is "discarded".

Options:
  --db DSN      ledger: a SQLite file or a postgres:// URL
                (default $TALLY_DB, else tally.db)
  --limit N     failed jobs listed (default 20)
  --retry ID    make a failed job available again at once
`

func runJobs(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("jobs", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	db := fs.String("db", "", "")
	limit := fs.Int("limit", 20, "")
	retry := fs.Int64("retry", 0, "")
	err := fs.Parse(args)
	if err == flag.ErrHelp {
		fmt.Fprint(stdout, jobsUsage)
		return 0
	}
	if err == nil && fs.NArg() > 0 {
		err = fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if err != nil {
		fmt.Fprintf(stderr, "tally jobs: %v\nTry: tally jobs --help\n", err)
		return 2
	}
	ctx := context.Background()
	q, closeAll, err := openQueue(ctx, *db)
	if err != nil {
		fmt.Fprintf(stderr, "tally jobs: %v\n", oneLine(err.Error()))
		return 1
	}
	defer closeAll()
	if *retry != 0 {
		if err := q.Retry(ctx, *retry); err != nil {
			fmt.Fprintf(stderr, "tally jobs: job %d: %v\n", *retry, oneLine(err.Error()))
			return 1
		}
		fmt.Fprintf(stdout, "job %d queued again\n", *retry)
		return 0
	}
	c, err := q.Counts(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "tally jobs: %v\n", oneLine(err.Error()))
		return 1
	}
	fails, err := q.Failures(ctx, *limit)
	if err != nil {
		fmt.Fprintf(stderr, "tally jobs: %v\n", oneLine(err.Error()))
		return 1
	}
	writeJobs(stdout, c, fails)
	return 0
}

// openQueue opens an existing ledger and its queue (creating River's
// tables in it if need be).
func openQueue(ctx context.Context, db string) (*jobs.Queue, func(), error) {
	dsn := store.DSN(db)
	st, err := store.OpenExisting(ctx, dsn)
	if err != nil {
		return nil, nil, err
	}
	q, err := jobs.Open(ctx, dsn, jobs.Config{})
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	return q, func() { q.Close(); st.Close() }, nil
}

func writeJobs(w io.Writer, c jobs.Counts, fails []jobs.Failed) {
	for _, s := range jobs.States {
		fmt.Fprintf(w, "%-20s %8d\n", s.Label, c[s.State])
	}
	if len(fails) == 0 {
		return
	}
	fmt.Fprintln(w, "\nFailed jobs (newest first):")
	for _, f := range fails {
		when := ""
		if !f.Next.IsZero() {
			when = ", next attempt " + f.Next.Local().Format(time.DateTime)
		}
		fmt.Fprintf(w, "\n#%s %s %s (attempt %d of %d%s)\n", strconv.FormatInt(f.ID, 10), f.State, f.Input, f.Attempts, f.Max, when)
		for _, line := range strings.Split(f.Error, "\n") {
			fmt.Fprintf(w, "    %s\n", line)
		}
	}
}
