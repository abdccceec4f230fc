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
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/tally-news/tally/internal/series"
	"github.com/tally-news/tally/internal/store"
)

func init() {
	commands["series"] = command{"list every series: claims, sources, latest figure, consensus", runSeries}
	commands["timeline"] = command{"show one series by date and source, with a chart", runTimeline}
	commands["export"] = command{"export claims as CSV or JSON Lines with low/best/high estimates", runExport}
}

const seriesUsage = `Usage: tally series [options]

Lists every series in the ledger — what a set of claims measures — with
its kind, its number of claims (distinct assertions: ten outlets repeating
one source's figure are one claim), independent sources and reports, its
latest figure, the consensus range (spanned by the latest claim of each
independent source still current) and the number of conflicts. Largest
series first.

A series id is counted/measure[/place][#part]. Without a part it is the
running total ("North Korea/casualties"); with one, an incident or a
closed period: "Iraq/killed#bombing-2004-10-01" (its event and first
date), "Russia/casualties#day-2024-11-29", or "…#report-DOC" for the
undated figures of one document. The rules are in internal/series/doc.go
and on each series page of tally serve.

Options:
  --db DSN                 ledger (default $TALLY_DB, else tally.db)
  --counted C              only series counting C (e.g. "North Korea")
  --measure M              only series of measure M (e.g. casualties)
  --format table|jsonl|csv output format (default table)

Open bounds: a consensus whose top is only a lower bound is written
"990–≥3,000" (its bottom only an upper bound: "≤9,000–12,000"); in CSV,
consensus_low and consensus_high are the numbers and consensus_open_above
and consensus_open_below say which end is open.
`

const timelineUsage = `Usage: tally timeline [options] SERIES

Shows one series — SERIES is its id as tally series and tally figures
print it, e.g. "North Korea/casualties" or "Iraq/killed#bombing-2004-10-01"
— as a table by date and source: each claim's figure, the interval it
allows, its qualifier and scope, relay and number of reports; then a chart
of the timeline, the consensus range, the conflicts between independent
sources and the spread between the highest and the lowest estimate of
each period. Subsets ("including 20 children") and background figures
are shown but never compared.

DATE is the date a source stated the figure; "pub 2024-12-23" when the
figure has no date of its own and its article's publication date places
it; "-" when neither is known.

Options:
  --db DSN                 ledger (default $TALLY_DB, else tally.db)
  --width N                chart width in columns (default 100)
  --format table|jsonl     output format (default table)
`

const exportUsage = `Usage: tally export [options]

Exports claims, one row each, in the manner of UCDP GED: low, best and high
estimates, the source, the relay (via), the first and last dates, the
number of reports, and the document, URL and sentence of the report that
describes the claim (its earliest, one with a URL when any has one).

Columns (CSV header; the same names in JSON Lines):
  claim_id        stable id of the claim: the same claim has the same id
                  in every export of the ledger, and keeps it when later
                  documents repeat it (made from its first stored
                  report's document, offset and measure; it changes when
                  that document is forgotten or re-extracted alone)
  series, kind    the series id (tally series) and its kind: total,
                  incident or period
  scope           what the count covers, when known: incident, cumulative,
                  period, subset, background
  date_start, date_end, date_precision
                  the claim's first and last dates; date_precision says
                  what they are: "day" (a date the source stated, e.g.
                  "on Monday"), "published" (no date was stated: these are
                  publication dates, the figure was stated on or before
                  them), "" (undated)
  low, best, high the counts the figure allows: exact 1,100 → 1100, 1100,
                  1100; "around 1,100" → ±10%: 990, 1100, 1210; "more
                  than 1,000" → 1000, 1000, empty (an open top is an empty
                  cell); "up to 12,000" → 0, 12000, 12000; "10,000 to
                  12,000" → 10000, 11000, 12000; vague words by their
                  reading ("thousands" → 2000, 2000, 9999)
  figure          the figure in one notation: 1,100, ≈1,100, ≥1,000,
                  ≤12,000, 10,000–12,000, thousands
  doc, url, sentence
                  the describing report's document id, URL ("" for a
                  document read from a file without one) and sentence

Options:
  --db DSN                 ledger (default $TALLY_DB, else tally.db)
  --series S               only series S (e.g. "North Korea/casualties")
  --format csv|jsonl       output format (default csv)
`

// openLedger opens an existing ledger for reading, with one clear line on
// failure.
func openLedger(ctx context.Context, name, db string, stderr io.Writer) (store.Store, bool) {
	st, err := store.OpenExisting(ctx, store.DSN(db))
	if err != nil {
		if errors.Is(err, store.ErrNoLedger) {
			fmt.Fprintf(stderr, "tally %s: no ledger at %s; run tally ingest first, or point --db at one\n", name, store.DSN(db))
		} else {
			fmt.Fprintf(stderr, "tally %s: %v\n", name, oneLine(err.Error()))
		}
		return nil, false
	}
	return st, true
}

// loadSeries reads the claims of one stored series; split by place, a
// counted/measure can yield several series.
func loadSeries(ctx context.Context, st store.Store, key string) ([]series.Series, error) {
	reports, err := store.SeriesReports(ctx, st, key)
	if err != nil {
		return nil, err
	}
	return series.Build(reports), nil
}

// flagCommand parses a command's flags with the usual --help and error
// handling; ok is false when the caller should return code.
func flagCommand(name, usage string, fs *flag.FlagSet, args []string, stdout, stderr io.Writer) (rest []string, code int, ok bool) {
	fs.SetOutput(io.Discard)
	rest, err := parseInterspersed(fs, args)
	if err == flag.ErrHelp {
		fmt.Fprint(stdout, usage)
		return nil, 0, false
	}
	if err != nil {
		fmt.Fprintf(stderr, "tally %s: %v\nTry: tally %s --help\n", name, err, name)
		return nil, 2, false
	}
	return rest, 0, true
}

func runSeries(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("series", flag.ContinueOnError)
	db := fs.String("db", "", "")
	counted := fs.String("counted", "", "")
	measure := fs.String("measure", "", "")
	format := fs.String("format", "table", "")
	rest, code, ok := flagCommand("series", seriesUsage, fs, args, stdout, stderr)
	if !ok {
		return code
	}
	if len(rest) > 0 {
		fmt.Fprintf(stderr, "tally series: unexpected argument %q; did you mean tally timeline %q?\n", rest[0], rest[0])
		return 2
	}
	if *format != "table" && *format != "jsonl" && *format != "csv" {
		fmt.Fprintf(stderr, "tally series: unknown --format %q; valid: table, jsonl, csv\n", *format)
		return 2
	}
	ctx := context.Background()
	st, ok := openLedger(ctx, "series", *db, stderr)
	if !ok {
		return 1
	}
	defer st.Close()
	if err := store.Refresh(ctx, st); err != nil {
		fmt.Fprintf(stderr, "tally series: updating series summaries: %v\n", oneLine(err.Error()))
		return 1
	}
	sums, err := st.Summaries(ctx, store.SummaryFilter{Counted: *counted, Measure: *measure})
	if err != nil {
		fmt.Fprintf(stderr, "tally series: %v\n", oneLine(err.Error()))
		return 1
	}
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	switch *format {
	case "jsonl":
		enc := json.NewEncoder(w)
		for _, s := range sums {
			enc.Encode(s)
		}
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write([]string{"series", "kind", "label", "claims", "sources", "reports", "latest", "latest_source", "latest_date",
			"consensus", "consensus_low", "consensus_high", "consensus_open_above", "consensus_open_below", "conflicts", "disagree"})
		for _, s := range sums {
			rec := []string{s.Key, s.Kind, s.Label, strconv.Itoa(s.Claims), strconv.Itoa(s.Sources), strconv.Itoa(s.Reports), s.Latest,
				s.LatestSource, s.LatestDate, s.Consensus, numPtr(s.ConsensusLow), numPtr(s.ConsensusHigh),
				strconv.FormatBool(s.ConsensusOpenAbove), strconv.FormatBool(s.ConsensusOpenBelow),
				strconv.Itoa(s.Conflicts), strconv.FormatBool(s.Disagree)}
			for k := range rec {
				rec[k] = spreadsheetSafe(rec[k])
			}
			cw.Write(rec)
		}
		cw.Flush()
	default:
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "SERIES\tKIND\tCLAIMS\tSOURCES\tREPORTS\tLATEST\tCONSENSUS\tCONFLICTS")
		for _, s := range sums {
			latest := "-"
			if s.Latest != "" {
				latest = s.Latest + " (" + cell(cut(s.LatestSource, 30)) + ", " + orDash(s.LatestDate) + ")"
			}
			conflicts := strconv.Itoa(s.Conflicts)
			if s.Disagree {
				conflicts += " !"
			}
			fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%s\t%s\t%s\n", cell(cut(s.Key, 48)), orDash(s.Kind), s.Claims, s.Sources, s.Reports, latest, orDash(s.Consensus), conflicts)
		}
		tw.Flush()
	}
	return 0
}

func runTimeline(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("timeline", flag.ContinueOnError)
	db := fs.String("db", "", "")
	width := fs.Int("width", 100, "")
	format := fs.String("format", "table", "")
	rest, code, ok := flagCommand("timeline", timelineUsage, fs, args, stdout, stderr)
	if !ok {
		return code
	}
	if len(rest) != 1 {
		fmt.Fprint(stderr, "tally timeline: give one SERIES, e.g. tally timeline \"North Korea/casualties\"\n")
		return 2
	}
	key, err := series.ParseKey(rest[0])
	if err != nil {
		fmt.Fprintf(stderr, "tally timeline: %v\n", err)
		return 2
	}
	if *format != "table" && *format != "jsonl" {
		fmt.Fprintf(stderr, "tally timeline: unknown --format %q; valid: table, jsonl\n", *format)
		return 2
	}
	ctx := context.Background()
	st, ok := openLedger(ctx, "timeline", *db, stderr)
	if !ok {
		return 1
	}
	defer st.Close()
	all, err := loadSeries(ctx, st, key.Counted+"/"+key.Measure)
	if err != nil {
		fmt.Fprintf(stderr, "tally timeline: %v\n", oneLine(err.Error()))
		return 1
	}
	s := series.Find(all, key)
	if s == nil || len(s.Claims) == 0 {
		fmt.Fprintf(stderr, "tally timeline: no series %q in the ledger%s\n", key, otherParts(all, key))
		return 1
	}
	a := s.Analyze()
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	if *format == "jsonl" {
		enc := json.NewEncoder(w)
		for _, row := range a.Timeline.Rows {
			for _, c := range row.Claims {
				enc.Encode(exportRow(s, c))
			}
		}
		return 0
	}
	fmt.Fprintf(w, "%s — %s; %d claims from %d sources\n\n", s.Key, describeKind(s), len(s.Claims), len(a.Timeline.Rows))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tSOURCE\tFIGURE\tINTERVAL\tQUALIFIER\tSCOPE\tREPORTS\tVIA")
	derived, aside := false, false
	for _, c := range byDate(a.Timeline) {
		fig := series.FormatClaim(c)
		if len(c.Reports) > 0 && c.Reports[0].Derived {
			fig += " *"
			derived = true
		}
		scope := orDash(c.Scope)
		if c.Aside() {
			scope += " †"
			aside = true
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\n", claimDate(c), cell(cut(c.Source, 45)), fig,
			series.FormatInterval(c.Interval), c.Qualifier, scope, len(c.Reports), orDash(c.Via))
	}
	tw.Flush()
	if derived {
		fmt.Fprint(w, "* killed and wounded given together, added up\n")
	}
	if aside {
		fmt.Fprint(w, "† a part of another figure, or a figure for another event: shown, never compared\n")
	}
	fmt.Fprintf(w, "\n%s\n", series.Chart(a.Timeline, *width))
	fmt.Fprintf(w, "\nConsensus: %s\n", a.Consensus)
	if len(a.Conflicts) > 0 {
		fmt.Fprintf(w, "\nConflicts (%d):\n", len(a.Conflicts))
		for _, c := range a.Conflicts {
			fmt.Fprintf(w, "  ! %s\n", c.Reason())
		}
	}
	for _, sp := range a.Spreads {
		if sp.Disagree {
			fmt.Fprintf(w, "\nHighest and lowest estimates disagree, %s to %s: %s\n", sp.From, sp.To, sp.Reason)
		}
	}
	warnings, err := consistency(ctx, st, s.Key)
	if err != nil {
		fmt.Fprintf(stderr, "tally timeline: checking related series: %v\n", oneLine(err.Error()))
		return 1
	}
	if len(warnings) > 0 {
		fmt.Fprintf(w, "\nConsistency warnings (%d):\n", len(warnings))
		for _, wn := range warnings {
			fmt.Fprintf(w, "  ? %s\n", wn.Message)
		}
	}
	return 0
}

// consistency checks a series against the related series of its counted
// group (killed ≤ casualties ≤ deployed; a cumulative count that falls)
// and keeps the warnings that involve it.
func consistency(ctx context.Context, st store.Store, k series.Key) ([]series.Warning, error) {
	var all []series.Series
	for _, m := range []string{"killed", "wounded", "casualties", "deployed"} {
		ss, err := loadSeries(ctx, st, k.Counted+"/"+m)
		if err != nil {
			return nil, err
		}
		all = append(all, ss...)
	}
	if !slices.ContainsFunc(all, func(s series.Series) bool { return s.Key.Match(k) }) {
		ss, err := loadSeries(ctx, st, k.Counted+"/"+k.Measure)
		if err != nil {
			return nil, err
		}
		all = append(all, ss...)
	}
	var out []series.Warning
	for _, wn := range series.Consistency(all) {
		if involves(wn.A, k) || involves(wn.B, k) {
			out = append(out, wn)
		}
	}
	return out, nil
}

func involves(c *series.Claim, k series.Key) bool {
	return c != nil && strings.EqualFold(c.Measure, k.Measure) && strings.EqualFold(c.Counted, k.Counted) &&
		(k.Location == "" || strings.EqualFold(c.Location, k.Location))
}

// claimDate is a claim's date as tables show it: the date its source
// stated, "pub DATE" when only its article's publication date places it,
// "-" when undated.
func claimDate(c *series.Claim) string {
	switch {
	case c.Date == "":
		return "-"
	case c.Stated:
		return c.Date
	}
	return "pub " + c.Date
}

// describeKind says in words what a series is.
func describeKind(s *series.Series) string {
	switch s.Kind {
	case series.KindIncident:
		if s.Label == "" || strings.HasPrefix(s.Key.Part, "report-") {
			return "the undated figures of one report"
		}
		return "one incident (" + s.Label + ")"
	case series.KindPeriod:
		return "the total of one period (" + s.Label + ")"
	}
	return "the running total"
}

// otherParts names the series a counted/measure is split into, for a
// message about one that is not there.
func otherParts(all []series.Series, k series.Key) string {
	var names []string
	for _, s := range all {
		if len(s.Claims) > 0 {
			names = append(names, s.Key.String())
		}
	}
	if len(names) == 0 {
		return "; tally series lists them"
	}
	more := ""
	if len(names) > 8 {
		more = fmt.Sprintf(" and %d more", len(names)-8)
		names = names[:8]
	}
	return fmt.Sprintf("; %s/%s has: %s%s (tally series lists them)", k.Counted, k.Measure, strings.Join(names, ", "), more)
}

// byDate lists a timeline's claims by date, then source; undated last.
func byDate(t series.Timeline) []*series.Claim {
	var out []*series.Claim
	for _, r := range t.Rows {
		out = append(out, r.Claims...)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if (a.Date == "") != (b.Date == "") {
			return b.Date == ""
		}
		if a.Date != b.Date {
			return a.Date < b.Date
		}
		return a.Source < b.Source
	})
	return out
}

// claimExport is one exported claim, UCDP-GED style (the columns are
// explained in exportUsage).
type claimExport struct {
	ClaimID       string   `json:"claim_id"`
	Series        string   `json:"series"`
	Kind          string   `json:"kind"`
	Counted       string   `json:"counted"`
	Measure       string   `json:"measure"`
	Location      string   `json:"location,omitempty"`
	Scope         string   `json:"scope,omitempty"`
	Source        string   `json:"source"`
	Via           string   `json:"via,omitempty"`
	DateStart     string   `json:"date_start"`
	DateEnd       string   `json:"date_end"`
	DatePrecision string   `json:"date_precision"`
	Low           *float64 `json:"low"`
	Best          *float64 `json:"best"`
	High          *float64 `json:"high"`
	Qualifier     string   `json:"qualifier"`
	Figure        string   `json:"figure"`
	NumberText    string   `json:"number_text"`
	Hedged        bool     `json:"hedged"`
	Reports       int      `json:"reports"`
	Documents     int      `json:"documents"`
	Doc           string   `json:"doc"`
	URL           string   `json:"url"`
	Sentence      string   `json:"sentence"`
}

var exportHeader = []string{"claim_id", "series", "kind", "counted", "measure", "location", "scope", "source", "via",
	"date_start", "date_end", "date_precision", "low", "best", "high", "qualifier", "figure", "number_text", "hedged",
	"reports", "documents", "doc", "url", "sentence"}

func (e *claimExport) record() []string {
	rec := []string{e.ClaimID, e.Series, e.Kind, e.Counted, e.Measure, e.Location, e.Scope, e.Source, e.Via,
		e.DateStart, e.DateEnd, e.DatePrecision, numPtr(e.Low), numPtr(e.Best), numPtr(e.High), e.Qualifier, e.Figure,
		e.NumberText, strconv.FormatBool(e.Hedged), strconv.Itoa(e.Reports), strconv.Itoa(e.Documents), e.Doc, e.URL, e.Sentence}
	for k := range rec {
		rec[k] = spreadsheetSafe(rec[k])
	}
	return rec
}

// exportRow turns a claim into low/best/high: the interval's bounds (an
// open top is null) and the best single number the figure states.
func exportRow(s *series.Series, c *series.Claim) claimExport {
	e := claimExport{ClaimID: c.ID(), Series: s.Key.String(), Kind: s.Kind, Counted: c.Counted, Measure: c.Measure,
		Location: c.Location, Scope: c.Scope, Source: c.Source, Via: c.Via, DateStart: c.Date, DateEnd: c.Last,
		Qualifier: c.Qualifier, Figure: series.FormatClaim(c), NumberText: c.NumberText, Hedged: c.Hedged,
		Reports: len(c.Reports), Documents: c.Documents(), Doc: c.FirstDoc, URL: c.FirstURL, Sentence: c.FirstSentence}
	e.DatePrecision = c.DatePrecision()
	lo, hi := c.Interval.Low, c.Interval.High
	e.Low = &lo
	if !math.IsInf(hi, 1) {
		e.High = &hi
	}
	if b := c.Best(); !math.IsNaN(b) && !math.IsInf(b, 0) {
		e.Best = &b
	}
	return e
}

func runExport(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	db := fs.String("db", "", "")
	only := fs.String("series", "", "")
	format := fs.String("format", "csv", "")
	rest, code, ok := flagCommand("export", exportUsage, fs, args, stdout, stderr)
	if !ok {
		return code
	}
	if len(rest) > 0 {
		fmt.Fprintf(stderr, "tally export: unexpected argument %q; use --series\n", rest[0])
		return 2
	}
	if *format != "csv" && *format != "jsonl" {
		fmt.Fprintf(stderr, "tally export: unknown --format %q; valid: csv, jsonl\n", *format)
		return 2
	}
	var want *series.Key
	if *only != "" {
		k, err := series.ParseKey(*only)
		if err != nil {
			fmt.Fprintf(stderr, "tally export: --series: %v\n", err)
			return 2
		}
		want = &k
	}
	ctx := context.Background()
	st, ok := openLedger(ctx, "export", *db, stderr)
	if !ok {
		return 1
	}
	defer st.Close()
	var keys []string
	if want != nil {
		keys = []string{want.Counted + "/" + want.Measure}
	} else {
		infos, err := st.Series(ctx)
		if err != nil {
			fmt.Fprintf(stderr, "tally export: %v\n", oneLine(err.Error()))
			return 1
		}
		for _, in := range infos {
			keys = append(keys, in.Key)
		}
	}
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	var cw *csv.Writer
	var enc *json.Encoder
	if *format == "csv" {
		cw = csv.NewWriter(w)
		defer cw.Flush()
		cw.Write(exportHeader)
	} else {
		enc = json.NewEncoder(w)
	}
	found := false
	for _, key := range keys {
		all, err := loadSeries(ctx, st, key)
		if err != nil {
			fmt.Fprintf(stderr, "tally export: %s: %v\n", key, oneLine(err.Error()))
			return 1
		}
		for i := range all {
			s := &all[i]
			if want != nil && !s.Key.Match(*want) {
				continue
			}
			for k := range s.Claims {
				found = true
				e := exportRow(s, &s.Claims[k])
				if enc != nil {
					enc.Encode(e)
					continue
				}
				cw.Write(e.record())
			}
		}
	}
	if want != nil && !found {
		fmt.Fprintf(stderr, "tally export: no series %q in the ledger; tally series lists them\n", *only)
		return 1
	}
	return 0
}

// numPtr is a CSV cell for a number: empty when there is none.
func numPtr(v *float64) string {
	if v == nil || math.IsNaN(*v) || math.IsInf(*v, 0) {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return s
}
