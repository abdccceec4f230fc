package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/tally-news/tally/internal/fetch"
	"github.com/tally-news/tally/internal/store"
	"github.com/tally-news/tally/internal/web"
)

func init() {
	commands["serve"] = command{"serve the ledger as a web UI and a JSON API", runServe}
}

const serveUsage = `Usage: tally serve [options]

Serves the ledger to a browser and to programs, from this one binary
(nothing is loaded from elsewhere; it works offline):

  /                          search figures (words, measure, counted,
                             source, dates) with links to the evidence
  /series                    every series
  /series/KEY                a series' timeline chart, consensus,
                             conflicts and claims, e.g.
                             /series/North%20Korea%2Fcasualties
  /documents/ID?figure=N     an article with a figure's sentence
                             highlighted, and a link to the original
  /api/...                   the JSON API, described at /api/openapi.json

Reading is open to whoever can reach the server. Writing — POST
/api/ingest — needs a token: start the server with --token (or set
TALLY_TOKEN) and send 'Authorization: Bearer TOKEN'. Without a token the
server never writes.

The server listens on 127.0.0.1 (this machine only) unless --addr says
otherwise; a non-loopback address (":8080", "0.0.0.0:8080", a LAN
address) is refused unless a token is set, because the ledger is then
readable by the network. Ctrl-C stops the server.

Options:
  --db PATH|URL        the ledger: a SQLite file, or a postgres:// URL
                       (default: $TALLY_DB, else tally.db here)
  --addr HOST:PORT     where to listen (default 127.0.0.1:8080; port 0
                       picks a free one)
  --token TOKEN        allow POST /api/ingest with this bearer token
                       (default: $TALLY_TOKEN; prefer the variable: a
                       flag shows in the process list)
  --allow-private      let POST /api/ingest fetch from private, loopback
                       and link-local addresses (refused by default)

Examples:
  tally serve
  tally serve --db postgres://tally@db.example.org/tally --addr 127.0.0.1:9000
  TALLY_TOKEN=$(openssl rand -hex 16) tally serve --addr :8080
  curl -s 'http://127.0.0.1:8080/api/figures?series=North%20Korea/casualties&limit=5'
`

// defaultAddr is loopback: a ledger is shared on purpose, not by default.
const defaultAddr = "127.0.0.1:8080"

func runServe(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are printed below, in one line
	db := fs.String("db", "", "")
	addr := fs.String("addr", defaultAddr, "")
	token := fs.String("token", os.Getenv("TALLY_TOKEN"), "")
	allowPrivate := fs.Bool("allow-private", false, "")
	err := fs.Parse(args)
	if err == flag.ErrHelp {
		fmt.Fprint(stdout, serveUsage)
		return 0
	}
	usageErr := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "tally serve: "+format+"\nTry: tally serve --help\n", a...)
		return 2
	}
	if err != nil {
		return usageErr("%v", err)
	}
	if fs.NArg() > 0 {
		return usageErr("unexpected argument %q; serve takes only options", fs.Arg(0))
	}
	loopback, err := web.CheckAddr(*addr, *token != "")
	if err != nil {
		return usageErr("%v", err)
	}

	ctx := context.Background()
	dsn := store.DSN(*db)
	open := store.OpenExisting
	if *token != "" {
		open = store.Open // an empty ledger can be filled through the API
	}
	st, err := open(ctx, dsn)
	if err != nil {
		fmt.Fprintln(stderr, "tally serve:", oneLine(err.Error()))
		return 1
	}
	defer st.Close()
	// A ledger an older tally filled, or one another process wrote to
	// without finishing, gets its series summaries (and its figures their
	// series ids) before the first page lists them.
	if err := store.Refresh(ctx, st); err != nil {
		fmt.Fprintln(stderr, "tally serve: updating series summaries:", oneLine(err.Error()))
		return 1
	}
	fo := fetch.Options{AllowPrivate: *allowPrivate}
	wo := web.Options{Ledger: st, Ingester: newURLIngester(st, fo), Token: *token,
		LoopbackOnly: loopback, Log: log.New(stderr, "", log.LstdFlags)}
	if closeQueue, err := serveQueue(ctx, dsn, &wo); err != nil {
		// A ledger it cannot write to (River's tables are made on
		// first use) is still served, without alerts and jobs.
		fmt.Fprintln(stderr, "tally serve: warning: no alerts or jobs pages:", oneLine(err.Error()))
	} else {
		defer closeQueue()
	}
	h := web.New(wo)
	return listenAndServe("serve", h, *addr, loopback, stdout, stderr, func(url string) {
		fmt.Fprintf(stdout, "tally serve: serving the ledger %s at %s\n", describeDSN(dsn), url)
	})
}

// describeDSN names a ledger for people without printing a password.
func describeDSN(dsn string) string {
	if store.IsPostgres(dsn) {
		return "(PostgreSQL)"
	}
	return dsn
}

// signalContext ends when the user asks the server to stop; a test
// replaces it with a context it cancels itself.
var signalContext = func() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

// listenAndServe listens on addr, calls ready with the URL to open, and
// serves h until signalContext ends; then it lets requests in flight
// finish for a few seconds.
func listenAndServe(name string, h http.Handler, addr string, loopback bool, stdout, stderr io.Writer, ready func(url string)) int {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		hint := ""
		if errors.Is(err, syscall.EADDRINUSE) {
			hint = "; another program uses this port: pick another with --addr 127.0.0.1:PORT (port 0 picks a free one)"
		}
		fmt.Fprintf(stderr, "tally %s: %s%s\n", name, oneLine(err.Error()), hint)
		return 1
	}
	ctx, stop := signalContext()
	defer stop()
	srv := web.NewHTTPServer(h)
	srv.ErrorLog = log.New(stderr, "tally "+name+": ", 0)
	url := "http://" + ln.Addr().String() + "/"
	if !loopback {
		fmt.Fprintf(stderr, "tally %s: warning: listening on %s: anyone who can reach it can read the ledger; ingest needs the token\n", name, ln.Addr())
	}
	ready(url)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		fmt.Fprintf(stderr, "tally %s: %s\n", name, oneLine(err.Error()))
		return 1
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close()
	}
	fmt.Fprintf(stderr, "tally %s: stopped\n", name)
	return 0
}
