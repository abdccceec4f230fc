package gather

import (
	"bytes"
	"os"
	"testing"

	"github.com/tally-news/tally/internal/warc/warctest"
)

// writeTestWARC writes a small .warc.gz by hand (WARC 1.1, one gzip member
// per record): a warcinfo record, two HTML pages, an image, and a last
// page cut off half-way.
func writeTestWARC(t *testing.T, path, siteURL string) {
	t.Helper()
	var out bytes.Buffer
	n := 0
	record := func(typ, uri, date, contentType string, block []byte, cut bool) {
		warctest.Record(&out, typ, n, uri, date, contentType, block, true, cut)
		n++
	}
	httpResponse := warctest.Response
	record("warcinfo", "", "2024-12-23T10:00:00Z", "application/warc-fields", []byte("software: tally-test\r\n"), false)
	record("response", "https://archive.example/one", "2024-12-23T10:00:01Z", "application/http;msgtype=response",
		httpResponse("text/html", articlePage("Archived story", "", "", "en", "An archived report said 70 people were missing,")), false)
	record("response", siteURL+"/articles/a", "2024-12-23T10:00:02Z", "application/http;msgtype=response",
		httpResponse("text/html; charset=utf-8", articlePage("Floods force 4,200 from homes", "https://ledger.example/news/a", "2025-03-14", "en", "Floodwaters forced about 4,200 people from their homes,")), false)
	record("response", "https://archive.example/logo.png", "2024-12-23T10:00:03Z", "application/http;msgtype=response",
		httpResponse("image/png", "\x89PNG\r\n\x1a\n"), false)
	record("response", "https://archive.example/cut", "2024-12-23T10:00:04Z", "application/http;msgtype=response",
		httpResponse("text/html", articlePage("Cut", "", "", "en", "This page is cut off,")), true)
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
