package ingest_test

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
	"testing"
	"time"

	"github.com/tally-news/tally/internal/ingest"
	"github.com/tally-news/tally/internal/memstat"
	"github.com/tally-news/tally/internal/store"
	"github.com/tally-news/tally/internal/warc/warctest"
)

// story is a generated wire report: a lead with a figure and a source,
// and filler paragraphs, all varied so no two are near-duplicates.
func story(rng *rand.Rand, i int) (title string, paras []string) {
	towns := []string{"Kherson", "Mosul", "Goma", "Sittwe", "Rafah", "Kursk", "Aleppo", "Juba"}
	verbs := []string{"killed", "wounded", "displaced", "arrested"}
	town := towns[rng.IntN(len(towns))]
	n := 10 + rng.IntN(5000)
	title = fmt.Sprintf("Report %d from %s", i, town)
	paras = append(paras, fmt.Sprintf("At least %d people were %s in %s on Monday, officials said in report number %d.", n, verbs[rng.IntN(len(verbs))], town, i))
	for k := 0; k < 4+rng.IntN(6); k++ {
		paras = append(paras, fmt.Sprintf("Witness %d in %s described the scene near the %s market, where crews worked for %d hours to clear roads and restore power to district %d.",
			rng.IntN(1e6), town, []string{"old", "central", "river", "north"}[rng.IntN(4)], 2+rng.IntN(20), rng.IntN(1e5)))
	}
	return title, paras
}

func benchIngest(b *testing.B, srcs []string, docs int) {
	b.Helper()
	b.ResetTimer()
	var sum ingest.Summary
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st, err := store.Open(context.Background(), filepath.Join(b.TempDir(), fmt.Sprintf("bench%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		sum = ingest.Run(context.Background(), st, srcs, ingest.Options{}, func(err error) { b.Error(err) })
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
	if sum.New != int64(docs) {
		b.Fatalf("stored %d of %d documents: %s", sum.New, docs, sum)
	}
	b.ReportMetric(float64(docs*b.N)/b.Elapsed().Seconds(), "docs/s")
	b.ReportMetric(float64(memstat.PeakRSS())/(1<<20), "peak-RSS-MB")
}

// BenchmarkIngestText ingests 2,000 JSON Lines documents into a fresh
// SQLite ledger: extraction and storage, no HTML.
func BenchmarkIngestText(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	path := filepath.Join(b.TempDir(), "wire.jsonl")
	f, _ := os.Create(path)
	w := bufio.NewWriter(f)
	const n = 2000
	for i := range n {
		title, paras := story(rng, i)
		line, _ := json.Marshal(map[string]string{"id": strconv.Itoa(i), "published": "2025-01-27", "text": title + "\n\n" + strings.Join(paras, "\n\n")})
		w.Write(append(line, '\n'))
	}
	w.Flush()
	f.Close()
	benchIngest(b, []string{path}, n)
}

// BenchmarkIngestHTML ingests a folder of 200 saved pages: article
// extraction, figures and storage.
func BenchmarkIngestHTML(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	dir := b.TempDir()
	const n = 200
	for i := range n {
		title, paras := story(rng, i)
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("%03d.html", i)), []byte(page(title, strings.Join(paras, "\n"))), 0o644)
	}
	benchIngest(b, []string{dir}, n)
}

// BenchmarkIngestWARC ingests a generated WARC of TALLY_INGEST_WARC_MB MB
// (default 5): pages and images. peak-RSS-MB shows whether memory stays
// flat as the file grows (run with 1024 for the 1 GB figure).
func BenchmarkIngestWARC(b *testing.B) {
	mb := warctest.SizeMB(b, "TALLY_INGEST_WARC_MB", 5)
	rng := rand.New(rand.NewPCG(5, 6))
	path := filepath.Join(b.TempDir(), "bench.warc")
	size, pages := warctest.Generate(b, path, mb, func(i int) string {
		title, paras := story(rng, i)
		return page(title, strings.Join(paras, "\n"))
	})
	start := time.Now()
	benchIngest(b, []string{path}, pages)
	b.ReportMetric(float64(size)/(1<<20)/time.Since(start).Seconds()*float64(b.N), "MB/s")
}
