package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tally-news/tally/internal/fetch"
	"github.com/tally-news/tally/internal/gather"
)

// tally extract, tally text and tally ingest read their inputs the same
// way, through gather: the flags, the help text and the reading live here
// once.

// sourcesHelp says what a SOURCE may be, in every reading command's help.
const sourcesHelp = `A SOURCE is any mix of:

  a file         .txt, .html/.htm, .jsonl, a feed file (.xml, .rss, .atom,
                 JSON Feed .json), or a WARC file (.warc, .warc.gz: its
                 HTML responses); any of them gzipped (.txt.gz, .jsonl.gz,
                 .html.gz ...)
  a folder       walked recursively; hidden files are skipped, and so are
                 files that are no documents (.css, .png ...)
  a URL          http(s): an article page, or a feed whose items are
                 fetched (or read from the feed when it carries them whole)
  a URL list     a .txt file of http(s) URLs, one a line (# comments and
                 blank lines allowed): each is fetched
  -              standard input: JSON Lines, HTML, plain text or a URL list,
                 told apart by the first bytes

Put -- before a file whose name starts with "-": everything after it is
a SOURCE.
`

// inputOptionsHelp lists the flags addInputFlags defines.
const inputOptionsHelp = `  --published YYYY-MM-DD  publication date for documents that carry none;
                          "on Monday" resolves against it
  --allow-private         fetch from private, loopback and link-local
                          addresses (refused by default)
  --timeout D             per-request timeout (default 20s)
  --max-bytes N           largest response accepted, in bytes (default 10 MiB)
  --fetchers N            downloads at once (default 8; at most 2 per host)
`

// inputFlags are the reading flags of extract, text and ingest.
type inputFlags struct {
	published    *string
	allowPrivate *bool
	timeout      *time.Duration
	maxBytes     *int64
	fetchers     *int
}

func addInputFlags(fs *flag.FlagSet) *inputFlags {
	return &inputFlags{
		published:    fs.String("published", "", ""),
		allowPrivate: fs.Bool("allow-private", false, ""),
		timeout:      fs.Duration("timeout", 20*time.Second, ""),
		maxBytes:     fs.Int64("max-bytes", 10<<20, ""),
		fetchers:     fs.Int("fetchers", 8, ""),
	}
}

// check says what is wrong with the flags, in a line for the user.
func (f *inputFlags) check() error {
	switch {
	case *f.published != "" && !validDate(*f.published):
		return fmt.Errorf("bad --published %q; want YYYY-MM-DD, e.g. 2025-01-27", *f.published)
	case *f.timeout <= 0 || *f.maxBytes <= 0 || *f.fetchers <= 0:
		return errors.New("--timeout, --max-bytes and --fetchers must be positive")
	}
	return nil
}

// gatherOptions are the flags as gather.Options.
func (f *inputFlags) gatherOptions(stdin io.Reader) gather.Options {
	return gather.Options{
		Fetch:     fetch.Options{Timeout: *f.timeout, MaxBytes: *f.maxBytes, AllowPrivate: *f.allowPrivate},
		Published: *f.published,
		Stdin:     stdin,
		Fetchers:  *f.fetchers,
	}
}

// readSources reads every source for extract and text and calls fn with
// each document, bad with each bad input and warn with each warning.
//
// One worker reads the documents, so that files come out in the order
// given (pages fetched from URLs, in the order they arrive); fn is not
// called concurrently with itself, but may be with bad and warn, which are
// not called concurrently with each other. Documents keep the ids
// scripts match them by: a JSONL line's "id", a file's path. It returns
// how many files in folders were skipped as no documents.
func readSources(srcs []string, opts gather.Options, fn func(gather.Item), bad, warn func(error)) int64 {
	var ignored atomic.Int64
	opts.Workers = 1
	opts.FileIDs = true
	opts.Warn = warn
	opts.Ignored = func(string) { ignored.Add(1) }
	gather.Gather(context.Background(), srcs, opts, fn, bad)
	return ignored.Load()
}

// ignoredNote is the line printed when folders held files that are not
// documents: a folder of nothing readable must not look like an empty
// result.
func ignoredNote(cmd string, n int64) string {
	if n == 0 {
		return ""
	}
	files := "files"
	if n == 1 {
		files = "file"
	}
	return fmt.Sprintf("tally %s: skipped %d %s in folders that are not documents (not .txt, .html, .jsonl, feeds or WARC)\n", cmd, n, files)
}

// reporter prints a reading command's problems. Documents come from
// gather's worker and problems from its walker and fetchers, so the
// command's output takes mu too: lines stay whole, in a sane order.
type reporter struct {
	mu     sync.Mutex
	cmd    string
	stderr io.Writer
	flush  func() // prints what output is pending, before a message
	failed bool
}

// badLocked reports a bad input, with mu held.
func (r *reporter) badLocked(err error) {
	r.say("", err)
	r.failed = true
}

func (r *reporter) say(prefix string, err error) {
	r.flush() // keep stdout and stderr in input order on a terminal
	fmt.Fprintf(r.stderr, "tally %s: %s%s\n", r.cmd, prefix, oneLine(err.Error()))
}

func (r *reporter) bad(err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.badLocked(err)
}

func (r *reporter) warn(err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.say("warning: ", err)
}
