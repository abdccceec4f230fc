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
	commands["alerts"] = command{"list the alerts raised for followed series", runAlerts}
}

const alertsUsage = `Usage: tally alerts [options] [SERIES]

Lists the alerts raised for followed series ('tally follow'), newest
first: one per new claim, marked new-source or conflict where it is.

Options:
  --db DSN      ledger (default $TALLY_DB, else tally.db)
  --limit N     alerts listed (default 50)
`

func runAlerts(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("alerts", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	db := fs.String("db", "", "")
	limit := fs.Int("limit", 50, "")
	rest, err := parseInterspersed(fs, args)
	if err == flag.ErrHelp {
		fmt.Fprint(stdout, alertsUsage)
		return 0
	}
	if err == nil && len(rest) > 1 {
		err = fmt.Errorf("one series at most")
	}
	if err != nil {
		fmt.Fprintf(stderr, "tally alerts: %v\nTry: tally alerts --help\n", err)
		return 2
	}
	series := strings.Join(rest, "")
	ctx := context.Background()
	wdb, closeAll, err := openWatch(ctx, store.DSN(*db), false)
	if err != nil {
		fmt.Fprintf(stderr, "tally alerts: %v\n", oneLine(err.Error()))
		return 1
	}
	defer closeAll()
	alerts, err := wdb.Alerts(ctx, series, *limit)
	if err != nil {
		fmt.Fprintf(stderr, "tally alerts: %v\n", oneLine(err.Error()))
		return 1
	}
	if len(alerts) == 0 {
		fmt.Fprintln(stdout, "no alerts yet; 'tally follow SERIES' follows a series")
	}
	for _, a := range alerts {
		fmt.Fprintf(stdout, "%s  %-28s  %s\n    %s\n", a.At.Local().Format(time.DateTime), strings.Join(a.Kinds, ","), a.Title, a.Summary)
		if a.URL != "" {
			fmt.Fprintf(stdout, "    %s\n", a.URL)
		}
	}
	return 0
}
