// Package warctest writes generated web archives for tests and
// benchmarks: a WARC file of a given size, of HTML pages and images, to
// measure reading and ingesting without shipping a crawl.
package warctest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
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
		n, err := Record(w, "response", i, uri, "2025-03-14T12:00:00Z", "application/http;msgtype=response", Response(ct, body), false, false)
		if err != nil {
			tb.Fatal(err)
		}
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

// Response is the HTTP response a WARC response record holds.
func Response(contentType, body string) []byte {
	return fmt.Appendf(nil, "HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s", contentType, len(body), body)
}

// Record writes one WARC/1.1 record of type typ with record number id
// (in its WARC-Record-ID) and target uri ("" for none): as its own gzip
// member when gz, and only its first half when cut (a file that ends
// inside the record). It returns the bytes written.
func Record(w io.Writer, typ string, id int, uri, date, contentType string, block []byte, gz, cut bool) (int, error) {
	var rec bytes.Buffer
	fmt.Fprintf(&rec, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-%012d>\r\nWARC-Date: %s\r\n", typ, id, date)
	if uri != "" {
		fmt.Fprintf(&rec, "WARC-Target-URI: %s\r\n", uri)
	}
	fmt.Fprintf(&rec, "Content-Type: %s\r\nContent-Length: %d\r\n\r\n", contentType, len(block))
	rec.Write(block)
	rec.WriteString("\r\n\r\n")
	data := rec.Bytes()
	if gz {
		var z bytes.Buffer
		zw := gzip.NewWriter(&z)
		zw.Write(data)
		zw.Close()
		data = z.Bytes()
	}
	if cut {
		data = data[:len(data)/2]
	}
	return w.Write(data)
}
