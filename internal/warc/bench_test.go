package warc

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tally-news/tally/internal/memstat"
)

// BenchmarkRead reads a generated WARC: HTML pages of 5–60 KB among
// images and other records a crawl holds, a few records over the 1 MiB
// the library keeps in memory. The file's size in MB is
// TALLY_WARC_BENCH_MB (default 20); TALLY_WARC_BENCH_GZ=1 writes a
// .warc.gz. It reports MB/s of file read, pages/s, and the process's peak
// resident memory (VmHWM, Linux), which must stay flat as the size grows:
//
//	TALLY_WARC_BENCH_MB=1024 go test ./internal/warc -run X -bench Read -benchtime 1x
func BenchmarkRead(b *testing.B) {
	mb := 20
	if s := os.Getenv("TALLY_WARC_BENCH_MB"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			b.Fatalf("TALLY_WARC_BENCH_MB=%q: want a positive number of MB", s)
		}
		mb = n
	}
	gz := os.Getenv("TALLY_WARC_BENCH_GZ") == "1"
	name := "bench.warc"
	if gz {
		name += ".gz"
	}
	path := filepath.Join(b.TempDir(), name)
	start := time.Now()
	size := generateWARC(b, path, int64(mb)<<20, gz)
	b.Logf("generated %s: %d MB in %v", name, size>>20, time.Since(start).Round(time.Millisecond))

	var pages, bodyBytes int
	b.ResetTimer()
	for b.Loop() {
		pages, bodyBytes = 0, 0
		err := ReadFile(path, Options{}, func(r Record) error {
			pages++
			bodyBytes += len(r.Body)
			return nil
		}, func(err error) { b.Fatal(err) })
		if err != nil {
			b.Fatal(err)
		}
	}
	sec := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(float64(size)/(1<<20)/sec, "MB/s")
	b.ReportMetric(float64(pages)/sec, "pages/s")
	if hwm := memstat.PeakRSS(); hwm > 0 {
		b.ReportMetric(float64(hwm)/(1<<20), "peak-RSS-MB")
	}
	b.Logf("%d pages, %d MB of HTML", pages, bodyBytes>>20)
}

// generateWARC writes a WARC of about size bytes by hand (the library's
// builder would hold each record twice, and this is only test data) and
// returns its size.
func generateWARC(b *testing.B, path string, size int64, gz bool) int64 {
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	rng := rand.New(rand.NewPCG(1, 2))
	var written int64
	var zbuf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&zbuf, gzip.BestSpeed)
	var rec bytes.Buffer
	for i := 0; written < size; i++ {
		rec.Reset()
		uri := fmt.Sprintf("https://news%d.example/2025/03/%02d/story-%d", i%50, i%28+1, i)
		switch {
		case i%10 == 9: // an image
			writeRecord(&rec, uri+".jpg", "image/jpeg", randomBytes(rng, 20<<10+rng.IntN(200<<10)))
		case i%500 == 7: // a large page: spills to a temporary file
			writeRecord(&rec, uri, "text/html; charset=utf-8", htmlPage(rng, 2<<20))
		default:
			writeRecord(&rec, uri, "text/html; charset=utf-8", htmlPage(rng, 5<<10+rng.IntN(55<<10)))
		}
		data := rec.Bytes()
		if gz {
			zbuf.Reset()
			zw.Reset(&zbuf)
			zw.Write(data)
			zw.Close()
			data = zbuf.Bytes()
		}
		w.Write(data)
		written += int64(len(data))
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	return written
}

func writeRecord(w *bytes.Buffer, uri, contentType string, body []byte) {
	httpHead := "HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nContent-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n"
	fmt.Fprintf(w, "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: %s\r\nWARC-Date: 2025-03-14T12:00:00Z\r\n"+
		"WARC-Record-ID: <urn:uuid:%s>\r\nContent-Type: application/http;msgtype=response\r\nContent-Length: %d\r\n\r\n",
		uri, fakeUUID(uri), len(httpHead)+len(body))
	w.WriteString(httpHead)
	w.Write(body)
	w.WriteString("\r\n\r\n")
}

func fakeUUID(s string) string {
	var h uint64 = 14695981039346656037
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * 1099511628211
	}
	return fmt.Sprintf("%08x-%04x-4%03x-8%03x-%012x", h>>32, h>>16&0xffff, h&0xfff, h>>20&0xfff, h&0xffffffffffff)
}

var words = strings.Fields("the of and to in a said people killed wounded soldiers at least about more than 1,100 " +
	"officials ministry report on Monday Tuesday city region government forces were according police thousands")

func htmlPage(rng *rand.Rand, n int) []byte {
	var b bytes.Buffer
	b.Grow(n + 256)
	b.WriteString("<!doctype html><html lang=\"en\"><head><title>Story</title></head><body><article>")
	for b.Len() < n {
		b.WriteString("<p>")
		for range 40 {
			b.WriteString(words[rng.IntN(len(words))])
			b.WriteByte(' ')
		}
		b.WriteString("</p>\n")
	}
	b.WriteString("</article></body></html>")
	return b.Bytes()
}

func randomBytes(rng *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
	return b
}
