package series

import (
	"testing"

	"github.com/tally-news/tally/internal/claim"
)

func fig(doc string, sent int, measure, q string, v float64, source, date string) Report {
	nk := "North Korea"
	val := v
	f := claim.Figure{Doc: doc, Measure: measure, Qualifier: q, Value: &val, Source: source, Counted: &nk, Date: &date,
		NumberText: FormatNumber(v), SentenceSpan: [2]int{sent, sent + 10}}
	if q == claim.Exact || q == claim.Min {
		f.Low = &val
	}
	if q == claim.Exact {
		f.High = &val
	}
	return Report{ID: int64(sent + 1), Doc: doc, Figure: f}
}

// TestDerive pairs a killed and a wounded figure of one sentence into a
// casualties report, and only such pairs.
func TestDerive(t *testing.T) {
	nis := "National Intelligence Service (South Korea)"
	in := []Report{
		fig("a", 0, claim.Killed, claim.Min, 300, nis, "2025-01-13"),
		fig("a", 0, claim.Wounded, claim.Exact, 2700, nis, "2025-01-13"),
		// Another sentence of the same article: its own pair.
		fig("a", 100, claim.Killed, claim.Exact, 100, nis, "2024-12-16"),
		fig("a", 100, claim.Wounded, claim.Approx, 1000, nis, "2024-12-16"),
		// Different sources in one sentence: no pair.
		fig("b", 0, claim.Killed, claim.Exact, 14, "police", "2025-02-10"),
		fig("b", 0, claim.Wounded, claim.Exact, 52, "hospital officials", "2025-02-10"),
		// Two killed figures: which wounded goes with which is unknown.
		fig("c", 0, claim.Killed, claim.Exact, 5, "army", "2025-03-01"),
		fig("c", 0, claim.Killed, claim.Exact, 7, "army", "2025-03-01"),
		fig("c", 0, claim.Wounded, claim.Exact, 9, "army", "2025-03-01"),
		// An upper bound and a lower bound say nothing about their sum.
		fig("d", 0, claim.Killed, claim.Max, 50, "army", "2025-03-02"),
		fig("d", 0, claim.Wounded, claim.Min, 90, "army", "2025-03-02"),
	}
	out := Derive(in)
	if len(out) != 2 {
		t.Fatalf("derived %d reports, want 2: %+v", len(out), out)
	}
	a, b := out[0], out[1]
	if a.Measure != claim.Casualties || *a.Value != 3000 || a.Qualifier != claim.Min || *a.Low != 3000 || a.High != nil || !a.Derived || a.Source != nis {
		t.Errorf("first: %+v", a)
	}
	if a.NumberText != "300 killed + 2,700 wounded" || a.ID >= 0 {
		t.Errorf("first: number text %q, id %d", a.NumberText, a.ID)
	}
	if *b.Value != 1100 || b.Qualifier != claim.Approx || b.Low != nil {
		t.Errorf("second: %+v", b)
	}
	// Built into series, the derived report stands in the casualties
	// series with its source.
	s := Find(Build(append(in, out...)), Key{Counted: "North Korea", Measure: claim.Casualties})
	if s == nil || len(s.Claims) != 2 || s.Claims[0].Source != nis {
		t.Errorf("casualties series: %+v", s)
	}
}

// TestPlaceKey: "Kursk Oblast" and "Kursk" are one place and do not split
// a series.
func TestPlaceKey(t *testing.T) {
	a := fig("a", 0, claim.Casualties, claim.Min, 3000, "Volodymyr Zelensky", "2024-12-23")
	b := fig("b", 0, claim.Casualties, claim.Approx, 1100, "Joint Chiefs of Staff (South Korea)", "2024-12-23")
	k1, k2 := "Kursk Oblast", "Kursk"
	a.Location, b.Location = &k1, &k2
	if ss := Build([]Report{a, b}); len(ss) != 1 {
		t.Errorf("Kursk Oblast and Kursk split the series: %d series", len(ss))
	}
}
