package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tally-news/tally/internal/claim"
	"github.com/tally-news/tally/internal/pipeline"
	"github.com/tally-news/tally/internal/store"
)

// tallyFigures runs `tally figures args...` in-process.
func tallyFigures(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(append([]string{"figures"}, args...), strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// figuresLedger stores the seed article and two wire items, with the
// figures the extractor finds in them, and returns the ledger's path and
// the seed's text.
func figuresLedger(t *testing.T) (path, seed string) {
	t.Helper()
	text, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	docs := []claim.Document{
		{ID: "seed", URL: "https://www.themoscowtimes.com/2024/12/23/seed", Title: "North Korean losses",
			Publisher: "The Moscow Times", Published: "2024-12-23", Text: string(text)},
		{ID: "w1", URL: "https://example.org/w1", Title: "=HYPERLINK(\"http://evil.example\")",
			Published: "2025-03-02", Text: "At least 12 people were killed in the blast in Kabul, police said on Sunday."},
		{ID: "w2", Title: "Floods", Published: "2025-04-10",
			Text: "About 5,000 people fled their homes after the floods, the United Nations said on Thursday."},
	}
	path = filepath.Join(t.TempDir(), "ledger.db")
	ctx := context.Background()
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, d := range docs {
		figs := pipeline.Extract(d)
		if len(figs) == 0 {
			t.Fatalf("no figures in %s", d.ID)
		}
		if _, err := st.Add(ctx, d, figs); err != nil {
			t.Fatal(err)
		}
	}
	return path, string(text)
}

func decodeRows(t *testing.T, out string) []store.Row {
	t.Helper()
	var rows []store.Row
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if line == "" {
			continue
		}
		var r store.Row
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("bad JSONL line %q: %v", line, err)
		}
		rows = append(rows, r)
	}
	return rows
}

func TestFiguresJSONL(t *testing.T) {
	db, seed := figuresLedger(t)
	code, out, errs := tallyFigures("--db", db, "--format", "jsonl")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	rows := decodeRows(t, out)
	if len(rows) != 6 {
		t.Fatalf("got %d figures, want 6 (4 seed, 2 wire):\n%s", len(rows), out)
	}
	// Newest first: the floods (2025-04-10), the blast, then the seed.
	if rows[0].Doc != "w2" || rows[1].Doc != "w1" || rows[2].Doc != "seed" {
		t.Errorf("order: %s %s %s", rows[0].Doc, rows[1].Doc, rows[2].Doc)
	}
	for _, r := range rows[2:] {
		if got := seed[r.Span[0]:r.Span[1]]; got != r.NumberText {
			t.Errorf("stored span %v is %q, number_text %q", r.Span, got, r.NumberText)
		}
		if got := seed[r.SentenceSpan[0]:r.SentenceSpan[1]]; got != r.Sentence {
			t.Errorf("stored sentence_span %v is %q", r.SentenceSpan, got)
		}
		if r.Title != "North Korean losses" || r.URL == "" || r.Published != "2024-12-23" || r.Series == "" {
			t.Errorf("document fields missing: %+v", r)
		}
	}
	// The contract's field names are all there.
	first := strings.SplitN(out, "\n", 2)[0]
	for _, field := range []string{"doc", "sentence", "span", "number_text", "value", "low", "high", "qualifier",
		"measure", "subject", "counted", "location", "source", "source_text", "cue", "via", "date", "hedged",
		"sentence_span", "series", "title", "published"} {
		if !strings.Contains(first, `"`+field+`":`) {
			t.Errorf("no %q in %s", field, first)
		}
	}
}

func TestFiguresTable(t *testing.T) {
	db, _ := figuresLedger(t)
	code, out, errs := tallyFigures("--db", db)
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) != 7 {
		t.Fatalf("want a header and 6 rows:\n%s", out)
	}
	col := strings.Index(lines[0], "MEASURE")
	for _, col2 := range []string{"DATE", "NUMBER", "VALUE", "COUNTED", "SOURCE", "TITLE", "URL"} {
		if !strings.Contains(lines[0], col2) {
			t.Errorf("header lacks %s: %q", col2, lines[0])
		}
	}
	for _, l := range lines[1:] {
		if m := l[col:]; !strings.HasPrefix(m, "displaced") && !strings.HasPrefix(m, "killed") &&
			!strings.HasPrefix(m, "casualties") && !strings.HasPrefix(m, "deployed") {
			t.Errorf("MEASURE column misaligned: %q", l)
		}
	}
	if !strings.HasPrefix(lines[1], "2025-04-10") || !strings.Contains(lines[1], "w2") {
		t.Errorf("a document without URL shows its id: %q", lines[1])
	}
	if !strings.Contains(out, "https://www.themoscowtimes.com/2024/12/23/seed") || !strings.Contains(out, "≥1000") {
		t.Errorf("seed rows:\n%s", out)
	}
}

func TestFiguresCSV(t *testing.T) {
	db, _ := figuresLedger(t)
	code, out, errs := tallyFigures("--db", db, "--format", "csv", "--measure", "killed")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(recs[0], ",") != strings.Join(figuresCSVHeader, ",") {
		t.Errorf("header %v", recs[0])
	}
	if len(recs) != 3 {
		t.Fatalf("want header and 2 killed figures:\n%s", out)
	}
	blast := recs[1]
	col := func(name string) string {
		for i, h := range figuresCSVHeader {
			if h == name {
				return blast[i]
			}
		}
		t.Fatalf("no column %s", name)
		return ""
	}
	if col("number_text") != "At least 12" || col("low") != "12" || col("high") != "" || col("qualifier") != "min" {
		t.Errorf("blast row: %v", blast)
	}
	if title := col("title"); !strings.HasPrefix(title, "'=") {
		t.Errorf("a formula in a title reaches the spreadsheet: %q", title)
	}
	// No match: the header alone.
	_, out, _ = tallyFigures("--db", db, "--format", "csv", "--counted", "Atlantis")
	if strings.Count(out, "\n") != 1 {
		t.Errorf("no match: %q", out)
	}
}

func TestFiguresFilters(t *testing.T) {
	db, _ := figuresLedger(t)
	count := func(args ...string) int {
		t.Helper()
		code, out, errs := tallyFigures(append([]string{"--db", db, "--format", "jsonl"}, args...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d, %s", args, code, errs)
		}
		return len(decodeRows(t, out))
	}
	for _, tc := range []struct {
		args []string
		want int
	}{
		{[]string{"--measure", "casualties"}, 2},
		{[]string{"--measure", "Casualties", "--counted", "north korea"}, 2},
		{[]string{"--counted", "North Korea"}, 4},
		{[]string{"--series", "North Korea/killed"}, 1},
		{[]string{"--source", "joint chiefs of staff (south korea)"}, 2},
		{[]string{"--source", "the South Korean military"}, 2}, // as the seed names the JCS
		{[]string{"--source", "Seoul's spy agency"}, 1},
		{[]string{"--since", "2025-01-01"}, 2},
		{[]string{"--until", "2024-12-31"}, 4},
		{[]string{"--since", "2025-03-02", "--until", "2025-03-02"}, 1},
		{[]string{"--search", "homes"}, 1},
		{[]string{"--search", "kill"}, 3}, // "killed or wounded" in the seed too
		{[]string{"--limit", "3"}, 3},
		{[]string{"--counted", "Atlantis"}, 0},
	} {
		if got := count(tc.args...); got != tc.want {
			t.Errorf("%v: %d figures, want %d", tc.args, got, tc.want)
		}
	}
}

func TestFiguresLedgerFromEnvironment(t *testing.T) {
	db, _ := figuresLedger(t)
	t.Setenv("TALLY_DB", db)
	code, out, errs := tallyFigures("--format", "jsonl", "--limit", "1")
	if code != 0 || len(decodeRows(t, out)) != 1 {
		t.Errorf("TALLY_DB: exit %d, %q, %q", code, out, errs)
	}
	// An empty match in a table says so on stderr and succeeds.
	code, out, errs = tallyFigures("--counted", "Atlantis")
	if code != 0 || out != "" || !strings.Contains(errs, "no stored figure matches") {
		t.Errorf("no match: exit %d, %q, %q", code, out, errs)
	}
}

func TestFiguresErrors(t *testing.T) {
	db, _ := figuresLedger(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--format", "xml"}, `unknown --format "xml"; valid: table, jsonl, csv`},
		{[]string{"--measure", "dead"}, `unknown --measure "dead"; valid: killed, wounded`},
		{[]string{"--since", "last week"}, `bad --since "last week"; want YYYY-MM-DD`},
		{[]string{"--until", "2025-02-30"}, `bad --until "2025-02-30"`},
		{[]string{"--since", "2025-02-01", "--until", "2025-01-01"}, "--since 2025-02-01 is after --until 2025-01-01"},
		{[]string{"--limit", "-1"}, "bad --limit -1"},
		{[]string{"--limit", "many"}, `invalid value "many" for flag -limit`},
		{[]string{"--series", "North Korea"}, "want COUNTED/MEASURE"},
		{[]string{"--search", "?!"}, "has no words"},
		{[]string{"--colour"}, "flag provided but not defined: -colour"},
		{[]string{"casualties"}, `unexpected argument "casualties"`},
	} {
		code, out, errs := tallyFigures(append([]string{"--db", db}, tc.args...)...)
		lines := strings.Split(strings.TrimRight(errs, "\n"), "\n")
		if code != 2 || out != "" || !strings.Contains(lines[0], tc.want) || len(lines) != 2 || lines[1] != "Try: tally figures --help" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and %q", tc.args, code, out, errs, tc.want)
		}
	}

	dir := t.TempDir()
	notes := filepath.Join(dir, "notes.txt")
	os.WriteFile(notes, []byte("not a database"), 0o644)
	for _, tc := range []struct {
		db, want string
	}{
		{filepath.Join(dir, "none.db"), "none.db: no ledger here yet; run 'tally ingest' first, or choose one with --db or TALLY_DB"},
		{notes, "notes.txt: not a tally ledger"},
		{"postgres://localhost:notaport/x", "bad PostgreSQL URL"},
	} {
		code, out, errs := tallyFigures("--db", tc.db)
		if code != 1 || out != "" || !strings.Contains(errs, tc.want) || strings.Count(errs, "\n") != 1 {
			t.Errorf("--db %s: exit %d, stderr %q; want exit 1 and %q", tc.db, code, errs, tc.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "none.db")); err == nil {
		t.Error("tally figures created a ledger")
	}
}

func TestFiguresUsage(t *testing.T) {
	code, out, errs := tallyFigures("--help")
	if code != 0 || errs != "" || !strings.HasPrefix(out, "Usage: tally figures") {
		t.Errorf("--help: exit %d, %q", code, errs)
	}
	var b bytes.Buffer
	run([]string{"--help"}, nil, &b, &b)
	if !strings.Contains(b.String(), "figures") {
		t.Errorf("tally --help does not list figures:\n%s", b.String())
	}
}
