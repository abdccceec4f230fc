package web

import (
	"math"
	"strings"
	"testing"

	"github.com/tally-news/tally/internal/claim"
	"github.com/tally-news/tally/internal/series"
)

// report builds a series report for chart tests.
func report(id int64, doc, src, date, q string, v float64) series.Report {
	counted := "Testland"
	val := v
	f := claim.Figure{Doc: doc, NumberText: series.FormatNumber(v), Value: &val, Qualifier: q, Measure: claim.Killed,
		Counted: &counted, Source: src, Span: [2]int{int(id), int(id) + 1}}
	switch q {
	case claim.Exact:
		f.Low, f.High = &val, &val
	case claim.Min:
		f.Low = &val
	case claim.Max:
		f.High = &val
	case claim.Vague:
		f.Value, f.NumberText = nil, "thousands"
	}
	if date != "" {
		d := date
		f.Date = &d
	}
	return series.Report{ID: id, Doc: doc, Figure: f}
}

func cumulative(r series.Report) series.Report { r.Scope = claim.ScopeCumulative; return r }

func view(t *testing.T, reports ...series.Report) *seriesView {
	t.Helper()
	all := series.Build(reports)
	if len(all) != 1 {
		t.Fatalf("%d series", len(all))
	}
	s := &all[0]
	v := &seriesView{S: s, Analysis: s.Analyze(), index: map[*series.Claim]int{}}
	for i := range s.Claims {
		v.index[&s.Claims[i]] = i
	}
	return v
}

func TestChartMarks(t *testing.T) {
	v := view(t,
		report(1, "a", "Ministry", "2025-01-01", claim.Exact, 100),
		report(2, "b", "Ministry", "2025-01-05", claim.Approx, 120),
		report(3, "c", "Rebels", "2025-01-05", claim.Min, 400),
		report(4, "d", "Monitor", "2025-01-10", claim.Vague, 0),
		// Undated, and a running total by its own account: it stays in the
		// series (an undated figure naming nothing would be a report of
		// its own) and is drawn in the undated strip.
		cumulative(report(5, "e", "Monitor", "", claim.Max, 300)),
		report(6, "f", claim.Publisher, "2025-01-11", claim.Exact, 150),
	)
	st := styles(v.Analysis.Timeline)
	m := buildChart(v, st)
	if len(m.Marks) != len(v.S.Claims) {
		t.Fatalf("%d marks for %d claims", len(m.Marks), len(v.S.Claims))
	}
	byID := map[int]chartMark{}
	for _, mk := range m.Marks {
		byID[mk.ID] = mk
		if mk.X < m.PlotX || mk.X > m.Width || mk.Y < m.PlotY-1 || mk.Y > m.PlotBottom+1 {
			t.Errorf("mark %d outside the plot: %+v", mk.ID, mk)
		}
		if mk.Href == "" || mk.Label == "" || mk.Shape == "" {
			t.Errorf("mark %d lacks link, label or shape", mk.ID)
		}
	}
	if m.Undated == nil {
		t.Fatal("no undated column for the undated claim")
	}
	for i := range v.S.Claims {
		c := &v.S.Claims[i]
		mk := byID[i]
		switch {
		case c.Date == "":
			if mk.X < m.Undated.X {
				t.Errorf("undated claim at x %.1f, left of the column", mk.X)
			}
		case c.Qualifier == claim.Min:
			if !mk.Bar || len(mk.Arrows) != 1 || mk.Y1 != m.PlotY {
				t.Errorf("open claim: %+v", mk)
			}
		case c.Qualifier == claim.Approx:
			if !mk.Bar || len(mk.Arrows) != 0 || !(mk.Y1 < mk.Y && mk.Y < mk.Y2) {
				t.Errorf("approximate claim: %+v", mk)
			}
		case c.Qualifier == claim.Vague:
			if !mk.Dashed || !mk.Bar {
				t.Errorf("vague claim not dashed: %+v", mk)
			}
		case c.IsPublisher():
			if !mk.Hollow || mk.Colour != publisherColour {
				t.Errorf("publisher claim: %+v", mk)
			}
		case c.Qualifier == claim.Exact:
			if mk.Bar {
				t.Errorf("exact claim drawn as a bar: %+v", mk)
			}
		}
	}
	// Dates run left to right.
	if !(byID[0].X < byID[1].X) {
		t.Errorf("2025-01-01 at %.1f, 2025-01-05 at %.1f", byID[0].X, byID[1].X)
	}
	// Each source its own colour.
	colours := map[string]string{}
	for src, s := range st {
		if other, dup := colours[s.Colour]; dup {
			t.Errorf("%s and %s share colour %s", src, other, s.Colour)
		}
		colours[s.Colour] = src
	}
	if m.Band == nil || !strings.HasPrefix(m.Band.Label, "consensus ") || m.Band.H <= 0 {
		t.Errorf("band %+v", m.Band)
	}
	if len(m.Conflicts) != len(v.Analysis.Conflicts) || len(m.Conflicts) == 0 {
		t.Errorf("%d conflict lines, %d conflicts", len(m.Conflicts), len(v.Analysis.Conflicts))
	}
	if len(m.Legend) != len(v.Analysis.Timeline.Rows)+2 {
		t.Errorf("legend %d items", len(m.Legend))
	}
	for _, it := range m.Legend {
		if it.Y > m.Height || it.X > m.Width {
			t.Errorf("legend item outside the chart: %+v (chart %.0f×%.0f)", it, m.Width, m.Height)
		}
	}
	if !strings.Contains(m.Desc, "6 claims") {
		t.Errorf("desc %q", m.Desc)
	}
}

func TestYScale(t *testing.T) {
	lin := newYScale([]float64{990, 1100, 4400}, 0, 100)
	if lin.log || lin.lo != 0 || lin.hi < 4400 {
		t.Errorf("linear: %+v", lin)
	}
	wide := newYScale([]float64{12, 1100, 40000}, 0, 100)
	if !wide.log || wide.lo != 10 || wide.hi != 100000 {
		t.Errorf("log: %+v", wide)
	}
	if y, out := wide.y(0); y != 100 || !out {
		t.Errorf("0 on a log scale: %v %v", y, out)
	}
	if y, out := wide.y(math.Inf(1)); y != 0 || !out {
		t.Errorf("+Inf: %v %v", y, out)
	}
	for _, s := range []yScale{lin, wide} {
		ticks := s.ticks()
		if len(ticks) < 3 || len(ticks) > 12 {
			t.Errorf("%d ticks: %+v", len(ticks), ticks)
		}
		for i := 1; i < len(ticks); i++ {
			if ticks[i].Pos >= ticks[i-1].Pos {
				t.Errorf("ticks not rising: %+v", ticks)
			}
		}
	}
	empty := newYScale(nil, 0, 100)
	if empty.hi <= empty.lo {
		t.Errorf("empty scale %+v", empty)
	}
}

func TestDateTicks(t *testing.T) {
	for _, span := range []int64{0, 1, 5, 13, 40, 61, 100, 400, 2000, 10000} {
		d0, _ := day("2024-12-20")
		ticks := dateTicks(d0, d0+span)
		if len(ticks) > 8 {
			t.Errorf("span %d: %d ticks", span, len(ticks))
		}
		for i, d := range ticks {
			if d < d0 || d > d0+span || (i > 0 && d <= ticks[i-1]) {
				t.Errorf("span %d: ticks %v", span, ticks)
			}
		}
		labels := make([]chartTick, len(ticks))
		labelDates(labels, ticks)
		for _, l := range labels {
			if l.Label == "" {
				t.Errorf("span %d: empty label", span)
			}
		}
	}
}

func TestNiceStep(t *testing.T) {
	for raw, want := range map[float64]float64{0.3: 0.5, 1: 1, 1.2: 2, 3: 5, 7: 10, 660: 1000, 0: 1} {
		if got := niceStep(raw); got != want {
			t.Errorf("niceStep(%v) = %v, want %v", raw, got, want)
		}
	}
}
