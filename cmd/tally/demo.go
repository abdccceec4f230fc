package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"

	"github.com/tally-news/tally/internal/samples"
	"github.com/tally-news/tally/internal/store"
	"github.com/tally-news/tally/internal/web"
)

func init() {
	commands["demo"] = command{"read the bundled sample articles into a fresh ledger and serve it", runDemo}
}

const demoUsage = `Usage: tally demo [options]

Reads the bundled sample articles — the seed article (a Moscow Times
report of 2024-12-23) and short reports written for the project in the
style of wire copy — into a fresh ledger, then serves it as
'tally serve' does and prints the address to open in a browser. Try the
series North Korea/casualties: several sources, updated figures, and a
disagreement between the highest and lowest estimates.

The ledger is a temporary SQLite file, deleted when the demo stops,
unless --db names one to keep.

Options:
  --addr HOST:PORT   where to listen (default 127.0.0.1:8080; port 0
                     picks a free one)
  --db PATH|URL      keep the ledger here instead (a SQLite file or a
                     postgres:// URL); articles already in it are
                     reported as duplicates
  --token TOKEN      allow POST /api/ingest with this bearer token
                     (default: $TALLY_TOKEN)
  --no-serve         read the articles, print the summary and stop

Examples:
  tally demo
  tally demo --addr 127.0.0.1:0
  tally demo --db demo.db --no-serve && tally serve --db demo.db
`

func runDemo(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are printed below, in one line
	addr := fs.String("addr", defaultAddr, "")
	db := fs.String("db", "", "")
	token := fs.String("token", os.Getenv("TALLY_TOKEN"), "")
	noServe := fs.Bool("no-serve", false, "")
	err := fs.Parse(args)
	if err == flag.ErrHelp {
		fmt.Fprint(stdout, demoUsage)
		return 0
	}
	usageErr := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "tally demo: "+format+"\nTry: tally demo --help\n", a...)
		return 2
	}
	if err != nil {
		return usageErr("%v", err)
	}
	if fs.NArg() > 0 {
		return usageErr("unexpected argument %q; demo takes only options", fs.Arg(0))
	}
	loopback := true
	if !*noServe {
		if loopback, err = web.CheckAddr(*addr, *token != ""); err != nil {
			return usageErr("%v", err)
		}
	}

	// A fresh ledger: TALLY_DB is deliberately not consulted, so the demo
	// never writes sample articles into someone's real ledger.
	dsn := *db
	if dsn == "" {
		dir, err := os.MkdirTemp("", "tally-demo-")
		if err != nil {
			fmt.Fprintf(stderr, "tally demo: cannot make a temporary folder for the ledger: %v; give one with --db demo.db\n", err)
			return 1
		}
		defer os.RemoveAll(dir)
		dsn = filepath.Join(dir, "demo.db")
	}
	ctx := context.Background()
	st, err := store.Open(ctx, dsn)
	if err != nil {
		fmt.Fprintln(stderr, "tally demo:", oneLine(err.Error()))
		return 1
	}
	defer st.Close()
	ing := web.NewStoreIngester(st)
	sum, err := ing.IngestDocuments(ctx, samples.Articles())
	if err != nil {
		fmt.Fprintln(stderr, "tally demo:", oneLine(err.Error()))
		return 1
	}
	for _, it := range sum.Items {
		if it.Error != "" {
			fmt.Fprintln(stderr, "tally demo:", oneLine(it.Error))
		}
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		fmt.Fprintln(stderr, "tally demo:", oneLine(err.Error()))
		return 1
	}
	fmt.Fprintf(stdout, "tally demo: read %d sample articles (%d new, %d near-duplicate, %d already stored, %d failed): %d figures in %d series from %d sources; ledger %s\n",
		sum.Documents, sum.New, sum.NearDuplicates, sum.Duplicates, sum.Failed, stats.Figures, stats.Series, stats.Sources, describeDSN(dsn))
	if *noServe {
		return exitCode(sum.Failed > 0)
	}
	h := web.New(web.Options{Ledger: st, Ingester: ing, Token: *token, LoopbackOnly: loopback,
		Log: log.New(stderr, "", log.LstdFlags)})
	return listenAndServe("demo", h, *addr, loopback, stdout, stderr, func(url string) {
		fmt.Fprintf(stdout, "tally demo: open %s in a browser — try %sseries/North%%20Korea%%2Fcasualties (Ctrl-C stops)\n", url, url)
	})
}
