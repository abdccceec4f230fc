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
	"github.com/tally-news/tally/internal/watch"
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
--rescue-after has passed. Workers also poll the feeds 'tally watch'
added when they are due, and raise alerts for followed series ('tally
follow'). A SQLite ledger works the same for workers on its own machine.

SIGINT or SIGTERM stops it: running jobs finish (for up to --grace), then
are cancelled and go back to the queue; a second signal cancels them at
once.

Options:
` + workerOptions

const workerOptions = `  --db DSN            ledger: a SQLite file or a postgres:// URL
                      (default $TALLY_DB, else tally.db)
  --concurrency N     jobs at once (default: one per CPU)
  --fetchers N        downloads at once per job (default 4)
  --job-timeout D     a job running longer is cancelled and retried
                      (default 10m)
  --rescue-after D    a job running this long is taken as lost with its
                      worker and run again (default job timeout + 1m)
  --grace D           how long running jobs may finish on stop (default 1m)
  --webhook-allow-private
                      POST alerts to webhooks on private addresses too
                      (refused by default, as the fetcher refuses them)
  --quiet             no line per job or alert
`

// workerFlags are the options of a process that runs jobs.
type workerFlags struct {
	db                      *string
	concurrency, fetchers   *int
	jobTimeout, rescue, grc *time.Duration
	hookPrivate, quiet      *bool
}

func addWorkerFlags(fs *flag.FlagSet) workerFlags {
	return workerFlags{
		db:          fs.String("db", "", ""),
		concurrency: fs.Int("concurrency", runtime.NumCPU(), ""),
		fetchers:    fs.Int("fetchers", 4, ""),
		jobTimeout:  fs.Duration("job-timeout", 10*time.Minute, ""),
		rescue:      fs.Duration("rescue-after", 0, ""),
		grc:         fs.Duration("grace", time.Minute, ""),
		hookPrivate: fs.Bool("webhook-allow-private", false, ""),
		quiet:       fs.Bool("quiet", false, ""),
	}
}

func (wf workerFlags) check() error {
	if *wf.concurrency <= 0 || *wf.fetchers <= 0 || *wf.jobTimeout <= 0 || *wf.grc < 0 {
		return fmt.Errorf("--concurrency, --fetchers and --job-timeout must be positive")
	}
	return nil
}

func runWorker(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("worker", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	wf := addWorkerFlags(fs)
	err := fs.Parse(args)
	if err == flag.ErrHelp {
		fmt.Fprint(stdout, workerUsage)
		return 0
	}
	if err == nil && fs.NArg() > 0 {
		err = fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if err == nil {
		err = wf.check()
	}
	if err != nil {
		fmt.Fprintf(stderr, "tally worker: %v\nTry: tally worker --help\n", err)
		return 2
	}
	return wf.run("worker", nil, stderr)
}

// run opens the ledger, calls setup (when not nil) with its watch tables,
// and works jobs until SIGINT or SIGTERM.
func (wf workerFlags) run(name string, setup func(context.Context, *watch.DB) error, stderr io.Writer) int {
	fail := func(err error) int {
		fmt.Fprintf(stderr, "tally %s: %v\n", name, oneLine(err.Error()))
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	dsn := store.DSN(*wf.db)
	st, err := store.Open(ctx, dsn)
	if err != nil {
		return fail(err)
	}
	defer st.Close()
	wdb, err := watch.Open(ctx, dsn)
	if err != nil {
		return fail(err)
	}
	defer wdb.Close()
	if setup != nil {
		if err := setup(ctx, wdb); err != nil {
			return fail(err)
		}
	}
	l := &jobs.Ledger{Store: st, Fetchers: *wf.fetchers, Watch: wdb, HookAllowPrivate: *wf.hookPrivate}
	if !*wf.quiet {
		l.Done = func(a jobs.IngestArgs, s ingest.Summary) {
			fmt.Fprintf(stderr, "tally %s: %s: %s\n", name, a.Source, s)
		}
		l.Alerted = func(a watch.Alert) {
			fmt.Fprintf(stderr, "tally %s: alert for %s: %s\n", name, a.Series, a.Title)
		}
	}
	q, err := jobs.Open(ctx, dsn, jobs.Config{
		Concurrency: *wf.concurrency, Workers: jobs.Workers(l), Ledger: l,
		JobTimeout: *wf.jobTimeout, RescueAfter: *wf.rescue, Log: stderr,
	})
	if err != nil {
		return fail(err)
	}
	defer q.Close()
	fmt.Fprintf(stderr, "tally %s: running up to %d jobs at once on %s; Ctrl-C to stop\n", name, *wf.concurrency, st.Backend())
	hard := make(chan struct{})
	go func() {
		<-ctx.Done()
		again := make(chan os.Signal, 1)
		signal.Notify(again, os.Interrupt, syscall.SIGTERM)
		defer signal.Stop(again)
		<-again
		close(hard)
	}()
	if err := jobs.Run(ctx, q, l, *wf.grc, hard, 10*time.Second, func(format string, args ...any) {
		fmt.Fprintf(stderr, "tally "+name+": "+format+"\n", args...)
	}); err != nil {
		return fail(err)
	}
	fmt.Fprintf(stderr, "tally %s: stopped\n", name)
	return 0
}
