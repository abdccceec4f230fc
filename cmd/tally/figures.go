package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tally-news/tally/internal/claim"
	"github.com/tally-news/tally/internal/series"
	"github.com/tally-news/tally/internal/store"
)

func init() {
	commands["figures"] = command{"list the figures stored in the ledger, newest first", runFigures}
}

const figuresUsage = `Usage: tally figures [options]

Lists the figure claims stored in the ledger, newest first — by the date
the figure was stated, else its article's publication date; undated
figures last — with each article's title and URL and the id of the
series each figure is in. Figures that a near-duplicate article (a
syndicated copy) merely repeats are left out.

DATE is the date the source stated the figure, "-" when it stated none;
PUBLISHED is the article's publication date. (In CSV and JSON Lines, date
is null or empty unless stated, and published is its own field.)

Options:
  --db PATH|URL           the ledger: a SQLite file, or a postgres:// URL
                          (default: $TALLY_DB, else tally.db here)
  --measure M             killed, wounded, casualties, captured, missing,
                          deployed, displaced, refugees, arrested,
                          evacuated or supplied
  --counted C             whose people are counted, e.g. "North Korea"
                          ("unknown" for figures that name no one)
  --source S              who asserts the figure: its canonical name or
                          any name the ledger has seen for it, e.g.
                          "the South Korean military"
  --series S              one series, by the id tally series and this
                          command print, e.g. "North Korea/casualties"
                          or "Iraq/killed#bombing-2004-10-01"
  --since YYYY-MM-DD      figures dated on or after this day
  --until YYYY-MM-DD      figures dated on or before this day
  --search WORDS          figures whose sentence holds all these words
                          (matched by stem: "kill" finds "killed")
  --limit N               at most N figures (default 0: all)
  --format table|jsonl|csv
                          output format (default table): table for
                          people; jsonl for programs (every field of
                          the figure contract, plus series, title, url,
                          published); csv for spreadsheets
Text matches ignore case.

Examples:
  tally figures --measure casualties --counted "North Korea"
  tally figures --source "the South Korean military" --since 2024-12-01 --format csv > jcs.csv
  tally figures --search "mass grave" --limit 20
  tally figures --db postgres://tally@db.example.org/tally --format jsonl
`

func runFigures(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("figures", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are printed below, in one line
	db := fs.String("db", "", "")
	format := fs.String("format", "table", "")
	var f store.Filter
	fs.StringVar(&f.Measure, "measure", "", "")
	fs.StringVar(&f.Counted, "counted", "", "")
	fs.StringVar(&f.Source, "source", "", "")
	fs.StringVar(&f.Series, "series", "", "")
	fs.StringVar(&f.Since, "since", "", "")
	fs.StringVar(&f.Until, "until", "", "")
	fs.StringVar(&f.Query, "search", "", "")
	fs.IntVar(&f.Limit, "limit", 0, "")
	err := fs.Parse(args)
	if err == flag.ErrHelp {
		fmt.Fprint(stdout, figuresUsage)
		return 0
	}
	usageErr := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "tally figures: "+format+"\nTry: tally figures --help\n", a...)
		return 2
	}
	if err != nil {
		return usageErr("%v", err)
	}
	if fs.NArg() > 0 {
		return usageErr("unexpected argument %q; figures takes only options", fs.Arg(0))
	}
	if *format != "table" && *format != "jsonl" && *format != "csv" {
		return usageErr("unknown --format %q; valid: table, jsonl, csv", *format)
	}
	if f.Measure != "" && !validMeasure(f.Measure) {
		return usageErr("unknown --measure %q; valid: %s", f.Measure, strings.Join(measures, ", "))
	}
	for _, d := range []struct{ flag, v string }{{"since", f.Since}, {"until", f.Until}} {
		if _, err := time.Parse("2006-01-02", d.v); d.v != "" && err != nil {
			return usageErr("bad --%s %q; want YYYY-MM-DD, e.g. 2025-01-27", d.flag, d.v)
		}
	}
	if f.Since != "" && f.Until != "" && f.Since > f.Until {
		return usageErr("--since %s is after --until %s", f.Since, f.Until)
	}
	if f.Limit < 0 {
		return usageErr("bad --limit %d; want 0 (all) or more", f.Limit)
	}
	if f.Series != "" {
		if _, err := series.ParseKey(f.Series); err != nil {
			return usageErr("bad --series: %v", err)
		}
	}

	ctx := context.Background()
	st, err := store.OpenExisting(ctx, store.DSN(*db))
	if err != nil {
		fmt.Fprintln(stderr, "tally figures:", oneLine(err.Error()))
		return 1
	}
	defer st.Close()
	// Figures learn their series ids when the summaries are brought up to
	// date; a ledger an older tally filled, or one written to since, is.
	if err := store.Refresh(ctx, st); err != nil {
		fmt.Fprintln(stderr, "tally figures: updating series:", oneLine(err.Error()))
		return 1
	}
	rows, err := st.Figures(ctx, f)
	if errors.Is(err, store.ErrBadFilter) {
		return usageErr("%s", oneLine(err.Error()))
	}
	if err != nil {
		fmt.Fprintln(stderr, "tally figures:", oneLine(err.Error()))
		return 1
	}

	w := bufio.NewWriter(stdout)
	switch *format {
	case "jsonl":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for i := range rows {
			_ = enc.Encode(&rows[i]) // plain strings, numbers and pointers: always encodes
		}
	case "csv":
		writeFiguresCSV(w, rows)
	default:
		if len(rows) == 0 {
			fmt.Fprintln(stderr, "tally figures: no stored figure matches")
		} else {
			writeFiguresTable(w, rows)
		}
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintf(stderr, "tally figures: write output: %v\n", err)
		return 1
	}
	return 0
}

// measures are the valid --measure values, as DESIGN.md lists them.
var measures = []string{claim.Killed, claim.Wounded, claim.Casualties, claim.Captured, claim.Missing,
	claim.Deployed, claim.Displaced, claim.Refugees, claim.Arrested, claim.Evacuated, claim.Supplied}

func validMeasure(m string) bool {
	for _, v := range measures {
		if strings.EqualFold(m, v) {
			return true
		}
	}
	return false
}

// titleWidth is how much of an article's title a table row shows.
const titleWidth = 40

func writeFiguresTable(w io.Writer, rows []store.Row) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tPUBLISHED\tNUMBER\tMEASURE\tVALUE\tCOUNTED\tSOURCE\tSERIES\tTITLE\tURL")
	for i := range rows {
		r := &rows[i]
		link := r.URL
		if link == "" {
			link = r.Doc // a file's path, a JSONL line's id
		}
		cells := []string{deref(r.Date), r.Published, r.NumberText, r.Measure, valueCell(&r.Figure), deref(r.Counted),
			r.Source, cut(r.Series, 48), cut(r.Title, titleWidth), link}
		for k, c := range cells {
			cells[k] = cell(c)
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	tw.Flush()
}

// figuresCSVHeader names the CSV columns: the contract's fields, flat.
var figuresCSVHeader = []string{"date", "number_text", "value", "low", "high", "qualifier", "measure",
	"counted", "subject", "location", "source", "source_text", "cue", "via", "hedged", "series",
	"sentence", "doc", "title", "url", "published", "span_start", "span_end", "scope"}

func writeFiguresCSV(w io.Writer, rows []store.Row) {
	cw := csv.NewWriter(w)
	cw.Write(figuresCSVHeader)
	fnum := func(p *float64) string {
		if p == nil {
			return ""
		}
		return num(p)
	}
	for i := range rows {
		r := &rows[i]
		rec := []string{deref(r.Date), r.NumberText, fnum(r.Value), fnum(r.Low), fnum(r.High), r.Qualifier,
			r.Measure, deref(r.Counted), r.Subject, deref(r.Location), r.Source, r.SourceText, r.Cue,
			deref(r.Via), strconv.FormatBool(r.Hedged), r.Series, r.Sentence, r.Doc, r.Title, r.URL,
			r.Published, strconv.Itoa(r.Span[0]), strconv.Itoa(r.Span[1]), r.Scope}
		for k, v := range rec {
			rec[k] = spreadsheetSafe(v)
		}
		cw.Write(rec)
	}
	cw.Flush()
}

// spreadsheetSafe keeps article text from running as a formula when the
// CSV is opened in a spreadsheet ("=HYPERLINK(…)" in a headline): a cell
// starting with = + - @ or a control character gets a leading apostrophe,
// as OWASP advises. Numbers we wrote ourselves are left alone.
func spreadsheetSafe(s string) string {
	if s == "" {
		return s
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
