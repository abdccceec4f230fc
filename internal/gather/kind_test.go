package gather

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"testing"
)

// A file's kind comes from its name, a ".gz" after the extension left
// out; a name without an extension is sniffed, through gzip if need be.
func TestFileKind(t *testing.T) {
	for _, tt := range []struct {
		path string
		want int
	}{
		{"a.txt", kindDocument}, {"a.TXT.GZ", kindDocument}, {"docs.jsonl.gz", kindDocument},
		{"page.html.gz", kindDocument}, {"page.xhtml", kindDocument}, {"docs.ndjson.gz", kindDocument},
		{"feed.xml.gz", kindFeed}, {"feed.json", kindFeed}, {"x.atom", kindFeed},
		{"crawl.warc", kindWARC}, {"crawl.warc.gz", kindWARC}, {"CRAWL.WARC.GZ", kindWARC},
		{"saved", kindSniff}, {"saved.gz", kindSniff},
		{"style.css", kindUnknown}, {"report.pdf.gz", kindUnknown}, {"a.tar.gz", kindUnknown},
	} {
		if got := fileKind(tt.path); got != tt.want {
			t.Errorf("fileKind(%q) = %d, want %d", tt.path, got, tt.want)
		}
	}

	gz := func(s string) string {
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		zw.Write([]byte(s))
		zw.Close()
		return b.String()
	}
	dir := t.TempDir()
	for _, tt := range []struct {
		name, data string
		want       int
	}{
		{"warc", "WARC/1.1\r\nWARC-Type: warcinfo\r\n", kindWARC},
		{"warc-gz", gz("WARC/1.1\r\nWARC-Type: warcinfo\r\n"), kindWARC},
		{"rss-gz", gz(`<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>`), kindFeed},
		{"page-gz", gz("<!doctype html><p>12 killed</p>"), kindDocument},
		{"text", "12 people were killed.", kindDocument},
		{"broken-gz", "\x1f\x8b\x08junk", kindDocument}, // document.Read says what is wrong
	} {
		path := filepath.Join(dir, tt.name)
		os.WriteFile(path, []byte(tt.data), 0o644)
		if got := sniffFile(path); got != tt.want {
			t.Errorf("sniffFile(%s) = %d, want %d", tt.name, got, tt.want)
		}
	}
}
