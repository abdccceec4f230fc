package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCorrections: tally docs lists what was stored; a re-ingest of an
// undated file with --published updates it; tally forget deletes a
// document with its figures; tally reextract re-reads stored texts.
func TestCorrections(t *testing.T) {
	dir := t.TempDir()
	story := filepath.Join(dir, "floods.txt")
	os.WriteFile(story, []byte("Floods displace 4,000\n\nFloods have displaced about 4,000 people in the north, the disaster agency said on Tuesday.\n"), 0o644)
	other := filepath.Join(dir, "quake.txt")
	os.WriteFile(other, []byte("Quake kills 12\n\nAn earthquake killed 12 people in the hills, police said.\n"), 0o644)
	db := filepath.Join(dir, "l.db")
	if code, _, stderr := runTally("ingest", "--quiet", "--db", db, story, other); code != 0 {
		t.Fatalf("ingest: %s", stderr)
	}

	code, out, _ := runTally("docs", "--db", db)
	if code != 0 || !strings.Contains(out, story) || !strings.Contains(out, "Floods displace 4,000") || strings.Count(out, "\n") != 3 {
		t.Errorf("docs:\n%s", out)
	}
	_, out, _ = runTally("docs", "--db", db, "--search", "quake", "--format", "jsonl")
	var d struct {
		ID        string `json:"id"`
		Published string `json:"published"`
		Figures   int    `json:"figures"`
	}
	if json.Unmarshal([]byte(out), &d) != nil || d.ID != other || d.Published != "" || d.Figures == 0 {
		t.Errorf("docs --search quake: %s", out)
	}

	// The same file with a publication date: updated, and its figure's
	// "on Tuesday" now resolves.
	code, _, stderr := runTally("ingest", "--quiet", "--db", db, "--published", "2025-02-14", story)
	if code != 0 || !strings.Contains(stderr, "1 updated") {
		t.Errorf("re-ingest with --published: exit %d %s", code, stderr)
	}
	_, out, _ = runTally("figures", "--db", db, "--measure", "displaced", "--format", "jsonl")
	if !strings.Contains(out, `"date":"2025-02-11"`) || !strings.Contains(out, `"published":"2025-02-14"`) {
		t.Errorf("the updated figure: %s", out)
	}

	if code, _, stderr := runTally("forget", "--db", db, other); code != 0 || !strings.Contains(stderr, "deleted with 2 figures") {
		t.Errorf("forget: exit %d %s", code, stderr)
	}
	if _, out, _ := runTally("figures", "--db", db, "--measure", "killed", "--format", "jsonl"); out != "" {
		t.Errorf("forgotten figures are still listed: %s", out)
	}
	if code, _, stderr := runTally("forget", "--db", db, "nope"); code != 1 || !strings.Contains(stderr, "tally docs lists them") {
		t.Errorf("forget an unknown id: exit %d %s", code, stderr)
	}

	code, _, stderr = runTally("reextract", "--db", db, "--all")
	if code != 0 || !strings.Contains(stderr, "1 documents: 2 figures before, 2 now") {
		t.Errorf("reextract --all: exit %d %s", code, stderr)
	}
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"reextract", "--db", db}, 2, "give document ids"},
		{[]string{"reextract", "--db", db, "--all", story}, 2, "not both"},
		{[]string{"reextract", "--db", db, "nope"}, 1, "no document with this id"},
		{[]string{"forget", "--db", db}, 2, "give the id"},
		{[]string{"docs", "--db", db, "--format", "xml"}, 2, "unknown --format"},
	} {
		if code, _, stderr := runTally(tc.args...); code != tc.code || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d %q", tc.args, code, stderr)
		}
	}
}

// A text file of URLs is a URL list: a broken one is refused with a hint
// and nothing is stored as an article.
func TestIngestURLList(t *testing.T) {
	dir := t.TempDir()
	list := filepath.Join(dir, "urls.txt")
	os.WriteFile(list, []byte("https://news.example/a\nhttps://news.example/b\nhttps://news.example/c\nread these\n"), 0o644)
	db := filepath.Join(dir, "l.db")
	code, _, stderr := runTally("ingest", "--quiet", "--db", db, list)
	if code != 1 || !strings.Contains(stderr, "looks like a list of URLs, but line 4") {
		t.Errorf("ingest of a broken URL list: exit %d %s", code, stderr)
	}
	if _, out, _ := runTally("docs", "--db", db, "--format", "jsonl"); out != "" {
		t.Errorf("stored: %s", out)
	}
}
