package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/tally-news/tally/internal/store"
)

func init() {
	commands["follow"] = command{"follow a series: new claims, sources and conflicts in it raise alerts", runFollow}
	commands["unfollow"] = command{"stop following a series", runUnfollow}
}

const followUsage = `Usage: tally follow [options] SERIES...
       tally follow --list

Follows each SERIES — a key as 'tally series' lists it ("Iraq/killed"),
or one series id ("Iraq/killed#bombing-2004-10-01"); case is ignored.
From then on each new claim in it, as ingested by any command or worker,
raises one alert, marked when it is the series' first claim from its
source (new-source) or gives another number than another source for the
same day (conflict). See 'tally alerts'; 'tally serve' shows them and
serves them as Atom (/alerts.atom, /series/SERIES/alerts.atom).

Options:
  --db DSN          ledger (default $TALLY_DB, else tally.db)
  --webhook URL     also POST each alert as JSON to URL (public addresses
                    only, unless the worker runs --webhook-allow-private)
  --list            list the followed series
`

func runFollow(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("follow", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	db := fs.String("db", "", "")
	webhook := fs.String("webhook", "", "")
	list := fs.Bool("list", false, "")
	series, err := parseInterspersed(fs, args)
	if err == flag.ErrHelp {
		fmt.Fprint(stdout, followUsage)
		return 0
	}
	switch {
	case err != nil:
	case *list && len(series) > 0:
		err = fmt.Errorf("--list takes no series")
	case !*list && len(series) == 0:
		err = fmt.Errorf("no series given; 'tally series' lists them")
	case *webhook != "" && !strings.HasPrefix(*webhook, "http://") && !strings.HasPrefix(*webhook, "https://"):
		err = fmt.Errorf("--webhook %q: want an http(s) URL", *webhook)
	}
	if err != nil {
		fmt.Fprintf(stderr, "tally follow: %v\nTry: tally follow --help\n", err)
		return 2
	}
	ctx := context.Background()
	wdb, closeAll, err := openWatch(ctx, store.DSN(*db), !*list)
	if err != nil {
		fmt.Fprintf(stderr, "tally follow: %v\n", oneLine(err.Error()))
		return 1
	}
	defer closeAll()
	if *list {
		fs, err := wdb.Follows(ctx)
		if err != nil {
			fmt.Fprintf(stderr, "tally follow: %v\n", oneLine(err.Error()))
			return 1
		}
		if len(fs) == 0 {
			fmt.Fprintln(stdout, "no series followed; follow one with: tally follow SERIES")
		}
		for _, f := range fs {
			hook := ""
			if f.Webhook != "" {
				hook = "  webhook " + f.Webhook
			}
			fmt.Fprintf(stdout, "%s  since %s%s\n", f.Series, f.Since.Local().Format(time.DateOnly), hook)
		}
		return 0
	}
	for _, s := range series {
		if err := wdb.Follow(ctx, s, *webhook); err != nil {
			fmt.Fprintf(stderr, "tally follow: %s: %v\n", s, oneLine(err.Error()))
			return 1
		}
		fmt.Fprintf(stdout, "following %s\n", strings.ToLower(strings.TrimSpace(s)))
	}
	return 0
}

func runUnfollow(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("unfollow", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	db := fs.String("db", "", "")
	series, err := parseInterspersed(fs, args)
	if err == flag.ErrHelp {
		fmt.Fprint(stdout, "Usage: tally unfollow [--db DSN] SERIES...\n\nStops following each SERIES (its alerts are kept).\n")
		return 0
	}
	if err == nil && len(series) == 0 {
		err = fmt.Errorf("no series given; 'tally follow --list' lists the followed ones")
	}
	if err != nil {
		fmt.Fprintf(stderr, "tally unfollow: %v\nTry: tally unfollow --help\n", err)
		return 2
	}
	ctx := context.Background()
	wdb, closeAll, err := openWatch(ctx, store.DSN(*db), false)
	if err != nil {
		fmt.Fprintf(stderr, "tally unfollow: %v\n", oneLine(err.Error()))
		return 1
	}
	defer closeAll()
	return removeEach(series, func(s string) (bool, error) { return wdb.Unfollow(ctx, s) }, "unfollow", "followed", "following", stdout, stderr)
}

// removeEach removes each item with remove, saying what became of it:
// "no longer following X", or why not on stderr; the exit code is 1 when
// any was not removed. cmd names the command, state what the item was
// ("followed") and doing what it no longer is ("following").
func removeEach(items []string, remove func(string) (bool, error), cmd, state, doing string, stdout, stderr io.Writer) int {
	failed := false
	for _, it := range items {
		ok, err := remove(it)
		switch {
		case err != nil:
			fmt.Fprintf(stderr, "tally %s: %s: %v\n", cmd, it, oneLine(err.Error()))
			failed = true
		case !ok:
			fmt.Fprintf(stderr, "tally %s: %s is not %s\n", cmd, it, state)
			failed = true
		default:
			fmt.Fprintf(stdout, "no longer %s %s\n", doing, it)
		}
	}
	return exitCode(failed)
}
