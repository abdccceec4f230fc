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

	"github.com/tally-news/tally/internal/fetch"
	"github.com/tally-news/tally/internal/gather"
	"github.com/tally-news/tally/internal/ingest"
	"github.com/tally-news/tally/internal/sources"
	"github.com/tally-news/tally/internal/store"
)

func init() {
	commands["ingest"] = command{"read files, folders, URLs, feeds and WARC files into the ledger", runIngest}
}

const ingestUsage = `Usage: tally ingest [options] SOURCE...

Reads every SOURCE, finds its figure claims and stores each document with
its figures in the ledger (one SQLite file, created on first use; or
PostgreSQL). A SOURCE is any mix of:

  a file         .txt, .html/.htm, .jsonl (as tally extract reads them),
                 a feed file (.xml, .rss, .atom, JSON Feed .json), or a
                 WARC file (.warc, .warc.gz: its HTML responses)
  a folder       walked recursively; hidden files are skipped, and files
                 that are no documents are counted as ignored
  an URL         http(s): an article page, or a feed whose items are
                 fetched (or read from the feed when it carries them whole)

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
  --published YYYY-MM-DD  publication date for documents that carry none
  --aliases FILE          source alias file (TOML) extending the shipped table
  --allow-private         fetch from private, loopback and link-local
                          addresses (refused by default)
  --timeout D             per-request timeout (default 20s)
  --max-bytes N           largest response accepted, in bytes (default 10 MiB)
  --workers N             extraction workers, for HTML and for figures
                          (default: one per CPU)
  --fetchers N            downloads at once (default 8; at most 2 per host)
  --quiet                 no progress display

Examples:
  tally ingest saved-pages/
  tally ingest https://example.org/feed.xml https://example.org/2025/01/27/story
  tally ingest --db postgres://localhost/tally crawl-00001.warc.gz
`

func runIngest(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	db := fs.String("db", "", "")
	published := fs.String("published", "", "")
	aliases := fs.String("aliases", "", "")
	allowPrivate := fs.Bool("allow-private", false, "")
	timeout := fs.Duration("timeout", 20*time.Second, "")
	maxBytes := fs.Int64("max-bytes", 10<<20, "")
	workers := fs.Int("workers", runtime.NumCPU(), "")
	fetchers := fs.Int("fetchers", 8, "")
	quiet := fs.Bool("quiet", false, "")
	srcs, err := parseInterspersed(fs, args)
	if err == flag.ErrHelp {
		fmt.Fprint(stdout, ingestUsage)
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "tally ingest: %v\nTry: tally ingest --help\n", err)
		return 2
	}
	switch {
	case len(srcs) == 0:
		fmt.Fprint(stderr, "tally ingest: no sources\n\n"+ingestUsage)
		return 2
	case *published != "" && !validDate(*published):
		fmt.Fprintf(stderr, "tally ingest: bad --published %q; want YYYY-MM-DD, e.g. 2025-01-27\n", *published)
		return 2
	case *timeout <= 0 || *maxBytes <= 0 || *workers <= 0 || *fetchers <= 0:
		fmt.Fprint(stderr, "tally ingest: --timeout, --max-bytes, --workers and --fetchers must be positive\n")
		return 2
	}
	opts := ingest.Options{Gather: gather.Options{
		Fetch:     fetch.Options{Timeout: *timeout, MaxBytes: *maxBytes, AllowPrivate: *allowPrivate},
		Published: *published,
		Stdin:     stdin,
		Workers:   *workers,
		Fetchers:  *fetchers,
	}, Workers: *workers}
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
