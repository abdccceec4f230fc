package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/tally-news/tally/internal/store"
	"github.com/tally-news/tally/internal/watch"
)

func init() {
	commands["watch"] = command{"keep polling feeds, ingesting new items and raising alerts for followed series", runWatch}
}

const watchUsage = `Usage: tally watch [options] FEED_OR_URL...
       tally watch --list | --remove FEED_OR_URL...

Adds each feed (or page) to the ledger's watched feeds, then works jobs as
'tally worker' does until stopped: every --every, a poll of each feed is
queued, which fetches it with a conditional GET (If-None-Match and
If-Modified-Since from its last answer, so an unchanged feed costs one
304) and ingests the items the ledger lacks. New claims in a followed
series raise alerts ('tally follow', 'tally alerts').

The watched feeds live in the ledger, so any worker polls them: on many
machines run 'tally watch --no-worker FEED...' once and 'tally worker'
everywhere.

Options:
  --every D           poll interval (default 15m; at least 1m)
  --allow-private     fetch from private, loopback and link-local addresses
  --no-worker         add the feeds and return
  --list              list the watched feeds and their last poll
  --remove            stop watching the feeds given
` + workerOptions

func runWatch(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("watch", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	wf := addWorkerFlags(fs)
	every := fs.Duration("every", 15*time.Minute, "")
	allowPrivate := fs.Bool("allow-private", false, "")
	noWorker := fs.Bool("no-worker", false, "")
	list := fs.Bool("list", false, "")
	remove := fs.Bool("remove", false, "")
	feeds, err := parseInterspersed(fs, args)
	if err == flag.ErrHelp {
		fmt.Fprint(stdout, watchUsage)
		return 0
	}
	if err == nil {
		err = wf.check()
	}
	for _, f := range feeds {
		if err == nil && !strings.HasPrefix(f, "http://") && !strings.HasPrefix(f, "https://") {
			err = fmt.Errorf("%s: not an http(s) URL; tally watch polls feeds on the web (tally ingest reads files)", f)
		}
	}
	switch {
	case err != nil:
	case *every < time.Minute:
		err = fmt.Errorf("--every %s is too often; at least 1m", *every)
	case *list && (len(feeds) > 0 || *remove):
		err = fmt.Errorf("--list takes no feeds")
	case !*list && len(feeds) == 0:
		err = fmt.Errorf("no feeds given")
	}
	if err != nil {
		fmt.Fprintf(stderr, "tally watch: %v\nTry: tally watch --help\n", err)
		return 2
	}
	if *list || *remove || *noWorker {
		return watchOnce(store.DSN(*wf.db), feeds, *list, *remove, *every, *allowPrivate, stdout, stderr)
	}
	return wf.run("watch", func(ctx context.Context, wdb *watch.DB) error {
		return addFeeds(ctx, wdb, feeds, *every, *allowPrivate, stderr)
	}, stderr)
}

func addFeeds(ctx context.Context, wdb *watch.DB, feeds []string, every time.Duration, allowPrivate bool, w io.Writer) error {
	for _, f := range feeds {
		if err := wdb.Watch(ctx, f, every, allowPrivate); err != nil {
			return err
		}
		fmt.Fprintf(w, "tally watch: watching %s every %s\n", f, every)
	}
	return nil
}

// watchOnce lists, removes or adds feeds without working jobs.
func watchOnce(dsn string, feeds []string, list, remove bool, every time.Duration, allowPrivate bool, stdout, stderr io.Writer) int {
	ctx := context.Background()
	wdb, closeAll, err := openWatch(ctx, dsn, !list)
	if err != nil {
		fmt.Fprintf(stderr, "tally watch: %v\n", oneLine(err.Error()))
		return 1
	}
	defer closeAll()
	switch {
	case list:
		all, err := wdb.Feeds(ctx)
		if err != nil {
			fmt.Fprintf(stderr, "tally watch: %v\n", oneLine(err.Error()))
			return 1
		}
		if len(all) == 0 {
			fmt.Fprintln(stdout, "no feeds watched; add one with: tally watch FEED_URL")
		}
		for _, f := range all {
			last := "never polled"
			if !f.Checked.IsZero() {
				last = f.Checked.Local().Format(time.DateTime) + ": " + f.Status
			}
			fmt.Fprintf(stdout, "%s  every %s  (%s)\n", f.URL, f.Every, last)
		}
	case remove:
		return removeEach(feeds, func(f string) (bool, error) { return wdb.Unwatch(ctx, f) }, "watch", "watched", "watching", stdout, stderr)
	default:
		if err := addFeeds(ctx, wdb, feeds, every, allowPrivate, stdout); err != nil {
			fmt.Fprintf(stderr, "tally watch: %v\n", oneLine(err.Error()))
			return 1
		}
	}
	return 0
}

// openWatch opens a ledger (creating it when create is set) and its watch
// tables.
func openWatch(ctx context.Context, dsn string, create bool) (*watch.DB, func(), error) {
	open := store.OpenExisting
	if create {
		open = store.Open
	}
	st, err := open(ctx, dsn)
	if err != nil {
		return nil, nil, err
	}
	wdb, err := watch.Open(ctx, dsn)
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	return wdb, func() { wdb.Close(); st.Close() }, nil
}
