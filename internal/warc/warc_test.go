package warc

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	gowarc "github.com/nlnwa/gowarc/v3"
)

func page(title string) []byte {
	return []byte("<!doctype html><html><head><title>" + title + "</title></head><body><p>About 4,200 people fled.</p></body></html>")
}

// sample is a small crawl: pages among the records a crawler writes that
// are not pages.
func sample() []testRecord {
	return []testRecord{
		{typ: gowarc.Warcinfo, contentType: "application/warc-fields", block: []byte("software: tally-test\r\nformat: WARC File Format 1.1\r\n")},
		{typ: gowarc.Request, uri: "https://news.example/a", contentType: "application/http;msgtype=request",
			block: []byte("GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n")},
		response("https://news.example/a", "200 OK", []string{"Content-Type: text/html; charset=utf-8"}, page("A")),
		response("https://news.example/b", "200 OK", []string{"Content-Type: text/html", "Transfer-Encoding: chunked", "Content-Encoding: gzip"},
			chunk(gzipBytes(page("B")), 10)),
		response("https://news.example/logo.png", "200 OK", []string{"Content-Type: image/png"}, []byte("\x89PNG\r\n\x1a\n")),
		response("https://news.example/old", "301 Moved Permanently", []string{"Location: /a", "Content-Type: text/html"}, page("Moved")),
		{typ: gowarc.Resource, uri: "https://news.example/c", contentType: "text/html", block: page("C")},
		response("https://news.example/d", "200 OK", nil, page("D")), // no Content-Type: sniffed
		response("https://news.example/huge", "200 OK", []string{"Content-Type: text/html"}, bytes.Repeat([]byte("<p>x</p>"), 1<<10)),
		{typ: gowarc.Metadata, uri: "https://news.example/a", contentType: "application/warc-fields", block: []byte("via: https://news.example/\r\n")},
		// Stored decoded with the header kept, as some crawlers do.
		response("https://news.example/e", "200 OK", []string{"Content-Type: text/html", "Content-Encoding: gzip"}, page("E")),
	}
}

type result struct {
	pages  []string // "number uri title-ish"
	errors []string
}

func readAllRecords(t *testing.T, path string, opts Options) result {
	t.Helper()
	var res result
	err := ReadFile(path, opts, func(r Record) error {
		i := bytes.Index(r.Body, []byte("<title>"))
		j := bytes.Index(r.Body, []byte("</title>"))
		title := ""
		if i >= 0 && j > i {
			title = string(r.Body[i+7 : j])
		}
		res.pages = append(res.pages, fmt.Sprintf("%d %s %s", r.Number, r.TargetURI, title))
		if r.Date.IsZero() || r.ContentType == "" {
			t.Errorf("record %d: date %v, content type %q", r.Number, r.Date, r.ContentType)
		}
		return nil
	}, func(err error) { res.errors = append(res.errors, err.Error()) })
	if err != nil {
		t.Fatal(err)
	}
	return res
}

var samplePages = []string{
	"3 https://news.example/a A",
	"4 https://news.example/b B",
	"7 https://news.example/c C",
	"8 https://news.example/d D",
	"11 https://news.example/e E",
}

func TestRead(t *testing.T) {
	for _, gz := range []bool{false, true} {
		name := "sample.warc"
		if gz {
			name += ".gz"
		}
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), name)
			offsets := writeWARC(t, path, gz, sample()...)
			res := readAllRecords(t, path, Options{MaxBody: 4 << 10})
			if strings.Join(res.pages, "\n") != strings.Join(samplePages, "\n") {
				t.Errorf("pages:\n%s\nwant:\n%s", strings.Join(res.pages, "\n"), strings.Join(samplePages, "\n"))
			}
			wantErr := fmt.Sprintf("%s: record 9 at offset %d (https://news.example/huge): HTML body larger than 4 KiB; skipped", path, offsets[8])
			if len(res.errors) != 1 || res.errors[0] != wantErr {
				t.Errorf("errors = %q, want [%q]", res.errors, wantErr)
			}
		})
	}
}

// The record offsets are those of the file: a reader can seek to them.
func TestReadOffsets(t *testing.T) {
	path := filepath.Join(t.TempDir(), "o.warc.gz")
	offsets := writeWARC(t, path, true, sample()...)
	r, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if rec.Offset != offsets[rec.Number-1] {
			t.Errorf("record %d: offset %d, want %d", rec.Number, rec.Offset, offsets[rec.Number-1])
		}
	}
}

// A file cut off inside its last record: every page before it is read,
// and the cut record gets one error naming it.
func TestReadTruncated(t *testing.T) {
	recs := sample()[:4] // warcinfo, request, a, b
	recs = append(recs, response("https://news.example/cut", "200 OK", []string{"Content-Type: text/html"}, bytes.Repeat(page("Cut"), 20)))
	for _, tc := range []struct {
		name string
		gz   bool
		cut  int64 // bytes cut from the end
		want string
	}{
		{"plain, cut in body", false, 500, "truncated record: Content-Length is"},
		{"plain, cut in header", false, 0, "truncated record"},
		{"gzip, cut in member", true, 100, "truncated record (the file ends inside it)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "cut.warc")
			if tc.gz {
				path += ".gz"
			}
			offsets := writeWARC(t, path, tc.gz, recs...)
			st, _ := os.Stat(path)
			size := st.Size() - tc.cut
			if tc.cut == 0 {
				size = offsets[4] + 40 // inside the WARC header
			}
			if err := os.Truncate(path, size); err != nil {
				t.Fatal(err)
			}
			res := readAllRecords(t, path, Options{})
			if want := samplePages[:2]; strings.Join(res.pages, "|") != strings.Join(want, "|") {
				t.Errorf("pages = %q, want %q", res.pages, want)
			}
			prefix := fmt.Sprintf("%s: record 5 at offset %d", path, offsets[4])
			if len(res.errors) != 1 || !strings.HasPrefix(res.errors[0], prefix) || !strings.Contains(res.errors[0], tc.want) {
				t.Errorf("errors = %q, want one starting %q and containing %q", res.errors, prefix, tc.want)
			}
		})
	}
}

func TestReadBadFiles(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"empty.warc", nil, "empty.warc: empty file"},
		{"page.warc", page("x"), `page.warc: not a WARC file: it does not start with "WARC/"`},
		{"zipped-page.warc.gz", gzipBytes(page("x")), `zipped-page.warc.gz: not a WARC file: a gzip file whose content does not start with "WARC/"`},
		{"bad-gzip.warc.gz", []byte("\x1f\x8b\x00garbage"), "bad-gzip.warc.gz: not a WARC file: bad gzip header"},
	}
	for _, tc := range cases {
		path := filepath.Join(dir, tc.name)
		if err := os.WriteFile(path, tc.data, 0o644); err != nil {
			t.Fatal(err)
		}
		res := readAllRecords(t, path, Options{})
		if len(res.pages) != 0 || len(res.errors) != 1 || !strings.HasPrefix(res.errors[0], filepath.Join(dir, tc.want)) {
			t.Errorf("%s: pages %q, errors %q, want %q", tc.name, res.pages, res.errors, tc.want)
		}
	}
	_, err := Open(filepath.Join(dir, "missing.warc"), Options{})
	if err == nil || !strings.HasSuffix(err.Error(), "missing.warc: no such file; check the path") {
		t.Errorf("missing file: %v", err)
	}
}

// Garbage between records is skipped by the library; the pages around it
// are still read.
func TestReadGarbageBetweenRecords(t *testing.T) {
	path := filepath.Join(t.TempDir(), "g.warc")
	writeWARC(t, path, false, sample()[2:4]...)
	data, _ := os.ReadFile(path)
	tail := filepath.Join(t.TempDir(), "t.warc")
	writeWARC(t, tail, false, sample()[6])
	more, _ := os.ReadFile(tail)
	data = append(append(data, "\r\nnot a record at all\r\n"...), more...)
	os.WriteFile(path, data, 0o644)
	res := readAllRecords(t, path, Options{})
	if len(res.pages) != 3 {
		t.Errorf("pages = %q, errors = %q", res.pages, res.errors)
	}
}

func TestDecodeBody(t *testing.T) {
	html := page("x")
	cases := []struct {
		name    string
		headers []string
		body    []byte
		want    string // body, or error substring prefixed "error: "
	}{
		{"plain", nil, html, string(html)},
		{"chunked", []string{"Transfer-Encoding: chunked"}, chunk(html, 7), string(html)},
		{"chunked header, stored de-chunked", []string{"Transfer-Encoding: chunked"}, html, string(html)},
		{"gzip", []string{"Content-Encoding: gzip"}, gzipBytes(html), string(html)},
		{"gzip header, stored decoded", []string{"Content-Encoding: gzip"}, html, string(html)},
		{"chunked gzip", []string{"Transfer-Encoding: chunked", "Content-Encoding: gzip"}, chunk(gzipBytes(html), 5), string(html)},
		{"brotli", []string{"Content-Encoding: br"}, []byte{0x1b, 0x2f, 0x00, 0x00}, `error: body is encoded with "br", which tally cannot decode`},
		{"brotli header, stored decoded", []string{"Content-Encoding: br"}, html, string(html)},
		{"corrupt gzip", []string{"Content-Encoding: gzip"}, append([]byte{0x1f, 0x8b}, "broken"...), "error: cannot decode gzip body"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "d.warc")
			writeWARC(t, path, false, response("https://x.example/", "200 OK", append([]string{"Content-Type: text/html"}, tc.headers...), tc.body))
			res := readAllRecords(t, path, Options{})
			got := ""
			if len(res.errors) > 0 {
				got = "error: " + res.errors[0][strings.Index(res.errors[0], "): ")+3:]
			} else if len(res.pages) == 1 {
				got = string(html)
			}
			if !strings.HasPrefix(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestErrorMessage(t *testing.T) {
	e := &Error{File: "crawl.warc.gz", Record: 3, Offset: 1234, TargetURI: "https://x/a", Reason: "truncated record (the file ends inside it)"}
	if got, want := e.Error(), "crawl.warc.gz: record 3 at offset 1234 (https://x/a): truncated record (the file ends inside it)"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
	var target *Error
	if !errors.As(error(e), &target) {
		t.Error("errors.As")
	}
	_ = time.Now
}

// FuzzRead: no input makes the reader panic or loop; each call to Next
// either returns a page, an error, or io.EOF, and reading ends.
func FuzzRead(f *testing.F) {
	dir := f.TempDir()
	for i, gz := range []bool{false, true} {
		path := filepath.Join(dir, fmt.Sprint(i))
		writeWARC(f, path, gz, sample()...)
		data, _ := os.ReadFile(path)
		f.Add(data)
		f.Add(data[:len(data)*2/3])
	}
	f.Add([]byte("WARC/1.1\r\nContent-Length: 99999999999\r\n\r\n"))
	f.Add([]byte("WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http\r\nContent-Length: 5\r\n\r\nHTTP/\r\n\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 256<<10 {
			t.Skip()
		}
		r, err := NewReader(bytes.NewReader(data), "fuzz.warc", Options{MaxBody: 64 << 10})
		if err != nil {
			return
		}
		defer r.Close()
		for i := 0; ; i++ {
			if i > len(data)+1 {
				t.Fatal("reader does not end")
			}
			rec, err := r.Next()
			if err == io.EOF {
				return
			}
			if err == nil && int64(len(rec.Body)) > 64<<10 {
				t.Fatalf("body of %d bytes over the cap", len(rec.Body))
			}
		}
	})
}

// A damaged gzip member in the middle: the pages before it are read, the
// damaged record gets one error, and the reader stops there (a gzip
// stream cannot be resynchronised reliably).
func TestReadCorruptMember(t *testing.T) {
	recs := append(sample()[:4], response("https://news.example/bad", "200 OK", []string{"Content-Type: text/html"}, bytes.Repeat(page("Bad"), 20)), sample()[6])
	path := filepath.Join(t.TempDir(), "corrupt.warc.gz")
	offsets := writeWARC(t, path, true, recs...)
	data, _ := os.ReadFile(path)
	for i := offsets[4] + 30; i < offsets[4]+60; i++ {
		data[i] ^= 0x55
	}
	os.WriteFile(path, data, 0o644)
	res := readAllRecords(t, path, Options{})
	if want := samplePages[:2]; strings.Join(res.pages, "|") != strings.Join(want, "|") {
		t.Errorf("pages = %q, want %q", res.pages, want)
	}
	prefix := fmt.Sprintf("%s: record 5 at offset %d: corrupt gzip member (flate: ", path, offsets[4])
	if len(res.errors) != 1 || !strings.HasPrefix(res.errors[0], prefix) || !strings.HasSuffix(res.errors[0], "; the rest of the file is skipped") {
		t.Errorf("errors = %q, want one starting %q", res.errors, prefix)
	}
}
