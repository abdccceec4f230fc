package document_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tally-news/tally/internal/claim"
	"github.com/tally-news/tally/internal/document"
)

// readAll reads path and returns its documents, the per-line problems and
// the whole-input error.
func readAll(t testing.TB, path string, opts document.Options) (docs []claim.Document, bad []string, err error) {
	t.Helper()
	err = document.Read(path, opts,
		func(d claim.Document) { docs = append(docs, d) },
		func(e error) { bad = append(bad, e.Error()) })
	return docs, bad, err
}

// writeFile writes data to name in a fresh temporary directory.
func writeFile(t *testing.T, name, data string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestReadText(t *testing.T) {
	text := "\ufeffAbout 1,100 casualties, the JCS said.\nRemind me later.\n"
	path := writeFile(t, "a.txt", text)
	docs, bad, err := readAll(t, path, document.Options{Published: "2025-01-27"})
	if err != nil || len(bad) > 0 || len(docs) != 1 {
		t.Fatalf("docs=%d bad=%v err=%v", len(docs), bad, err)
	}
	d := docs[0]
	if d.ID != path || d.Published != "2025-01-27" {
		t.Errorf("ID=%q Published=%q", d.ID, d.Published)
	}
	// Text is the file's own text (furniture included; the extractor drops
	// it), less the byte-order mark.
	if d.Text != strings.TrimPrefix(text, "\ufeff") {
		t.Errorf("Text = %q", d.Text)
	}
}

func TestReadSeed(t *testing.T) {
	docs, bad, err := readAll(t, "../../testdata/seed.txt", document.Options{})
	if err != nil || len(bad) > 0 || len(docs) != 1 {
		t.Fatalf("docs=%d bad=%v err=%v", len(docs), bad, err)
	}
	want, _ := os.ReadFile("../../testdata/seed.txt")
	if docs[0].Text != string(want) {
		t.Error("seed text changed on reading")
	}
}

func TestReadHTML(t *testing.T) {
	docs, bad, err := readAll(t, "../htmltext/testdata/article.html", document.Options{Published: "2020-01-01"})
	if err != nil || len(bad) > 0 || len(docs) != 1 {
		t.Fatalf("docs=%d bad=%v err=%v", len(docs), bad, err)
	}
	d := docs[0]
	if d.ID != "../htmltext/testdata/article.html" || d.Published != "2025-03-14" || d.Publisher != "The Valley Ledger" {
		t.Errorf("got ID=%q Published=%q Publisher=%q", d.ID, d.Published, d.Publisher)
	}
	if !strings.HasPrefix(d.Text, "Floodwaters forced about 4,200 people") {
		t.Errorf("Text = %.80q", d.Text)
	}
}

func TestReadJSONL(t *testing.T) {
	data := `{"id": "seed", "url": null, "publisher": "The Moscow Times", "published": "2024-12-23", "text": "1,100 casualties."}` + "\n" +
		"\n" + // blank lines are skipped
		`{"id": 17, "published": null, "text": "12 killed.", "extra": [1, 2]}` + "\r\n" +
		`{"text": "No id here.", "published": "2024-12-23T10:00:00Z", "url": "https://x.example/a"}` // no final newline
	path := writeFile(t, "docs.jsonl", data)
	docs, bad, err := readAll(t, path, document.Options{Published: "2025-01-01"})
	if err != nil || len(bad) > 0 {
		t.Fatalf("bad=%v err=%v", bad, err)
	}
	want := []claim.Document{
		{ID: "seed", Publisher: "The Moscow Times", Published: "2024-12-23", Text: "1,100 casualties."},
		{ID: "17", Published: "2025-01-01", Text: "12 killed."},
		{ID: path + ":4", URL: "https://x.example/a", Published: "2024-12-23", Text: "No id here."},
	}
	if len(docs) != len(want) {
		t.Fatalf("got %d docs, want %d", len(docs), len(want))
	}
	for i := range want {
		if docs[i] != want[i] {
			t.Errorf("doc %d = %+v, want %+v", i, docs[i], want[i])
		}
	}
}

func TestReadDevCorpus(t *testing.T) {
	const path = "../../../shared/corpus/dev/docs.jsonl"
	if _, err := os.Stat(path); err != nil {
		t.Skip("shared corpus not here")
	}
	docs, bad, err := readAll(t, path, document.Options{})
	if err != nil || len(bad) > 0 || len(docs) == 0 {
		t.Fatalf("docs=%d bad=%v err=%v", len(docs), bad, err)
	}
	if docs[0].ID != "seed" || docs[0].Publisher != "The Moscow Times" {
		t.Errorf("first doc = %q by %q", docs[0].ID, docs[0].Publisher)
	}
}

// A JSONL line far longer than bufio's buffer is read whole.
func TestReadJSONLLongLine(t *testing.T) {
	long := strings.Repeat("Some 300 people fled. ", 200_000) // 4.4 MB
	path := writeFile(t, "big.jsonl", `{"id":"big","text":"`+long+`"}`+"\n"+`{"id":"next","text":"ok"}`+"\n")
	docs, bad, err := readAll(t, path, document.Options{})
	if err != nil || len(bad) > 0 || len(docs) != 2 || docs[0].Text != long || docs[1].ID != "next" {
		t.Fatalf("docs=%d bad=%v err=%v", len(docs), bad, err)
	}
}

func TestReadStdinSniffing(t *testing.T) {
	page, err := os.ReadFile("../htmltext/testdata/article.html")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, input, wantID, wantPrefix string
	}{
		{"jsonl", "  \n{\"id\": \"a\", \"text\": \"5 dead.\"}\n", "a", "5 dead."},
		{"html", string(page), document.StdinName, "Floodwaters forced"},
		{"text", "Around 1,100 casualties.\n", document.StdinName, "Around 1,100"},
		{"text starting with <", "<3 people were hurt.\n", document.StdinName, "<3 people"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			docs, bad, err := readAll(t, "-", document.Options{Stdin: strings.NewReader(c.input)})
			if err != nil || len(bad) > 0 || len(docs) != 1 {
				t.Fatalf("docs=%d bad=%v err=%v", len(docs), bad, err)
			}
			if docs[0].ID != c.wantID || !strings.HasPrefix(docs[0].Text, c.wantPrefix) {
				t.Errorf("got ID=%q Text=%.40q", docs[0].ID, docs[0].Text)
			}
		})
	}
}

// Each bad input gets one message naming the input, what is wrong and,
// where there is one, what to do.
func TestReadBadInputs(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name, file, data string
		want             string // in the whole-input error
	}{
		{"binary text", "a.txt", "abc\x00\x01\x02", "a.txt: binary file (NUL bytes), not text"},
		{"binary html", "a.html", "\x89PNG\r\n\x1a\n\x00\x00", "a.html: binary file (NUL bytes)"},
		{"binary jsonl", "a.jsonl", "PK\x03\x04\x00\x00", "a.jsonl: binary file (NUL bytes), not JSON Lines"},
		{"cut gzip", "a.jsonl", "\x1f\x8b\x08\x00\x00\x00", "a.jsonl: bad gzip data: unexpected EOF; is the file complete?"},
		{"invalid utf-8", "latin1.txt", "caf\xe9 au lait: 12 killed", "latin1.txt: invalid UTF-8 at byte 3; convert it to UTF-8"},
		{"empty text", "e.txt", "", "e.txt: empty file"},
		{"blank text", "b.txt", " \n\t\n", "b.txt: empty file"},
		{"empty html", "e.html", "", "e.html: empty file"},
		{"empty jsonl", "e.jsonl", "\n\n", "e.jsonl: empty file"},
		{"html without article", "nav.html", "<html><body><nav></nav></body></html>", "nav.html: no article text found"},
		{"not jsonl", "notes.jsonl", "id,text\n1,hello\n", `notes.jsonl: not JSON Lines: line 1 does not start with "{"`},
		{"unknown extension", "report.pdf", "%PDF-1.4", `report.pdf: unknown extension ".pdf"; tally reads .txt, .html, .htm, .jsonl`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(dir, c.file)
			if err := os.WriteFile(path, []byte(c.data), 0o644); err != nil {
				t.Fatal(err)
			}
			docs, bad, err := readAll(t, path, document.Options{})
			if err == nil {
				t.Fatalf("no error; docs=%d bad=%v", len(docs), bad)
			}
			if got := strings.TrimPrefix(err.Error(), dir+string(filepath.Separator)); !strings.HasPrefix(got, c.want) {
				t.Errorf("error\n  %s\nwant it to start\n  %s", got, c.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is more than one line: %q", err)
			}
		})
	}

	t.Run("missing file", func(t *testing.T) {
		_, _, err := readAll(t, filepath.Join(dir, "gone.txt"), document.Options{})
		if err == nil || !strings.HasSuffix(err.Error(), "gone.txt: no such file; check the path") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("directory", func(t *testing.T) {
		_, _, err := readAll(t, dir, document.Options{})
		if err == nil || !strings.Contains(err.Error(), ": is a directory; name the files in it") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("bad published option", func(t *testing.T) {
		_, _, err := readAll(t, "../../testdata/seed.txt", document.Options{Published: "27/01/2025"})
		if err == nil || !strings.Contains(err.Error(), "YYYY-MM-DD") {
			t.Errorf("err = %v", err)
		}
	})
}

// Bad JSONL lines are reported one by one, and the good lines around them
// are still read.
func TestReadJSONLBadLines(t *testing.T) {
	lines := []string{
		`{"id": "ok1", "text": "3 wounded."}`,
		`{"id": "broken", "text": "unterminated}`,
		`{"id": "notext", "publisher": "X"}`,
		`{"id": "nulltext", "text": null}`,
		`{"id": "emptytext", "text": "  "}`,
		`{"id": "wrongtype", "text": 12}`,
		`["not", "an", "object"]`,
		"{\"id\": \"latin1\", \"text\": \"caf\xe9\"}",
		`{"id": "baddate", "published": "last Monday", "text": "2 missing."}`,
		`{"id": "ok2", "text": "7 arrested."}`,
	}
	path := writeFile(t, "docs.jsonl", strings.Join(lines, "\n")+"\n")
	docs, bad, err := readAll(t, path, document.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	if got := strings.Join(ids, ","); got != "ok1,baddate,ok2" {
		t.Errorf("documents read: %s", got)
	}
	want := []string{
		`:2: bad JSON: unexpected end of JSON input`,
		`:3: no "text" field; line skipped`,
		`:4: no "text" field; line skipped`,
		`:5: empty "text"; line skipped`,
		`:6: bad JSON: "text" must be a string, not number; line skipped`,
		`:7: bad JSON: a line must be a JSON object, not array; line skipped`,
		`:8: invalid UTF-8 at byte 29 of the line; line skipped`,
		`:9: bad "published" "last Monday": want YYYY-MM-DD; date ignored`,
	}
	if len(bad) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%s", len(bad), len(want), strings.Join(bad, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(bad[i], path+want[i]) {
			t.Errorf("problem %d:\n  %s\nwant\n  %s%s", i, bad[i], path, want[i])
		}
	}
}

// FuzzReadJSONL: no input makes the JSONL reader panic, every document it
// returns has text, and every problem names the input.
func FuzzReadJSONL(f *testing.F) {
	f.Add([]byte(`{"id": "a", "text": "1,100 casualties"}` + "\n" + `{"id": 2, "text": "x", "published": "2024-01-01T00:00"}`))
	f.Add([]byte("{\"text\": \"\xff\"}\n{\n\x00"))
	f.Add([]byte(`{"id": null, "url": 5, "text": "a"}` + "\r\n\r\n" + `[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		in := append([]byte("{"), data...) // sniffed as JSONL
		var problems int
		err := document.Read("-", document.Options{Stdin: bytes.NewReader(in)},
			func(d claim.Document) {
				if strings.TrimSpace(d.Text) == "" || d.ID == "" || !utf8.ValidString(d.Text) {
					t.Errorf("bad document %+v", d)
				}
			},
			func(e error) {
				problems++
				if !strings.HasPrefix(e.Error(), document.StdinName+":") {
					t.Errorf("problem does not name the input: %v", e)
				}
			})
		if err != nil && !strings.HasPrefix(err.Error(), document.StdinName+":") {
			t.Errorf("error does not name the input: %v", err)
		}
	})
}
