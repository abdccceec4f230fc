package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tally-news/tally/internal/claim"
)

// tallyText runs `tally text args...` in-process.
func tallyText(stdin string, args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(append([]string{"text"}, args...), strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestTextSeed(t *testing.T) {
	code, out, errs := tallyText("", "../../testdata/seed.txt")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	if strings.Contains(out, "Dear readers") || strings.Contains(out, "$2") {
		t.Errorf("appeal printed:\n%s", out)
	}
	if n := strings.Count(strings.TrimSpace(out), "\n") + 1; n != 9 {
		t.Errorf("printed %d lines, want the 9 article paragraphs:\n%s", n, out)
	}
}

func TestTextHTMLHeader(t *testing.T) {
	code, out, errs := tallyText("", "../../internal/htmltext/testdata/article.html")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	want := "Flooding displaces 4,200 in river valley\n2025-03-14 · The Valley Ledger\nhttps://ledger.example/news/2025/03/flooding-displaces-4200\n\nFloodwaters forced"
	if !strings.HasPrefix(out, want) {
		t.Errorf("output starts\n%.300s\nwant\n%s", out, want)
	}
}

func TestTextJSONL(t *testing.T) {
	in := `{"id": "a", "text": "12 killed.\nRead more: other story\nAdvertisement"}` + "\n" + `{"id": "b", "text": "5 wounded."}` + "\n"
	code, out, errs := tallyText(in, "--format", "jsonl", "--published", "2025-01-27", "-")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("got %d lines:\n%s", len(lines), out)
	}
	var d claim.Document
	if err := json.Unmarshal([]byte(lines[0]), &d); err != nil {
		t.Fatal(err)
	}
	if d.ID != "a" || d.Text != "12 killed." || d.Published != "2025-01-27" {
		t.Errorf("got %+v", d)
	}
}

// A bad input costs one stderr line; the other inputs are still printed,
// and the exit status says something failed.
func TestTextBadInputGoesOn(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "x.txt")
	os.WriteFile(bin, []byte("\x00\x01"), 0o644)
	code, out, errs := tallyText("", bin, filepath.Join(dir, "missing.txt"), "../../testdata/seed.txt")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if n := strings.Count(errs, "\n"); n != 2 {
		t.Errorf("want 2 error lines, got:\n%s", errs)
	}
	if !strings.Contains(errs, "x.txt: binary file") || !strings.Contains(errs, "missing.txt: no such file") {
		t.Errorf("stderr:\n%s", errs)
	}
	if !strings.Contains(out, "==> ../../testdata/seed.txt <==") || !strings.Contains(out, "Pyongyang has sent thousands") {
		t.Errorf("seed not printed after the bad inputs:\n%s", out)
	}
}

func TestTextUsage(t *testing.T) {
	if code, out, _ := tallyText("", "--help"); code != 0 || !strings.Contains(out, "Options:") || !strings.Contains(out, "Examples:") {
		t.Errorf("--help: exit %d\n%s", code, out)
	}
	if code, _, errs := tallyText("", "--format", "xml", "a.txt"); code != 2 || !strings.Contains(errs, "valid: text, jsonl") {
		t.Errorf("bad --format: exit %d, %q", code, errs)
	}
	if code, _, errs := tallyText("", "--published", "yesterday", "a.txt"); code != 2 || !strings.Contains(errs, "YYYY-MM-DD") {
		t.Errorf("bad --published: exit %d, %q", code, errs)
	}
	if code, _, _ := tallyText(""); code != 2 {
		t.Errorf("no files: exit %d, want 2", code)
	}
}
