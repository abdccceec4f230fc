package series

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// generated is a busy series: n reports of North Korean casualties from
// 50 sources over about a year (generatedFrom for another number). Each source restates a growing estimate every
// week or so (with its own bias, so sources disagree), each statement is
// carried by one to eleven outlets over up to two days, one report in ten
// is a syndicated copy, one in fifty is undated, and a few sources relay
// others.
func generated(n int) []Report { return generatedFrom(n, 50) }

func generatedFrom(n, sources int) []Report {
	rng := rand.New(rand.NewPCG(1, 2))
	quals := []string{"%d", "around %d", "more than %d", "up to %d", "%d to %d"}
	var rs []Report
	for len(rs) < n {
		src := rng.IntN(sources)
		day := rng.IntN(360)
		base := 500 + day*20
		bias := 0.5 + float64(src%7)/4
		v := int(float64(base)*bias) / 10 * 10
		q := quals[src%len(quals)]
		text := fmt.Sprintf(q, v)
		if q == "%d to %d" {
			text = fmt.Sprintf(q, v, v+v/5)
		}
		copies := 1 + rng.IntN(11)
		for c := 0; c < copies && len(rs) < n; c++ {
			d := day + rng.IntN(3)
			pub := dayString(dayNumber("2024-01-01") + int32(d))
			if rng.IntN(50) == 0 {
				pub = ""
			}
			r := wire(int64(len(rs)+1), fmt.Sprintf("doc-%d", len(rs)), pub, fmt.Sprintf("Source %02d", src), text, "casualties", nk)
			if rng.IntN(10) == 0 {
				r.Duplicate = true
			}
			if src%10 == 9 {
				r = withVia(r, fmt.Sprintf("Source %02d", src-1))
			}
			rs = append(rs, r)
		}
	}
	return rs
}

// perSecond reports reports/s over the benchmark.
func perSecond(b *testing.B, n int) {
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "reports/s")
}

// BenchmarkClaims10k groups 10,000 reports into claims.
func BenchmarkClaims10k(b *testing.B) {
	rs := generated(10000)
	b.ReportAllocs()
	for b.Loop() {
		Claims(rs)
	}
	perSecond(b, len(rs))
}

// BenchmarkTimeline10k is the timeline view (`tally timeline SERIES`) of
// a 10,000 report series from its reports: claims, series, then Analyze.
func BenchmarkTimeline10k(b *testing.B) {
	rs := generated(10000)
	b.ReportAllocs()
	for b.Loop() {
		all := Build(rs)
		all[0].Analyze()
	}
	perSecond(b, len(rs))
}

// BenchmarkTimeline10kFewSources is the same view of a series fed by 8
// sources (as North Korean casualties are: the JCS, the NIS, Zelensky, US
// officials…), each restating its figure every few days.
func BenchmarkTimeline10kFewSources(b *testing.B) {
	rs := generatedFrom(10000, 8)
	b.ReportAllocs()
	for b.Loop() {
		all := Build(rs)
		all[0].Analyze()
	}
	perSecond(b, len(rs))
}

// BenchmarkSummarize10k is the series list (`tally series`) over the same
// reports.
func BenchmarkSummarize10k(b *testing.B) {
	rs := generated(10000)
	b.ReportAllocs()
	for b.Loop() {
		Summarize(rs)
	}
	perSecond(b, len(rs))
}

// BenchmarkConsistency10k checks a built 10,000 report ledger.
func BenchmarkConsistency10k(b *testing.B) {
	rs := generated(10000)
	all := Build(rs)
	b.ReportAllocs()
	for b.Loop() {
		Consistency(all)
	}
	perSecond(b, len(rs))
}

// TestGeneratedSeries checks the generated ledger is the busy series the
// benchmark means: one running total, many claims, conflicts found (and
// the few undated reports that match no dated claim, each a series of its
// own).
func TestGeneratedSeries(t *testing.T) {
	rs := generated(10000)
	all := Build(rs)
	for _, s := range all[1:] {
		if !strings.HasPrefix(s.Key.Part, "report-") || len(s.Claims) != 1 {
			t.Errorf("series %s of %d claims", s.Key, len(s.Claims))
		}
	}
	if all[0].Key.Part != "" || len(all) > 10 {
		t.Fatalf("%d series, the first %s", len(all), all[0].Key)
	}
	s := &all[0]
	sum := s.Summary()
	t.Logf("claims=%d sources=%d reports=%d docs=%d conflicts=%d consensus=%s", sum.Claims, sum.Sources, sum.Reports, sum.Documents, sum.Conflicts, sum.Consensus)
	if sum.Reports < 9900 || sum.Claims < 1000 || sum.Conflicts == 0 || sum.Sources >= 50 {
		t.Errorf("unexpected ledger: %+v", sum)
	}
	t.Logf("\n%s", Chart(s.Timeline(), 120))
}
