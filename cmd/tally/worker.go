package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"time"

	"github.com/tally-news/tally/internal/ingest"
	"github.com/tally-news/tally/internal/jobs"
	"github.com/tally-news/tally/internal/store"
)

func init() {
	commands["worker"] = command{"run queued jobs (tally ingest --queue, tally watch) until stopped", runWorker}
}

const workerUsage = `Usage: tally worker [options]

Runs the jobs that 'tally ingest --queue' and 'tally watch' put in the
ledger's job queue, until stopped. Start any number of workers, on any
number of hosts, against one PostgreSQL ledger: each job is run by one
of them, a failed job is retried with backoff (and after 5 attempts kept
as discarded with its errors: see 'tally jobs'), and the jobs of a worker
that dies (kill -9, a lost host) are run again by the others once
--rescue-after has passed. A SQLite ledger works the same for workers on
its own machine.

SIGINT or SIGTERM stops it: running jobs finish (for up to --grace), then
are cancelled and go back to the queue; a second signal cancels them at
once.

Options:
  --db DSN            ledger: a SQLite file or a postgres:// URL
                      (default $TALLY_DB, else tally.db)
  --concurrency N     jobs at once (default: one per CPU)
  --fetchers N        downloads at once per job (default 4)
  --job-timeout D     a job running longer is cancelled and retried
                      (default 10m)
  --rescue-after D    a job running this long is taken as lost with its
                      worker and run again (default job timeout + 1m)
  --grace D           how long running jobs may finish on stop (default 1m)
  --quiet             no line per job
`

func runWorker(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("worker", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	db := fs.String("db", "", "")
	concurrency := fs.Int("concurrency", runtime.NumCPU(), "")
	fetchers := fs.Int("fetchers", 4, "")
	jobTimeout := fs.Duration("job-timeout", 10*time.Minute, "")
	rescue := fs.Duration("rescue-after", 0, "")
	grace := fs.Duration("grace", time.Minute, "")
	quiet := fs.Bool("quiet", false, "")
	err := fs.Parse(args)
	if err == flag.ErrHelp {
		fmt.Fprint(stdout, workerUsage)
		return 0
	}
	if err == nil && fs.NArg() > 0 {
		err = fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if err == nil && (*concurrency <= 0 || *fetchers <= 0 || *jobTimeout <= 0 || *grace < 0) {
		err = fmt.Errorf("--concurrency, --fetchers and --job-timeout must be positive")
	}
	if err != nil {
		fmt.Fprintf(stderr, "tally worker: %v\nTry: tally worker --help\n", err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	dsn := store.DSN(*db)
	st, err := store.Open(ctx, dsn)
	if err != nil {
		fmt.Fprintf(stderr, "tally worker: %v\n", oneLine(err.Error()))
		return 1
	}
	defer st.Close()
	l := &jobs.Ledger{Store: st, Fetchers: *fetchers}
	if !*quiet {
		l.Done = func(a jobs.IngestArgs, s ingest.Summary) {
			fmt.Fprintf(stderr, "tally worker: %s: %s\n", a.Source, s)
		}
	}
	q, err := jobs.Open(ctx, dsn, jobs.Config{
		Concurrency: *concurrency, Workers: workerKinds(l),
		JobTimeout: *jobTimeout, RescueAfter: *rescue, Log: stderr,
	})
	if err != nil {
		fmt.Fprintf(stderr, "tally worker: %v\n", oneLine(err.Error()))
		return 1
	}
	defer q.Close()
	fmt.Fprintf(stderr, "tally worker: running up to %d jobs at once on %s; Ctrl-C to stop\n", *concurrency, st.Backend())
	hard := make(chan struct{})
	go func() {
		<-ctx.Done()
		again := make(chan os.Signal, 1)
		signal.Notify(again, os.Interrupt, syscall.SIGTERM)
		defer signal.Stop(again)
		<-again
		close(hard)
	}()
	if err := jobs.Run(ctx, q, l, *grace, hard, 10*time.Second, func(format string, args ...any) {
		fmt.Fprintf(stderr, "tally worker: "+format+"\n", args...)
	}); err != nil {
		fmt.Fprintf(stderr, "tally worker: %v\n", oneLine(err.Error()))
		return 1
	}
	fmt.Fprint(stderr, "tally worker: stopped\n")
	return 0
}

// workerKinds is every kind of job a worker runs.
var workerKinds = jobs.Workers
