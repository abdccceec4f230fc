package series

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/tally-news/tally/internal/claim"
)

var inf = math.Inf(1)

func TestVagueInterval(t *testing.T) {
	for _, tc := range []struct {
		text      string
		low, high float64
	}{
		{"dozens", 24, 99},
		{"Dozens", 24, 99},
		{"scores", 40, 99},
		{"hundreds", 200, 999},
		{"Hundreds", 200, 999},
		{"thousands", 2000, 9999},
		{"millions", 2e6, 1e7 - 1},
		{"tens of thousands", 20000, 99999},
		{"tens-of-thousands", 20000, 99999},
		{"hundreds of thousands", 200000, 999999},
		{"dozens of thousands", 24000, 99999},
		{"tens of millions", 20e6, 1e8 - 1},
		{"several hundred", 300, 999},
		{"several hundred thousand", 300000, 999999},
		{"several thousand", 3000, 9999},
		{"several million", 3e6, 1e7 - 1},
		{"several", 3, 9},
		{"a few hundred", 200, 999},
		{"a handful", 2, 9},
		{"a hundred", 100, 100},
		{"at least several million", 3e6, inf},
		{"more than a thousand", 1000, inf},
		{"thousands or more", 2000, inf},
		{"up to thousands", 0, 9999},
		{"numerous", 1, inf},
		{"many", 1, inf},
		{"", 1, inf},
	} {
		got := VagueInterval(tc.text)
		if got != (Interval{tc.low, tc.high}) {
			t.Errorf("VagueInterval(%q) = %v, want [%v, %v]", tc.text, got, tc.low, tc.high)
		}
	}
}

func TestIntervalOf(t *testing.T) {
	fig := func(text string) claim.Figure {
		q, v, lo, hi := parseText(text)
		return claim.Figure{NumberText: text, Qualifier: q, Value: v, Low: lo, High: hi}
	}
	for _, tc := range []struct {
		name      string
		f         claim.Figure
		low, high float64
	}{
		{"exact", fig("1,100"), 1100, 1100},
		{"approx ±10%", fig("around 1,100"), 990, 1210},
		{"approx some", fig("some 2,913"), 2913 - 291.3, 2913 + 291.3},
		{"nearly never exceeds", fig("nearly 890"), 801, 890},
		{"almost never exceeds", fig("almost 700,000"), 630000, 700000},
		{"min", fig("more than 1,000"), 1000, inf},
		{"max", fig("up to 12,000"), 0, 12000},
		{"range", fig("10,000 to 12,000"), 10000, 12000},
		{"vague", fig("thousands"), 2000, 9999},
		{"exact without value reads the words", claim.Figure{Qualifier: claim.Exact, NumberText: "hundreds"}, 200, 999},
		{"min from value when low is null", claim.Figure{Qualifier: claim.Min, Value: fp(300)}, 300, inf},
		{"range without high opens", claim.Figure{Qualifier: claim.Range, Low: fp(10)}, 10, inf},
		{"negative clamps to zero", claim.Figure{Qualifier: claim.Exact, Value: fp(-3)}, 0, 0},
		{"unknown qualifier", claim.Figure{Qualifier: "", NumberText: "dozens"}, 24, 99},
	} {
		got := IntervalOf(tc.f)
		if math.Abs(got.Low-tc.low) > 1e-6 || math.Abs(got.High-tc.high) > 1e-6 && !(math.IsInf(got.High, 1) && math.IsInf(tc.high, 1)) {
			t.Errorf("%s: IntervalOf = %v, want [%v, %v]", tc.name, got, tc.low, tc.high)
		}
	}
}

func TestIntervalOps(t *testing.T) {
	a, b, c := Interval{990, 1210}, Interval{3000, inf}, Interval{1000, 1200}
	if a.Overlaps(b) || b.Overlaps(a) {
		t.Error("≈1,100 overlaps ≥3,000")
	}
	if !a.Overlaps(c) || !c.Overlaps(a) || !b.Overlaps(Interval{5000, 5000}) {
		t.Error("overlap missed")
	}
	if !(Interval{5, 5}).Overlaps(Interval{5, 9}) {
		t.Error("touching intervals must overlap")
	}
	if !b.Open() || a.Open() || !(Interval{4, 4}).Point() || !a.Contains(1100) || a.Contains(1211) {
		t.Error("Open/Point/Contains")
	}
}

func TestIntervalJSON(t *testing.T) {
	for _, tc := range []struct {
		iv   Interval
		json string
	}{
		{Interval{990, 1210}, `{"low":990,"high":1210}`},
		{Interval{3000, inf}, `{"low":3000,"high":null}`},
	} {
		b, err := json.Marshal(tc.iv)
		if err != nil || string(b) != tc.json {
			t.Errorf("Marshal(%v) = %s, %v; want %s", tc.iv, b, err, tc.json)
		}
		var back Interval
		if err := json.Unmarshal(b, &back); err != nil || back != tc.iv {
			t.Errorf("Unmarshal(%s) = %v, %v", b, back, err)
		}
	}
}

func TestDayNumber(t *testing.T) {
	for _, d := range []string{"1970-01-01", "2024-02-29", "2024-12-23", "2025-01-09", "1999-12-31", "2000-03-01"} {
		if got := dayString(dayNumber(d)); got != d {
			t.Errorf("round trip %s = %s", d, got)
		}
	}
	if dayNumber("2025-01-09")-dayNumber("2024-12-23") != 17 {
		t.Error("day arithmetic")
	}
	if dayNumber("2025-01-09T10:00:00Z") != dayNumber("2025-01-09") {
		t.Error("time suffix")
	}
	for _, bad := range []string{"", "2025", "2025-13-01", "2025-1-09", "yesterday"} {
		if dayNumber(bad) != undated {
			t.Errorf("dayNumber(%q) is dated", bad)
		}
	}
}
