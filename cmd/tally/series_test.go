package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// demoLedger is a ledger holding the bundled sample articles.
func demoLedger(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "demo.db")
	if code, _, stderr := runTally("demo", "--no-serve", "--db", db); code != 0 {
		t.Fatalf("demo --no-serve: exit %d: %s", code, stderr)
	}
	return db
}

// TestSeriesTimelineExport runs the ledger commands on the samples: the
// North Korean casualties series lists its separate sources, the timeline
// shows their dates and intervals and flags the JCS–Zelensky disagreement,
// and the export carries low/best/high per claim.
func TestSeriesTimelineExport(t *testing.T) {
	db := demoLedger(t)

	code, out, stderr := runTally("series", "--db", db)
	if code != 0 || !strings.Contains(out, "North Korea/casualties") || !strings.Contains(out, "CONSENSUS") {
		t.Fatalf("series: exit %d\n%s%s", code, out, stderr)
	}
	code, out, _ = runTally("series", "--db", db, "--counted", "north korea", "--measure", "casualties", "--format", "jsonl")
	var sum struct {
		Series    string `json:"series"`
		Claims    int
		Sources   int
		Consensus string `json:"consensus"`
		Disagree  bool   `json:"disagree"`
	}
	// The filter gives every series of the counted group and measure: the
	// running total first (the largest), then Kirby's weekly count.
	first, _, _ := strings.Cut(out, "\n")
	if code != 0 || strings.Count(out, "\n") != 2 || json.Unmarshal([]byte(first), &sum) != nil ||
		!strings.Contains(out, `"series":"North Korea/casualties#week-2024-12-27","kind":"period"`) {
		t.Fatalf("series --format jsonl filtered: exit %d\n%s", code, out)
	}
	if sum.Series != "North Korea/casualties" || sum.Sources < 4 || sum.Claims < sum.Sources || !sum.Disagree || sum.Consensus == "" {
		t.Errorf("North Korea/casualties summary: %+v", sum)
	}

	code, out, stderr = runTally("timeline", "--db", db, "North Korea/casualties")
	if code != 0 {
		t.Fatalf("timeline: exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"Joint Chiefs of Staff (South Korea)", "Volodymyr Zelensky", "Main Intelligence Directorate (Ukraine)",
		"National Intelligence Service (South Korea)", "killed and wounded given together",
		"2024-12-23", "990–1,210", "Consensus:", "intervals do not overlap", "Highest and lowest estimates disagree",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("timeline lacks %q:\n%s", want, out)
		}
	}

	code, out, stderr = runTally("export", "--db", db, "--series", "North Korea/casualties")
	if code != 0 {
		t.Fatalf("export: exit %d: %s", code, stderr)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) < 5 {
		t.Fatalf("export CSV: %v, %d rows\n%s", err, len(recs), out)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	for _, h := range []string{"claim_id", "series", "kind", "scope", "low", "best", "high", "figure", "source", "via",
		"date_start", "date_precision", "doc", "url", "sentence"} {
		if _, ok := col[h]; !ok {
			t.Errorf("export has no %q column: %v", h, recs[0])
		}
	}
	found := false
	for _, r := range recs[1:] {
		if r[col["source"]] == "Joint Chiefs of Staff (South Korea)" && r[col["best"]] == "1100" {
			found = true
			if r[col["low"]] != "990" || r[col["high"]] != "1210" || r[col["qualifier"]] != "approx" || r[col["figure"]] != "≈1,100" {
				t.Errorf("JCS ≈1,100 exported as low %s best %s high %s %s", r[col["low"]], r[col["best"]], r[col["high"]], r[col["qualifier"]])
			}
		}
		// Every row leads to its evidence, and says what its dates are.
		if !strings.HasPrefix(r[col["claim_id"]], "c") || r[col["doc"]] == "" || r[col["url"]] == "" || r[col["sentence"]] == "" {
			t.Errorf("untraceable row %v", r)
		}
		if p := r[col["date_precision"]]; p != "day" && p != "published" {
			t.Errorf("date precision %q in %v", p, r)
		}
		// An open top is an empty cell, the figure says which bound.
		if r[col["qualifier"]] == "min" && (r[col["high"]] != "" || !strings.HasPrefix(r[col["figure"]], "≥")) {
			t.Errorf("open bound written as %q / %q", r[col["high"]], r[col["figure"]])
		}
	}
	if !found {
		t.Errorf("no JCS ≈1,100 row in the export:\n%s", out)
	}
	code, out, _ = runTally("export", "--db", db, "--format", "jsonl")
	if code != 0 || strings.Count(out, "\n") < 20 {
		t.Errorf("export --format jsonl of every series: exit %d, %d lines", code, strings.Count(out, "\n"))
	}
	// Claim ids are stable: a second export gives the same.
	_, again, _ := runTally("export", "--db", db, "--format", "jsonl")
	if again != out {
		t.Error("two exports of the same ledger differ")
	}
}

// TestOneSeriesID: every id tally series prints is one tally timeline,
// tally export and tally figures take, and every figure's series column
// is one of them.
func TestOneSeriesID(t *testing.T) {
	db := demoLedger(t)
	_, out, _ := runTally("series", "--db", db, "--format", "jsonl")
	ids := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var s struct {
			Series string `json:"series"`
		}
		if err := json.Unmarshal([]byte(line), &s); err != nil {
			t.Fatal(err)
		}
		ids[s.Series] = true
		if code, _, stderr := runTally("timeline", "--db", db, s.Series); code != 0 {
			t.Errorf("timeline %q: exit %d %s", s.Series, code, stderr)
		}
		if code, out, stderr := runTally("export", "--db", db, "--series", s.Series); code != 0 || strings.Count(out, "\n") < 2 {
			t.Errorf("export --series %q: exit %d %s", s.Series, code, stderr)
		}
		if code, out, _ := runTally("figures", "--db", db, "--series", s.Series, "--format", "jsonl"); code != 0 || out == "" {
			t.Errorf("figures --series %q: exit %d, no figures", s.Series, code)
		}
	}
	_, out, _ = runTally("figures", "--db", db, "--format", "jsonl")
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var r struct {
			Series string `json:"series"`
		}
		json.Unmarshal([]byte(line), &r)
		if !ids[r.Series] {
			t.Errorf("figure in series %q, which tally series does not list", r.Series)
		}
	}
	// A counted/measure split into parts without a running total says
	// what it has.
	code, _, stderr := runTally("timeline", "--db", db, "unknown/killed")
	if code != 1 || !strings.Contains(stderr, "unknown/killed has: unknown/killed#") {
		t.Errorf("timeline of a split series: exit %d %q", code, stderr)
	}
}

func TestSeriesCommandErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "none.db")
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"series", "--db", db}, 1, "no ledger at"},
		{[]string{"series", "--format", "xml"}, 2, "unknown --format"},
		{[]string{"timeline"}, 2, "give one SERIES"},
		{[]string{"timeline", "North Korea"}, 2, ""},
		{[]string{"timeline", "--db", db, "North Korea/casualties"}, 1, "no ledger at"},
		{[]string{"export", "--format", "xlsx"}, 2, "unknown --format"},
	} {
		code, _, stderr := runTally(tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.want) || strings.Count(strings.TrimSpace(stderr), "\n") > 1 {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", tc.args, code, stderr, tc.code, tc.want)
		}
	}
	db = demoLedger(t)
	if code, _, stderr := runTally("timeline", "--db", db, "Atlantis/killed"); code != 1 || !strings.Contains(stderr, "no series") {
		t.Errorf("unknown series: exit %d, %q", code, stderr)
	}
}

// TestDevCorpusTimeline ingests shared/corpus/dev (when it is beside the
// repository): its North Korean casualties timeline lists the separate
// sources with dates and intervals, and flags the disagreement between the
// highest and lowest estimates of the same period.
func TestDevCorpusTimeline(t *testing.T) {
	docs := "../../../shared/corpus/dev/docs.jsonl"
	if _, err := os.Stat(docs); err != nil {
		t.Skipf("%s not found (no shared/ beside the repository)", docs)
	}
	db := filepath.Join(t.TempDir(), "dev.db")
	if code, _, stderr := runTally("ingest", "--quiet", "--db", db, docs); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, stderr)
	}
	code, out, stderr := runTally("timeline", "--db", db, "North Korea/casualties")
	if code != 0 {
		t.Fatalf("timeline: exit %d: %s", code, stderr)
	}
	for _, want := range []string{"Joint Chiefs of Staff (South Korea)", "National Intelligence Service (South Korea)",
		"Volodymyr Zelensky", "2024-12-23", "2025-01-13", "990–1,210", "Highest and lowest estimates disagree"} {
		if !strings.Contains(out, want) {
			t.Errorf("dev timeline lacks %q", want)
		}
	}
	t.Log("\n" + out)
}

// TestTimelineConsistency: a source whose killed figure is above its own
// casualties figure of the same day gets a warning on both timelines.
func TestTimelineConsistency(t *testing.T) {
	dir := t.TempDir()
	text := "Army counts its losses\n\nAt least 500 Moldovan soldiers were killed in the offensive, the Moldovan army said on Monday.\n\n" +
		"In all, 300 Moldovan soldiers were killed or wounded in the offensive, the Moldovan army said.\n"
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "l.db")
	if code, _, stderr := runTally("ingest", "--quiet", "--published", "2025-03-03", "--db", db, filepath.Join(dir, "a.txt")); code != 0 {
		t.Fatalf("ingest: %s", stderr)
	}
	code, out, stderr := runTally("series", "--db", db)
	if code != 0 {
		t.Fatalf("series: %s", stderr)
	}
	var key string
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) > 0 && strings.Contains(f[0], "/killed") {
			key = f[0]
		}
	}
	if key == "" {
		t.Fatalf("no killed series:\n%s", out)
	}
	code, out, stderr = runTally("timeline", "--db", db, key)
	if code != 0 || !strings.Contains(out, "Consistency warnings (1)") {
		t.Errorf("timeline %s: exit %d %s\n%s", key, code, stderr, out)
	}
}
