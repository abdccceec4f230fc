package gather

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/tally-news/tally/internal/memstat"
	"github.com/tally-news/tally/internal/warc/warctest"
)

// The gather benchmarks report documents/s with both cores at work (the
// default Workers), fn doing nothing: the cost of getting documents, not
// of extracting figures from them.
//
//	go test ./internal/gather -run X -bench Gather
//	TALLY_GATHER_WARC_MB=1024 go test ./internal/gather -run X -bench GatherWARC -benchtime 1x

// benchWords has English function words about as often as news prose
// does (one word in four), so language detection takes its usual path.
var benchWords = strings.Fields("the the the of of and and to to in in a a said were that for with " +
	"people killed wounded soldiers at least about more than officials ministry report on Monday Tuesday " +
	"city region government forces according police thousands river flood shelters evacuated villages " +
	"rescue teams border army statement capital")

func benchSentence(rng *rand.Rand, n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(benchWords[rng.IntN(len(benchWords))])
	}
	b.WriteString(".")
	return b.String()
}

func benchPage(rng *rand.Rand, paragraphs int) string {
	var b strings.Builder
	b.WriteString(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>` + benchSentence(rng, 6) + `</title>` +
		`<meta property="article:published_time" content="2025-03-14T08:00:00Z"></head><body><nav><a href="/">Home</a></nav><article>`)
	for range paragraphs {
		b.WriteString("<p>" + benchSentence(rng, 25) + " " + benchSentence(rng, 20) + "</p>\n")
	}
	b.WriteString("</article><footer>© Ledger</footer></body></html>")
	return b.String()
}

func runBench(b *testing.B, sources []string, bytes int64) {
	b.Helper()
	var docs atomic.Int64
	for b.Loop() {
		docs.Store(0)
		Gather(context.Background(), sources, Options{}, func(Item) { docs.Add(1) }, func(err error) { b.Fatal(err) })
	}
	sec := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(float64(docs.Load())/sec, "docs/s")
	if bytes > 0 {
		b.ReportMetric(float64(bytes)/(1<<20)/sec, "MB/s")
	}
	if hwm := memstat.PeakRSS(); hwm > 0 {
		b.ReportMetric(float64(hwm)/(1<<20), "peak-RSS-MB")
	}
}

// BenchmarkGatherText: a JSONL file of 5,000 wire items (text ingest).
func BenchmarkGatherText(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	path := filepath.Join(b.TempDir(), "wire.jsonl")
	f, _ := os.Create(path)
	w := bufio.NewWriter(f)
	for i := range 5000 {
		line, _ := json.Marshal(map[string]string{"id": strconv.Itoa(i), "text": benchSentence(rng, 30) + " " + benchSentence(rng, 25)})
		w.Write(append(line, '\n'))
	}
	w.Flush()
	f.Close()
	st, _ := os.Stat(path)
	runBench(b, []string{path}, st.Size())
}

// BenchmarkGatherHTML: a folder of 100 saved pages (HTML ingest).
func BenchmarkGatherHTML(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	dir := b.TempDir()
	var size int64
	for i := range 100 {
		page := benchPage(rng, 8+rng.IntN(20))
		size += int64(len(page))
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("%03d.html", i)), []byte(page), 0o644)
	}
	runBench(b, []string{dir}, size)
}

// BenchmarkGatherWARC: a generated WARC of TALLY_GATHER_WARC_MB MB
// (default 5) of pages and images; peak-RSS-MB shows memory stays flat as
// the file grows.
func BenchmarkGatherWARC(b *testing.B) {
	mb := warctest.SizeMB(b, "TALLY_GATHER_WARC_MB", 5)
	rng := rand.New(rand.NewPCG(5, 6))
	path := filepath.Join(b.TempDir(), "bench.warc")
	size, _ := warctest.Generate(b, path, mb, func(int) string { return benchPage(rng, 8+rng.IntN(30)) })
	runBench(b, []string{path}, size)
}
