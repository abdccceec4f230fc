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

	"golang.org/x/term"

	"github.com/tally-news/tally/internal/ingest"
	"github.com/tally-news/tally/internal/jobs"
	"github.com/tally-news/tally/internal/sources"
	"github.com/tally-news/tally/internal/store"
)

func init() {
	commands["ingest"] = command{"read files, folders, URLs, feeds and WARC files into the ledger", runIngest}
}

const ingestUsage = `Usage: tally ingest [options] SOURCE...

Reads every SOURCE, finds its figure claims and stores each document with
its figures in the ledger (one SQLite file, created on first use; or
PostgreSQL).

` + sourcesHelp + `
The same document ingested twice (same URL or text) is stored once;
syndicated copies with small edits are linked to the first copy and not
counted again. Documents are committed in batches (500 documents, or a
second's worth), in the order of the sources: an ingest that is
interrupted (Ctrl-C, a crash, kill -9) keeps what it committed, and
running the same command again finishes the job without duplicates or
refetching, leaving the ledger one uninterrupted run would have made.

A bad source gets one line on standard error and the rest goes on; the
exit status is then 1.

Options:
  --db DSN                ledger: a SQLite file or a postgres:// URL
                          (default $TALLY_DB, else tally.db)
  --aliases FILE          source alias file (TOML) extending the shipped table
` + inputOptionsHelp + `  --workers N             extraction workers, for HTML and for figures
                          (default: one per CPU)
  --quiet                 no progress display
  --queue                 do not ingest here: queue one job per URL, file,
                          feed and slice of a WARC file for 'tally worker'
                          processes, and return with the number queued
  --slice-bytes N         with --queue, cut WARC files in slices of about
                          N bytes (default 8 MiB)

Examples:
  tally ingest saved-pages/
  tally ingest https://example.org/feed.xml https://example.org/2025/01/27/story
  tally ingest --db postgres://localhost/tally crawl-00001.warc.gz
  tally ingest --queue --db postgres://db.internal/tally crawl-*.warc.gz
`

func runIngest(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	db := fs.String("db", "", "")
	aliases := fs.String("aliases", "", "")
	in := addInputFlags(fs)
	workers := fs.Int("workers", runtime.NumCPU(), "")
	quiet := fs.Bool("quiet", false, "")
	queue := fs.Bool("queue", false, "")
	sliceBytes := fs.Int64("slice-bytes", jobs.DefaultSliceBytes, "")
	srcs, err := parseInterspersed(fs, args)
	if err == flag.ErrHelp {
		fmt.Fprint(stdout, ingestUsage)
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "tally ingest: %v\nTry: tally ingest --help\n", err)
		return 2
	}
	if len(srcs) == 0 {
		fmt.Fprint(stderr, "tally ingest: no sources\n\n"+ingestUsage)
		return 2
	}
	if err := in.check(); err != nil {
		fmt.Fprintf(stderr, "tally ingest: %v\n", err)
		return 2
	}
	if *workers <= 0 || *sliceBytes <= 0 {
		fmt.Fprint(stderr, "tally ingest: --workers and --slice-bytes must be positive\n")
		return 2
	}
	if *queue {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		return enqueue(ctx, store.DSN(*db), srcs, jobs.IngestArgs{Published: *in.published, Aliases: absPath(*aliases),
			AllowPrivate: *in.allowPrivate, Timeout: *in.timeout, MaxBytes: *in.maxBytes}, *sliceBytes, stdout, stderr)
	}
	opts := ingest.Options{Gather: in.gatherOptions(stdin)}
	opts.Gather.Workers = *workers
	opts.Workers = *workers
	opts.Gather.Warn = func(err error) { fmt.Fprintf(stderr, "tally ingest: warning: %s\n", oneLine(err.Error())) }
	if *aliases != "" {
		t, err := sources.Load(*aliases)
		if err != nil {
			fmt.Fprintf(stderr, "tally ingest: %v\n", oneLine(err.Error()))
			return 2
		}
		opts.Sources = t
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	st, err := store.Open(ctx, store.DSN(*db))
	if err != nil {
		fmt.Fprintf(stderr, "tally ingest: %v\n", oneLine(err.Error()))
		return 1
	}
	defer st.Close()

	if !*quiet {
		opts.Progress = ingest.NewProgress(stderr, isTerminal(stderr), 5*time.Second)
	}
	bad := func(err error) { fmt.Fprintf(stderr, "tally ingest: %s\n", oneLine(err.Error())) }
	closeAlerts, err := alertHook(ctx, store.DSN(*db), st, &opts, *in.allowPrivate, bad)
	if err != nil {
		fmt.Fprintf(stderr, "tally ingest: %v\n", oneLine(err.Error()))
		return 1
	}
	defer closeAlerts()
	sum := ingest.Run(ctx, st, srcs, opts, bad)
	if f, ok := opts.Progress.(interface{ Finish() }); ok {
		f.Finish()
	}
	if err := store.Refresh(context.WithoutCancel(ctx), st); err != nil {
		fmt.Fprintf(stderr, "tally ingest: updating series summaries: %v\n", oneLine(err.Error()))
	}
	fmt.Fprintf(stderr, "tally ingest: %s\n", sum)
	if ctx.Err() != nil {
		fmt.Fprint(stderr, "tally ingest: interrupted; what was stored is kept — run the same command again to finish\n")
		return 130
	}
	return exitCode(sum.Failed > 0)
}

// isTerminal reports whether w is a terminal (for the progress bar).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func validDate(s string) bool {
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}
