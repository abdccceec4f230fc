package document_test

import (
	"bytes"
	"compress/gzip"
	"strings"
	"testing"

	"github.com/tally-news/tally/internal/document"
)

func gz(data string) string {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(data))
	zw.Close()
	return b.String()
}

const wire = "At least 12 people were killed when a bus overturned near Arvel on Tuesday, police said."

const wirePage = "<!doctype html><html lang=\"en\"><head><title>Bus crash</title></head><body><article>" +
	"<p>" + wire + "</p><p>The driver lost control on a sharp bend in heavy rain and the bus rolled down a steep slope, witnesses said.</p>" +
	"<p>Rescue teams worked through the night to reach the wreck, and the injured were taken to hospitals in the regional capital.</p>" +
	"</article></body></html>"

// Gzipped inputs read as their uncompressed selves, named by the file.
func TestReadGzip(t *testing.T) {
	tests := []struct {
		name, file, data string
		id, text         string
	}{
		{"txt.gz", "a.txt.gz", gz(wire), "a.txt.gz", wire},
		{"jsonl.gz", "docs.jsonl.gz", gz(`{"id": "j1", "text": "` + wire + `"}` + "\n"), "j1", wire},
		{"html.gz", "page.html.gz", gz(wirePage), "page.html.gz", wire},
		{"HTM.GZ", "PAGE.HTM.GZ", gz(wirePage), "PAGE.HTM.GZ", wire},
		{"gzip without suffix", "saved", gz(wirePage), "saved", wire},
		{"jsonl named .gz", "dump.gz", gz(`{"id": "j2", "text": "` + wire + `"}`), "j2", wire},
		{"not gzipped after all", "plain.txt.gz", wire, "plain.txt.gz", wire},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, tt.file, tt.data)
			docs, bad, err := readAll(t, path, document.Options{})
			if err != nil || len(bad) > 0 || len(docs) != 1 {
				t.Fatalf("err %v, bad %v, %d docs", err, bad, len(docs))
			}
			id := docs[0].ID
			if tt.id != "j1" && tt.id != "j2" {
				id = id[len(id)-len(tt.id):]
			}
			if id != tt.id || !strings.HasPrefix(docs[0].Text, tt.text) {
				t.Errorf("got id %q text %.80q, want %q %.80q", docs[0].ID, docs[0].Text, tt.id, tt.text)
			}
		})
	}

	bad := []struct{ name, file, data, want string }{
		{"cut off", "a.jsonl.gz", gz(`{"id": "j1", "text": "` + strings.Repeat(wire, 50) + `"}`)[:60], "bad gzip data: unexpected EOF"},
		{"bad header", "a.txt.gz", "\x1f\x8b\x00junk", "bad gzip data"},
		{"unknown inside", "report.pdf.gz", gz("%PDF-1.4"), `unknown extension ".pdf"`},
		{"binary inside", "a.txt.gz", gz("\x00\x01\x02"), "binary file"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, tt.file, tt.data)
			_, lines, err := readAll(t, path, document.Options{})
			msg := strings.Join(lines, "\n")
			if err != nil {
				msg += err.Error()
			}
			if !strings.Contains(msg, tt.want) || !strings.Contains(msg, tt.file) || strings.Count(msg, "\n") > 0 {
				t.Errorf("want one message naming %s with %q, got %q", tt.file, tt.want, msg)
			}
		})
	}
}

// A page too deep for the HTML parser is read, with a warning through
// Options.Warn and no error.
func TestReadDeepHTML(t *testing.T) {
	page := strings.Replace(wirePage, "<article>", "<article>"+strings.Repeat("<div>", 5000), 1)
	path := writeFile(t, "deep.html", page)
	var warnings []string
	docs, bad, err := readAll(t, path, document.Options{Warn: func(e error) { warnings = append(warnings, e.Error()) }})
	if err != nil || len(bad) > 0 || len(docs) != 1 {
		t.Fatalf("err %v, bad %v, %d docs", err, bad, len(docs))
	}
	if !strings.HasPrefix(docs[0].Text, wire) || docs[0].Title != "Bus crash" {
		t.Errorf("doc %+v", docs[0])
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "deep.html: nested deeper than the HTML parser's 512 elements") {
		t.Errorf("warnings %q", warnings)
	}
}
