package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tally-news/tally/internal/claim"
	"github.com/tally-news/tally/internal/pipeline"
)

const seedPath = "../../testdata/seed.txt"

// tallyExtract runs `tally extract args...` in-process.
func tallyExtract(stdin string, args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(append([]string{"extract"}, args...), strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

// decodeFigures parses JSONL output, failing the test on a bad line.
func decodeFigures(t *testing.T, out string) []claim.Figure {
	t.Helper()
	var figs []claim.Figure
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if line == "" {
			continue
		}
		var f claim.Figure
		if err := json.Unmarshal([]byte(line), &f); err != nil {
			t.Fatalf("bad JSONL line %q: %v", line, err)
		}
		figs = append(figs, f)
	}
	return figs
}

// docsOf counts figures per document id.
func docsOf(figs []claim.Figure) map[string]int {
	n := map[string]int{}
	for _, f := range figs {
		n[f.Doc]++
	}
	return n
}

// writeFile writes a test input and returns its path.
func writeFile(t *testing.T, name string, data string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestExtractSeed(t *testing.T) {
	code, out, errs := tallyExtract("", "--published", "2024-12-23", seedPath)
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	figs := decodeFigures(t, out)
	if len(figs) != 4 {
		t.Fatalf("got %d figures, want 4:\n%s", len(figs), out)
	}
	text, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range figs {
		if f.Doc != seedPath {
			t.Errorf("doc %q, want the file path %q", f.Doc, seedPath)
		}
		if got := string(text[f.Span[0]:f.Span[1]]); got != f.NumberText {
			t.Errorf("span %v is %q in the file, number_text %q", f.Span, got, f.NumberText)
		}
	}
	if strings.Contains(out, `\u003c`) || strings.Contains(out, `\u0026`) {
		t.Errorf("HTML escaping in output:\n%s", out)
	}
}

// Flags may follow the files, as people type them.
func TestExtractFlagsAfterFiles(t *testing.T) {
	code, out, errs := tallyExtract("", seedPath, "--published", "2024-12-23")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	if n := len(decodeFigures(t, out)); n != 4 {
		t.Errorf("got %d figures, want 4", n)
	}
}

func TestExtractStdin(t *testing.T) {
	seed, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	code, out, errs := tallyExtract(string(seed), "--published", "2024-12-23", "-")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	figs := decodeFigures(t, out)
	if len(figs) != 4 || figs[0].Doc != "stdin" {
		t.Errorf("got %d figures (doc %q), want 4 from stdin:\n%s", len(figs), figs[0].Doc, out)
	}

	// JSON Lines on stdin: the id of each line is the doc.
	in := `{"id": "a1", "published": "2025-03-02", "text": "At least 12 people were killed in the blast, police said."}` + "\n"
	code, out, errs = tallyExtract(in, "-")
	if code != 0 || errs != "" {
		t.Fatalf("jsonl: exit %d, stderr %q", code, errs)
	}
	if figs := decodeFigures(t, out); len(figs) != 1 || figs[0].Doc != "a1" || figs[0].Measure != claim.Killed {
		t.Errorf("jsonl stdin:\n%s", out)
	}
}

func TestExtractTable(t *testing.T) {
	code, out, errs := tallyExtract("", "--format", "table", "--published", "2024-12-23", seedPath)
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) != 5 {
		t.Fatalf("want a header and 4 rows, got:\n%s", out)
	}
	for _, col := range []string{"DOC", "NUMBER", "MEASURE", "QUALIFIER", "VALUE", "COUNTED", "SOURCE", "DATE", "SENTENCE"} {
		if !strings.Contains(lines[0], col) {
			t.Errorf("header lacks %s: %q", col, lines[0])
		}
	}
	// Columns line up: MEASURE starts at the same column on every row.
	col := strings.Index(lines[0], "MEASURE")
	for _, want := range []string{"casualties", "killed", "casualties", "deployed"} {
		found := false
		for _, l := range lines[1:] {
			if strings.Index(l, want) == col {
				found = true
			}
		}
		if !found {
			t.Errorf("no row with %q at column %d:\n%s", want, col, out)
		}
	}
	if !strings.Contains(out, "≥1000") || !strings.Contains(out, "around 1,100") {
		t.Errorf("values missing:\n%s", out)
	}
	for _, l := range lines[1:] {
		if n := len([]rune(l)); n > 250 {
			t.Errorf("row of %d characters, sentence not cut: %q", n, l)
		}
		if !strings.HasSuffix(l, "…") {
			t.Errorf("long seed sentence not cut with …: %q", l)
		}
	}
}

// Article text is untrusted: a tab, newline or escape sequence in it must
// not break the table or reach the terminal.
func TestExtractTableSanitizes(t *testing.T) {
	in := `{"id": "x\u001b[31m\tz", "text": "At least 12 people were killed,\tpolice said.\u001b[2J"}` + "\n"
	code, out, errs := tallyExtract(in, "--format", "table", "-")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	if strings.ContainsRune(out, '\x1b') {
		t.Errorf("escape character printed: %q", out)
	}
	if n := strings.Count(out, "\n"); n != 2 {
		t.Errorf("want header and one row, got %d lines:\n%s", n, out)
	}
}

// Each bad input costs one stderr line naming it; the good file given
// after it in the same run is still extracted, and the exit status is 1.
func TestExtractBadInputGoesOn(t *testing.T) {
	tests := []struct {
		name, file, data string
		want             string // in the stderr line
		goodDocs         int    // documents of the bad input still extracted
	}{
		{"binary", "x.txt", "\x00\x01\x02binary", "x.txt: binary file", 0},
		{"invalid UTF-8", "latin1.txt", "caf\xe9: 12 people were killed.", "latin1.txt: invalid UTF-8", 0},
		{"empty", "empty.txt", "", "empty.txt: empty file", 0},
		{"malformed JSONL line", "docs.jsonl",
			`{"id": "a", "text": "At least 12 people were killed, police said."}` + "\n" +
				`{"id": "b", "text": oops}` + "\n" +
				`{"id": "c", "text": "More than 40 people were wounded, officials said."}` + "\n",
			"docs.jsonl:2: bad JSON", 2},
		{"unknown extension", "report.pdf", "%PDF-1.4", `report.pdf: unknown extension ".pdf"`, 0},
		{"missing file", "", "", "missing.txt: no such file", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "missing.txt")
			if tc.file != "" {
				path = writeFile(t, tc.file, tc.data)
			}
			code, out, errs := tallyExtract("", "--published", "2024-12-23", path, seedPath)
			if code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			if strings.Count(errs, "\n") != 1 || !strings.Contains(errs, tc.want) || !strings.Contains(errs, path) {
				t.Errorf("want one stderr line naming %s with %q, got:\n%s", path, tc.want, errs)
			}
			docs := docsOf(decodeFigures(t, out))
			if docs[seedPath] != 4 {
				t.Errorf("seed after the bad input: %d figures, want 4:\n%s", docs[seedPath], out)
			}
			if n := len(docs) - 1; n != tc.goodDocs {
				t.Errorf("%d documents of the bad input extracted, want %d:\n%s", n, tc.goodDocs, out)
			}
		})
	}
}

// A panic in the extractor costs one document, reported in one line; the
// other documents are still extracted.
func TestExtractRecoversPerDocument(t *testing.T) {
	defer func(f func(claim.Document, pipeline.Options) []claim.Figure) { extractWith = f }(extractWith)
	real := extractWith
	extractWith = func(d claim.Document, o pipeline.Options) []claim.Figure {
		if d.ID == "boom" {
			var m map[string]int
			m["x"] = 1 // assignment to a nil map panics
		}
		return real(d, o)
	}
	in := `{"id": "boom", "text": "3 killed."}` + "\n" + `{"id": "ok", "text": "At least 12 people were killed, police said."}` + "\n"
	code, out, errs := tallyExtract(in, "-")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if strings.Count(errs, "\n") != 1 || !strings.Contains(errs, "stdin: doc boom: internal error: assignment to entry in nil map") {
		t.Errorf("stderr:\n%s", errs)
	}
	if docs := docsOf(decodeFigures(t, out)); docs["ok"] != 1 || docs["boom"] != 0 {
		t.Errorf("figures: %v", docs)
	}
}

func TestExtractAliases(t *testing.T) {
	aliases := writeFile(t, "mine.toml", `[[source]]
canonical = "Valley Fire Service"
kind = "emergency"
aliases = ["Valley Brigade"]
`)
	in := `{"id": "f", "text": "At least 12 people were killed in the fire, Valley Brigade said."}` + "\n"
	code, out, errs := tallyExtract(in, "--aliases", aliases, "-")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	if figs := decodeFigures(t, out); len(figs) != 1 || figs[0].Source != "Valley Fire Service" {
		t.Errorf("user alias not applied:\n%s", out)
	}

	bad := writeFile(t, "bad.toml", "[[source]]\nkind = \"ngo\"\n")
	if code, _, errs := tallyExtract(in, "--aliases", bad, "-"); code != 2 || !strings.Contains(errs, "bad.toml:1") || strings.Count(errs, "\n") != 1 {
		t.Errorf("bad alias file: exit %d, stderr %q", code, errs)
	}
	if code, _, errs := tallyExtract(in, "--aliases", "/nonexistent/a.toml", "-"); code != 2 || !strings.Contains(errs, "a.toml") {
		t.Errorf("missing alias file: exit %d, stderr %q", code, errs)
	}
}

func TestExtractUsage(t *testing.T) {
	code, out, _ := tallyExtract("", "--help")
	if code != 0 || !strings.Contains(out, "Usage: tally extract") || !strings.Contains(out, "Options:") || !strings.Contains(out, "Examples:") {
		t.Errorf("--help: exit %d\n%s", code, out)
	}
	if code, _, errs := tallyExtract(""); code != 2 || !strings.Contains(errs, "Usage: tally extract") {
		t.Errorf("no files: exit %d, stderr %q", code, errs)
	}
	if code, _, errs := tallyExtract("", "--published", "23/12/2024", seedPath); code != 2 || !strings.Contains(errs, "YYYY-MM-DD") || strings.Count(errs, "\n") != 1 {
		t.Errorf("bad --published: exit %d, stderr %q", code, errs)
	}
	if code, _, errs := tallyExtract("", "--format", "xml", seedPath); code != 2 || !strings.Contains(errs, "valid: jsonl, table") {
		t.Errorf("bad --format: exit %d, stderr %q", code, errs)
	}
	if code, _, errs := tallyExtract("", "--colour", seedPath); code != 2 || !strings.Contains(errs, "colour") || !strings.Contains(errs, "Try: tally extract --help") {
		t.Errorf("unknown flag: exit %d, stderr %q", code, errs)
	}
}

func TestTallyUsage(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"--help"}, nil, &out, &errb); code != 0 || !strings.Contains(out.String(), "extract") || !strings.Contains(out.String(), "Commands:") {
		t.Errorf("tally --help: exit %d\n%s", code, out.String())
	}
	out.Reset()
	if code := run(nil, nil, &out, &errb); code != 2 || !strings.Contains(out.String(), "Usage: tally COMMAND") {
		t.Errorf("tally: exit %d\n%s", code, out.String())
	}
	out.Reset()
	if code := run([]string{"frobnicate"}, nil, &out, &errb); code != 2 || !strings.Contains(errb.String(), `unknown command "frobnicate"`) {
		t.Errorf("unknown command: exit %d, stderr %q", code, errb.String())
	}
}
