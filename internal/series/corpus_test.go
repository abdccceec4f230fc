package series

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tally-news/tally/internal/claim"
)

// devCorpus is shared/corpus/dev beside the repository; absent in a
// checkout without shared/.
const devCorpus = "../../../shared/corpus/dev"

// readJSONL decodes one JSON object per line into fn.
func readJSONL(t *testing.T, path string, fn func(line []byte) error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		if len(strings.TrimSpace(sc.Text())) == 0 {
			continue
		}
		if err := fn(sc.Bytes()); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}

// devReports builds reports from the dev set's gold figures, with each
// document's URL and publication date from docs.jsonl.
func devReports(t *testing.T) []Report {
	if _, err := os.Stat(filepath.Join(devCorpus, "figures.jsonl")); err != nil {
		t.Skipf("dev corpus absent: %v", err)
	}
	type doc struct{ ID, URL, Published string }
	docs := map[string]doc{}
	readJSONL(t, filepath.Join(devCorpus, "docs.jsonl"), func(b []byte) error {
		var d doc
		err := json.Unmarshal(b, &d)
		docs[d.ID] = d
		return err
	})
	var reports []Report
	readJSONL(t, filepath.Join(devCorpus, "figures.jsonl"), func(b []byte) error {
		var g struct {
			claim.Figure
			Quote string `json:"quote"`
		}
		if err := json.Unmarshal(b, &g); err != nil {
			return err
		}
		g.Sentence = g.Quote
		d := docs[g.Doc]
		reports = append(reports, Report{ID: int64(len(reports) + 1), Doc: g.Doc, URL: d.URL, Published: d.Published, Figure: g.Figure})
		return nil
	})
	return reports
}

// TestDevCorpus is the acceptance check on the hand-labelled dev
// set: the North Korea/casualties series lists separate sources with
// dates and intervals, and the disagreement between its highest and
// lowest estimates of December 2024 (Seoul's ≈1,100 against Zelensky's
// 3,000+) is flagged.
func TestDevCorpus(t *testing.T) {
	reports := devReports(t)
	all := Build(reports)
	s := Find(all, Key{Counted: "North Korea", Measure: "casualties"})
	if s == nil {
		t.Fatal("no North Korea/casualties series")
	}
	tl := s.Timeline()
	t.Logf("\n%s", Chart(tl, 100))
	cons := s.Consensus()
	t.Logf("\n%s", ConsensusChart(cons, 100))

	sources := map[string]bool{}
	for _, r := range tl.Rows {
		sources[r.Source] = true
		for _, c := range r.Claims {
			t.Logf("%-36s %-10s %-8s %-14s docs=%d", r.Source, c.Date, FormatClaim(c), FormatInterval(c.Interval), c.Documents())
		}
	}
	for _, want := range []string{jcs, zelensky} {
		if !sources[want] {
			t.Errorf("timeline lacks %s; has %v", want, sources)
		}
	}
	// Kirby's "over the past week 1,000 … were killed or wounded" is a
	// week's count, not the running total: it has a series of its own.
	if sources[kirby] {
		t.Errorf("Kirby's weekly count is in the running total")
	}
	week := false
	for _, o := range all {
		if o.Key.Base() == s.Key && o.Kind == KindPeriod && o.Label == "week" {
			week = len(o.Claims) > 0 && o.Claims[0].Source == kirby
		}
	}
	if !week {
		t.Errorf("no weekly series for Kirby's count")
	}
	dated := 0
	for i := range s.Claims {
		if s.Claims[i].Dated() {
			dated++
		}
	}
	if dated < 3 {
		t.Errorf("only %d dated claims", dated)
	}
	var flagged *Spread
	for _, sp := range s.Spreads() {
		t.Logf("spread %s–%s: %s", sp.From, sp.To, sp.Reason)
		if sp.Disagree {
			flagged = &sp
		}
	}
	if flagged == nil {
		t.Fatal("the disagreement between the highest and lowest estimates is not flagged")
	}
	if flagged.Lowest.Source != jcs || flagged.Highest.Source != zelensky {
		t.Errorf("flagged %s vs %s, want JCS vs Zelensky", flagged.Lowest.Source, flagged.Highest.Source)
	}
	if len(s.Conflicts()) == 0 {
		t.Error("no conflict between JCS and Zelensky")
	}
	for _, c := range s.Conflicts() {
		t.Log("conflict:", c.Reason())
	}
	for _, w := range Consistency(all) {
		t.Log("warning:", w.Message)
	}
	for _, sum := range Summarize(reports) {
		latest := ""
		if sum.Latest != nil {
			latest = sum.Latest.Source + " " + FormatClaim(sum.Latest) + " " + sum.Latest.Date
		}
		t.Logf("%-28s claims=%d sources=%d reports=%d latest=%s consensus=%s", sum.Key, sum.Claims, sum.Sources, sum.Reports, latest, sum.Consensus)
	}
}
