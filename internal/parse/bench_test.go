package parse

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// udPath is where the UD treebanks sit beside the repository.
func udPath(name string) string { return filepath.Join("..", "..", "..", "shared", "ud", name) }

func readUD(tb testing.TB, name string) []Sentence {
	f, err := os.Open(udPath(name))
	if err != nil {
		tb.Skipf("UD treebank absent: %v", err)
	}
	defer f.Close()
	s, err := ReadCoNLLU(f)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// BenchmarkParse tags and parses EWT's test sentences (gold words) on one
// goroutine and reports sentences and words a second, by the wall clock
// and by processor time (cpu-sentences/s: what one core does when the
// machine is shared and the wall clock counts time spent waiting).
func BenchmarkParse(b *testing.B) {
	gold := readUD(b, "en_ewt-ud-test.conllu")
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	inputs := make([][]Word, len(gold))
	words := 0
	for i, g := range gold {
		inputs[i] = make([]Word, len(g.Words))
		for k, x := range g.Words {
			inputs[i][k] = Word{Form: x.Form}
		}
		words += len(g.Words)
	}
	b.ResetTimer()
	start, cpu0 := time.Now(), cpuTime()
	for n := 0; n < b.N; n++ {
		for _, in := range inputs {
			m.Parse(in)
		}
	}
	secs := time.Since(start).Seconds()
	b.ReportMetric(float64(b.N*len(inputs))/secs, "sentences/s")
	b.ReportMetric(float64(b.N*words)/secs, "words/s")
	if cpu := (cpuTime() - cpu0).Seconds(); cpu > 0 {
		b.ReportMetric(float64(b.N*len(inputs))/cpu, "cpu-sentences/s")
	}
}

// BenchmarkLoad decodes the embedded model.
func BenchmarkLoad(b *testing.B) {
	for n := 0; n < b.N; n++ {
		if _, err := decodeEmbedded(); err != nil {
			b.Fatal(err)
		}
	}
}
