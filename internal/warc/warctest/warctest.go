// Package warctest writes generated web archives for tests and
// benchmarks: a WARC file of a given size, of HTML pages and images, to
// measure reading and ingesting without shipping a crawl.
package warctest

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
)

// SizeMB reads a size in MB from the environment variable name, or
// returns def when it is unset; a bad value fails tb.
func SizeMB(tb testing.TB, name string, def int) int {
	s := os.Getenv(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		tb.Fatalf("%s=%q: want a positive number of MB", name, s)
	}
	return n
}

// Generate writes a WARC file at path of at least mb MB of response
// records: every tenth an image, the others the HTML page(i) returns. It
// returns the file's size and the number of pages.
func Generate(tb testing.TB, path string, mb int, page func(i int) string) (size int64, pages int) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	for i := 0; size < int64(mb)<<20; i++ {
		uri := fmt.Sprintf("https://news%d.example/story-%d", i%40, i)
		ct, body := "image/jpeg", strings.Repeat("\xff\xd8", 20<<10)
		if i%10 != 9 {
			ct, body = "text/html; charset=utf-8", page(i)
			pages++
		}
		block := "HTTP/1.1 200 OK\r\nContent-Type: " + ct + "\r\n\r\n" + body
		n, _ := fmt.Fprintf(w, "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: %s\r\nWARC-Date: 2025-03-14T12:00:00Z\r\n"+
			"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-%012d>\r\nContent-Type: application/http;msgtype=response\r\n"+
			"Content-Length: %d\r\n\r\n%s\r\n\r\n", uri, i, len(block), block)
		size += int64(n)
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	return size, pages
}
