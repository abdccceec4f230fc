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
	if code != 0 || strings.Count(out, "\n") != 1 || json.Unmarshal([]byte(out), &sum) != nil {
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
		"Joint Chiefs of Staff (South Korea)", "Volodymyr Zelensky", "John Kirby", "Main Intelligence Directorate (Ukraine)",
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
	for _, h := range []string{"low", "best", "high", "source", "via", "date_start", "first_url", "first_sentence"} {
		if _, ok := col[h]; !ok {
			t.Errorf("export has no %q column: %v", h, recs[0])
		}
	}
	found := false
	for _, r := range recs[1:] {
		if r[col["source"]] == "Joint Chiefs of Staff (South Korea)" && r[col["best"]] == "1100" {
			found = true
			if r[col["low"]] != "990" || r[col["high"]] != "1210" || r[col["qualifier"]] != "approx" {
				t.Errorf("JCS ≈1,100 exported as low %s best %s high %s %s", r[col["low"]], r[col["best"]], r[col["high"]], r[col["qualifier"]])
			}
		}
	}
	if !found {
		t.Errorf("no JCS ≈1,100 row in the export:\n%s", out)
	}
	code, out, _ = runTally("export", "--db", db, "--format", "jsonl")
	if code != 0 || strings.Count(out, "\n") < 20 {
		t.Errorf("export --format jsonl of every series: exit %d, %d lines", code, strings.Count(out, "\n"))
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
		"Volodymyr Zelensky", "John Kirby", "2024-12-23", "2025-01-13", "990–1,210", "Highest and lowest estimates disagree"} {
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
		if f := strings.Fields(line); len(f) > 0 && strings.HasSuffix(f[0], "/killed") {
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
