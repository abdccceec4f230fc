package warc

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"testing"
	"time"

	gowarc "github.com/nlnwa/gowarc/v3"
)

// testRecord is a record for a WARC written by a test.
type testRecord struct {
	typ         gowarc.RecordType
	uri         string
	date        time.Time
	contentType string // the WARC Content-Type; application/http for responses
	block       []byte // the record's block: HTTP message, or the document
}

// response is an HTTP response record; headers are "Name: value" lines.
func response(uri, status string, headers []string, body []byte) testRecord {
	var b bytes.Buffer
	fmt.Fprintf(&b, "HTTP/1.1 %s\r\n", status)
	for _, h := range headers {
		b.WriteString(h + "\r\n")
	}
	b.WriteString("\r\n")
	b.Write(body)
	return testRecord{typ: gowarc.Response, uri: uri, contentType: "application/http;msgtype=response", block: b.Bytes()}
}

// buildRecord makes a library record from a test record, so the files the
// tests read are written by the same library's writer.
func buildRecord(t testing.TB, tr testRecord) gowarc.WarcRecord {
	t.Helper()
	rb := gowarc.NewRecordBuilder(tr.typ, gowarc.WithAddMissingDigest(true), gowarc.WithAddMissingRecordId(true))
	if _, err := rb.Write(tr.block); err != nil {
		t.Fatal(err)
	}
	date := tr.date
	if date.IsZero() {
		date = time.Date(2025, 3, 14, 12, 0, 0, 0, time.UTC)
	}
	rb.AddWarcHeaderTime(gowarc.WarcDate, date)
	if tr.uri != "" {
		rb.AddWarcHeader(gowarc.WarcTargetURI, tr.uri)
	}
	if tr.contentType != "" {
		rb.AddWarcHeader(gowarc.ContentType, tr.contentType)
	}
	rec, _, err := rb.Build()
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

// writeWARC writes records to path, each in its own gzip member when gz is
// set (as .warc.gz files are), and returns each record's offset.
func writeWARC(t testing.TB, path string, gz bool, records ...testRecord) []int64 {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m := gowarc.NewMarshaler()
	var offsets []int64
	for _, tr := range records {
		off, _ := f.Seek(0, io.SeekCurrent)
		offsets = append(offsets, off)
		rec := buildRecord(t, tr)
		var w io.Writer = f
		var zw *gzip.Writer
		if gz {
			zw = gzip.NewWriter(f)
			w = zw
		}
		if _, _, err := m.Marshal(w, rec, 0); err != nil {
			t.Fatal(err)
		}
		if zw != nil {
			if err := zw.Close(); err != nil {
				t.Fatal(err)
			}
		}
		rec.Close()
	}
	return offsets
}

func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// chunk encodes b with HTTP/1.1 chunked transfer coding, in pieces of n.
func chunk(b []byte, n int) []byte {
	var buf bytes.Buffer
	for len(b) > 0 {
		k := min(n, len(b))
		fmt.Fprintf(&buf, "%x\r\n", k)
		buf.Write(b[:k])
		buf.WriteString("\r\n")
		b = b[k:]
	}
	buf.WriteString("0\r\n\r\n")
	return buf.Bytes()
}
