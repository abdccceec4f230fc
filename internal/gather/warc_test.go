package gather

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"testing"
)

// writeTestWARC writes a small .warc.gz by hand (WARC 1.1, one gzip member
// per record): a warcinfo record, two HTML pages, an image, and a last
// page cut off half-way.
func writeTestWARC(t *testing.T, path, siteURL string) {
	t.Helper()
	var out bytes.Buffer
	record := func(typ, uri, date, contentType string, block []byte, cut bool) {
		var rec bytes.Buffer
		fmt.Fprintf(&rec, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%08d-0000-4000-8000-000000000000>\r\nWARC-Date: %s\r\n", typ, out.Len(), date)
		if uri != "" {
			fmt.Fprintf(&rec, "WARC-Target-URI: %s\r\n", uri)
		}
		fmt.Fprintf(&rec, "Content-Type: %s\r\nContent-Length: %d\r\n\r\n", contentType, len(block))
		rec.Write(block)
		rec.WriteString("\r\n\r\n")
		var z bytes.Buffer
		zw := gzip.NewWriter(&z)
		zw.Write(rec.Bytes())
		zw.Close()
		data := z.Bytes()
		if cut {
			data = data[:len(data)/2]
		}
		out.Write(data)
	}
	httpResponse := func(contentType, body string) []byte {
		return []byte(fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s", contentType, len(body), body))
	}
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
