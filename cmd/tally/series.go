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

Lists every series in the ledger — what a set of claims measures, as
counted/measure (e.g. "North Korea/casualties") — with its number of
claims (distinct assertions: ten outlets repeating one source's figure are
one claim), independent sources and reports, its latest figure, the
consensus range (spanned by the latest claim of each independent source)
and the number of conflicts. Largest series first.

Options:
  --db DSN                 ledger (default $TALLY_DB, else tally.db)
  --counted C              only series counting C (e.g. "North Korea")
  --measure M              only series of measure M (e.g. casualties)
  --format table|jsonl|csv output format (default table)
`

const timelineUsage = `Usage: tally timeline [options] SERIES

Shows one series — SERIES is counted/measure, e.g. "North Korea/casualties"
(tally series lists them) — as a table by date and source: each claim's
figure, the interval it allows, its qualifier, relay and number of
reports; then a chart of the timeline, the consensus range, the conflicts
between independent sources and the spread between the highest and the
lowest estimate of each period.

Options:
  --db DSN                 ledger (default $TALLY_DB, else tally.db)
  --width N                chart width in columns (default 100)
  --format table|jsonl     output format (default table)
`

const exportUsage = `Usage: tally export [options]

Exports claims, one row each, in the manner of UCDP GED: low, best and high
estimates, the source, the relay (via), the first and last dates, the
number of reports and the first report's URL and sentence.

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
		cw.Write([]string{"series", "claims", "sources", "reports", "latest", "latest_source", "latest_date", "consensus_low", "consensus_high", "conflicts", "disagree"})
		for _, s := range sums {
			cw.Write([]string{s.Key, strconv.Itoa(s.Claims), strconv.Itoa(s.Sources), strconv.Itoa(s.Reports), s.Latest, s.LatestSource, s.LatestDate,
				numPtr(s.ConsensusLow), numPtr(s.ConsensusHigh), strconv.Itoa(s.Conflicts), strconv.FormatBool(s.Disagree)})
		}
		cw.Flush()
	default:
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "SERIES\tCLAIMS\tSOURCES\tREPORTS\tLATEST\tCONSENSUS\tCONFLICTS")
		for _, s := range sums {
			latest := "-"
			if s.Latest != "" {
				latest = s.Latest + " (" + cell(cut(s.LatestSource, 30)) + ", " + orDash(s.LatestDate) + ")"
			}
			conflicts := strconv.Itoa(s.Conflicts)
			if s.Disagree {
				conflicts += " !"
			}
			fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%s\t%s\t%s\n", cell(cut(s.Key, 40)), s.Claims, s.Sources, s.Reports, latest, orDash(s.Consensus), conflicts)
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
		fmt.Fprintf(stderr, "tally timeline: no series %q in the ledger; tally series lists them\n", key)
		return 1
	}
	a := s.Analyze()
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	if *format == "jsonl" {
		enc := json.NewEncoder(w)
		for _, row := range a.Timeline.Rows {
			for _, c := range row.Claims {
				enc.Encode(exportRow(s.Key, c))
			}
		}
		return 0
	}
	fmt.Fprintf(w, "%s — %d claims from %d sources\n\n", s.Key, len(s.Claims), len(a.Timeline.Rows))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tSOURCE\tFIGURE\tINTERVAL\tQUALIFIER\tREPORTS\tVIA")
	derived := false
	for _, c := range byDate(a.Timeline) {
		fig := series.FormatClaim(c)
		if len(c.Reports) > 0 && c.Reports[0].Derived {
			fig += " *"
			derived = true
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%s\n", orDash(c.Date), cell(cut(c.Source, 45)), fig,
			series.FormatInterval(c.Interval), c.Qualifier, len(c.Reports), orDash(c.Via))
	}
	tw.Flush()
	if derived {
		fmt.Fprint(w, "* killed and wounded given together, added up\n")
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

// claimExport is one exported claim, UCDP-GED style.
type claimExport struct {
	Series        string   `json:"series"`
	Counted       string   `json:"counted"`
	Measure       string   `json:"measure"`
	Location      string   `json:"location,omitempty"`
	Source        string   `json:"source"`
	Via           string   `json:"via,omitempty"`
	DateStart     string   `json:"date_start"`
	DateEnd       string   `json:"date_end"`
	Low           *float64 `json:"low"`
	Best          *float64 `json:"best"`
	High          *float64 `json:"high"`
	Qualifier     string   `json:"qualifier"`
	NumberText    string   `json:"number_text"`
	Hedged        bool     `json:"hedged"`
	Reports       int      `json:"reports"`
	Documents     int      `json:"documents"`
	FirstURL      string   `json:"first_url"`
	FirstSentence string   `json:"first_sentence"`
}

// exportRow turns a claim into low/best/high: the interval's bounds (an
// open top is null) and the best single number the figure states.
func exportRow(k series.Key, c *series.Claim) claimExport {
	e := claimExport{Series: k.String(), Counted: c.Counted, Measure: c.Measure, Location: c.Location, Source: c.Source, Via: c.Via,
		DateStart: c.Date, DateEnd: c.Last, Qualifier: c.Qualifier, NumberText: c.NumberText, Hedged: c.Hedged,
		Reports: len(c.Reports), Documents: c.Documents(), FirstURL: c.FirstURL, FirstSentence: c.FirstSentence}
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
		cw.Write([]string{"series", "counted", "measure", "location", "source", "via", "date_start", "date_end", "low", "best", "high",
			"qualifier", "number_text", "hedged", "reports", "documents", "first_url", "first_sentence"})
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
				e := exportRow(s.Key, &s.Claims[k])
				if enc != nil {
					enc.Encode(e)
					continue
				}
				cw.Write([]string{e.Series, e.Counted, e.Measure, e.Location, e.Source, e.Via, e.DateStart, e.DateEnd,
					numPtr(e.Low), numPtr(e.Best), numPtr(e.High), e.Qualifier, e.NumberText, strconv.FormatBool(e.Hedged),
					strconv.Itoa(e.Reports), strconv.Itoa(e.Documents), e.FirstURL, e.FirstSentence})
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
