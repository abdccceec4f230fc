package web

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/tally-news/tally/internal/series"
)

// The timeline chart is drawn on the server as SVG: no chart library, no
// script, nothing to download, and the same markup for a screen reader
// (title, desc, and one labelled link per claim) as for the eye. chart.go
// computes the geometry; templates/chart.html writes it out, so every
// piece of text in it passes through html/template's escaping.
//
// x is the claim's date, y its value on a linear scale from zero, or a log
// scale when the values span a factor of logRatio or more. Each claim is a
// marker at its best value on a vertical bar spanning the interval it
// allows; an open interval ("more than 1,000") ends in an arrow; vague
// words ("thousands") are dashed. Each source has a colour from the
// Okabe–Ito palette, safe for the common colour-vision deficiencies, and
// a marker shape as well, so the chart still reads in greyscale. The
// consensus range is a shaded band; a conflict is a dashed line between
// the two claims. Claims with no date stand in a column at the right.

// palette is Okabe and Ito's colour-blind-safe palette, without its
// yellow, which is too pale on white.
var palette = []string{"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000"}

// publisherColour is the article's own voice: context, not a source.
const publisherColour = "#767676"

// shapes are marker shapes, cycled with the colours.
const shapes = 5

// logRatio: when the largest value is this many times the smallest, a
// linear axis would squash the small ones into the baseline.
const logRatio = 20

// maxConflictLines caps the conflict lines drawn; the table lists all.
const maxConflictLines = 200

// Chart geometry, in SVG user units (the SVG scales to the page width).
const (
	chartWidth    = 820.0
	plotLeft      = 72.0
	plotTop       = 28.0
	plotHeight    = 280.0
	plotRight     = 20.0
	undatedWidth  = 70.0
	legendGap     = 48.0 // from the plot's bottom to the legend
	legendRow     = 22.0
	markerRadius  = 5.0
	charWidth     = 6.6 // average width of a 12px character, for layout
	maxLegendText = 44
)

// sourceStyle is how one source is drawn, in the chart and the table.
type sourceStyle struct {
	Colour string
	Shape  int
	Hollow bool // the publisher
}

// styles gives each timeline row (source) its colour and shape, in row
// order, so a source keeps its look across page loads of the same data.
func styles(t series.Timeline) map[string]sourceStyle {
	out := make(map[string]sourceStyle, len(t.Rows))
	i := 0
	for _, r := range t.Rows {
		if r.Publisher {
			out[r.Source] = sourceStyle{Colour: publisherColour, Shape: 0, Hollow: true}
			continue
		}
		out[r.Source] = sourceStyle{Colour: palette[i%len(palette)], Shape: i % shapes}
		i++
	}
	return out
}

// shapePath is the SVG path of a marker centred on (x, y).
func shapePath(shape int, x, y, r float64) string {
	switch shape {
	case 1: // square
		s := r * 0.9
		return fmt.Sprintf("M%s %sh%sv%sh-%sZ", f1(x-s), f1(y-s), f1(2*s), f1(2*s), f1(2*s))
	case 2: // diamond
		s := r * 1.25
		return fmt.Sprintf("M%s %sL%s %sL%s %sL%s %sZ", f1(x), f1(y-s), f1(x+s), f1(y), f1(x), f1(y+s), f1(x-s), f1(y))
	case 3: // triangle up
		return fmt.Sprintf("M%s %sL%s %sL%s %sZ", f1(x), f1(y-1.3*r), f1(x+1.2*r), f1(y+0.9*r), f1(x-1.2*r), f1(y+0.9*r))
	case 4: // triangle down
		return fmt.Sprintf("M%s %sL%s %sL%s %sZ", f1(x), f1(y+1.3*r), f1(x+1.2*r), f1(y-0.9*r), f1(x-1.2*r), f1(y-0.9*r))
	}
	return fmt.Sprintf("M%s %sa%s %s 0 1 0 %s 0a%s %s 0 1 0 -%s 0Z", f1(x-r), f1(y), f1(r), f1(r), f1(2*r), f1(r), f1(r), f1(2*r))
}

// f1 writes a coordinate with one decimal.
func f1(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

type chartModel struct {
	Width, Height              float64
	Title, Desc                string
	PlotX, PlotY, PlotW, PlotH float64
	PlotBottom, PlotRight      float64
	YLabel                     string
	YTicks, XTicks             []chartTick
	Undated                    *chartColumn
	Band                       *chartBand
	Marks                      []chartMark
	Conflicts                  []chartConflict
	Legend                     []legendItem
}

type chartTick struct {
	Pos   float64
	Label string
}

type chartColumn struct{ X, W, LabelX float64 }

type chartBand struct {
	X, Y, W, H float64
	Label      string
	LX, LY     float64
}

// chartMark is one claim. Bar runs from Y1 (top) to Y2 (bottom) when the
// claim allows more than one value; Arrows are the polygons at open ends.
type chartMark struct {
	ID           int
	Href, Label  string
	Colour       string
	Hollow       bool
	Bar, Dashed  bool
	X, Y, Y1, Y2 float64
	Arrows       []string
	Shape        string
}

type chartConflict struct {
	X1, Y1, X2, Y2 float64
	MX, MY         float64
	Label          string
}

type legendItem struct {
	X, Y   float64
	Kind   string // source, band or conflict
	Colour string
	Shape  string
	Hollow bool
	Label  string
	Full   string
}

// yScale maps values to the plot's y.
type yScale struct {
	log         bool
	lo, hi      float64
	top, bottom float64
	llo, lhi    float64 // log10 of lo and hi
}

func newYScale(values []float64, top, bottom float64) yScale {
	s := yScale{top: top, bottom: bottom}
	minV, maxV := math.Inf(1), 0.0
	for _, v := range values {
		if v > 0 && !math.IsInf(v, 0) && !math.IsNaN(v) {
			minV, maxV = min(minV, v), max(maxV, v)
		}
	}
	switch {
	case maxV == 0:
		s.lo, s.hi = 0, 10
	case maxV/minV >= logRatio:
		s.log = true
		s.lo = math.Pow(10, math.Floor(math.Log10(minV)))
		s.hi = math.Pow(10, math.Ceil(math.Log10(maxV)))
		s.llo, s.lhi = math.Log10(s.lo), math.Log10(s.hi)
	default:
		step := niceStep(maxV * 1.1 / 5)
		s.lo, s.hi = 0, math.Ceil(maxV*1.05/step)*step
	}
	return s
}

// y maps v into the plot, clamped to its edges; out reports a clamp.
func (s yScale) y(v float64) (y float64, out bool) {
	var t float64
	switch {
	case math.IsInf(v, 1):
		return s.top, true
	case s.log && v <= 0:
		return s.bottom, true
	case s.log:
		t = (math.Log10(v) - s.llo) / (s.lhi - s.llo)
	default:
		t = (v - s.lo) / (s.hi - s.lo)
	}
	if t < 0 {
		return s.bottom, true
	}
	if t > 1 {
		return s.top, true
	}
	return s.bottom - t*(s.bottom-s.top), false
}

func (s yScale) ticks() []chartTick {
	var vals []float64
	if s.log {
		decades := int(math.Round(s.lhi - s.llo))
		for e := int(math.Round(s.llo)); e <= int(math.Round(s.lhi)); e++ {
			p := math.Pow(10, float64(e))
			vals = append(vals, p)
			if decades <= 2 && e < int(math.Round(s.lhi)) {
				vals = append(vals, 2*p, 5*p)
			}
		}
	} else {
		step := niceStep((s.hi - s.lo) / 5)
		for v := s.lo; v <= s.hi+step/1000; v += step {
			vals = append(vals, v)
		}
	}
	out := make([]chartTick, 0, len(vals))
	for _, v := range vals {
		y, _ := s.y(v)
		out = append(out, chartTick{Pos: y, Label: series.FormatShort(v)})
	}
	return out
}

// niceStep rounds a raw axis step up to 1, 2 or 5 times a power of ten.
func niceStep(raw float64) float64 {
	if raw <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if raw <= m*p {
			return m * p
		}
	}
	return 10 * p
}

// day reads YYYY-MM-DD as days since 1970-01-01; ok is false for "".
func day(s string) (int64, bool) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return 0, false
	}
	return t.Unix() / 86400, true
}

func dayTime(d int64) time.Time { return time.Unix(d*86400, 0).UTC() }

// dateTicks picks at most six readable dates between d0 and d1: days or
// weeks for short series, month starts for long ones.
func dateTicks(d0, d1 int64) []int64 {
	span := d1 - d0
	var out []int64
	if span <= 60 {
		step := int64(14)
		for _, s := range []int64{1, 2, 3, 7, 14} {
			if span/s <= 6 {
				step = s
				break
			}
		}
		first := d0
		if step == 7 || step == 14 {
			for (first-4)%7 != 0 { // 1970-01-05 (day 4) was a Monday
				first++
			}
		}
		for d := first; d <= d1; d += step {
			out = append(out, d)
		}
		return out
	}
	months := 1200
	for _, m := range []int{1, 2, 3, 6, 12, 24, 60, 120, 240, 600} {
		if int(span/30)/m <= 6 {
			months = m
			break
		}
	}
	t := dayTime(d0)
	m := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	if m.Before(t) {
		m = m.AddDate(0, 1, 0)
	}
	for ; ; m = m.AddDate(0, months, 0) {
		d := m.Unix() / 86400
		if d > d1 {
			break
		}
		out = append(out, d)
	}
	return out
}

// buildChart lays out the timeline of v.
func buildChart(v *seriesView, st map[string]sourceStyle) chartModel {
	a := &v.Analysis
	claims := v.S.Claims
	m := chartModel{Width: chartWidth, PlotX: plotLeft, PlotY: plotTop, PlotH: plotHeight}
	m.PlotBottom = m.PlotY + m.PlotH

	// Dated claims set the x range; undated ones get their own column.
	var d0, d1 int64 = math.MaxInt64, math.MinInt64
	undated := 0
	for i := range claims {
		if d, ok := day(claims[i].Date); ok {
			d0, d1 = min(d0, d), max(d1, d)
		} else {
			undated++
		}
	}
	m.PlotRight = m.Width - plotRight
	if undated > 0 {
		m.PlotRight -= undatedWidth
		m.Undated = &chartColumn{X: m.PlotRight + 8, W: undatedWidth - 8, LabelX: m.PlotRight + 8 + (undatedWidth-8)/2}
	}
	m.PlotW = m.PlotRight - m.PlotX
	dated := d0 <= d1
	if dated {
		pad := max(int64(1), (d1-d0)/20)
		if d0 == d1 {
			pad = 3
		}
		d0, d1 = d0-pad, d1+pad
	}
	x := func(d int64) float64 {
		return m.PlotX + float64(d-d0)/float64(d1-d0)*m.PlotW
	}
	if dated {
		for _, d := range dateTicks(d0, d1) {
			m.XTicks = append(m.XTicks, chartTick{Pos: x(d)})
		}
		labelDates(m.XTicks, dateTicks(d0, d1))
	}

	// Values set the y range. An unreadable vague phrase ([1, +Inf)) says
	// nothing about scale and is left out of it.
	var vals []float64
	for i := range claims {
		c := &claims[i]
		if unreadable(c) {
			continue
		}
		vals = append(vals, c.Interval.Low, c.Best())
		if !c.Interval.Open() {
			vals = append(vals, c.Interval.High)
		}
	}
	if cs := a.Consensus; len(cs.Claims) > 0 {
		vals = append(vals, cs.Range.Low, cs.Range.High)
	}
	ys := newYScale(vals, m.PlotY, m.PlotBottom)
	m.YTicks = ys.ticks()
	m.YLabel = v.S.Key.Measure
	if ys.log {
		m.YLabel += " (log scale)"
	}

	// Marks, source by source, each source's claims nudged sideways so
	// that two sources' claims of the same day stay apart.
	rows := a.Timeline.Rows
	nudge := min(7.0, 70.0/float64(max(1, len(rows))))
	pos := make([][2]float64, len(claims)) // marker centre per claim id
	undatedSeen := 0
	for ri, r := range rows {
		sty := st[r.Source]
		off := (float64(ri) - float64(len(rows)-1)/2) * nudge
		for _, c := range r.Claims {
			id := v.id(c)
			mk := chartMark{ID: id, Colour: sty.Colour, Hollow: sty.Hollow, Dashed: c.Qualifier == "vague"}
			if d, ok := day(c.Date); ok {
				mk.X = x(d) + off
			} else {
				// Spread undated claims across their column.
				undatedSeen++
				mk.X = m.Undated.X + m.Undated.W*float64(undatedSeen)/float64(undated+1)
			}
			lo, loOut := ys.y(c.Interval.Low)
			hi, hiOut := ys.y(c.Interval.High)
			mk.Y, _ = ys.y(c.Best())
			if unreadable(c) {
				mk.Y = (lo + hi) / 2
			}
			if !c.Interval.Point() {
				mk.Bar, mk.Y1, mk.Y2 = true, hi, lo
				if hiOut {
					mk.Arrows = append(mk.Arrows, arrow(mk.X, hi, -1))
				}
				if loOut && c.Interval.Low > 0 {
					mk.Arrows = append(mk.Arrows, arrow(mk.X, lo, 1))
				}
			}
			mk.Shape = shapePath(sty.Shape, mk.X, mk.Y, markerRadius)
			if r := evidenceReport(c); r != nil {
				mk.Href = evidencePath(r.Doc, r.Span[0])
			}
			mk.Label = markLabel(c)
			m.Marks = append(m.Marks, mk)
			pos[id] = [2]float64{mk.X, mk.Y}
		}
	}

	if cs := a.Consensus; len(cs.Claims) > 0 {
		top, _ := ys.y(cs.Range.High)
		bottom, _ := ys.y(cs.Range.Low)
		if bottom-top < 3 {
			mid := (top + bottom) / 2
			top, bottom = mid-1.5, mid+1.5
		}
		bx := m.PlotX
		if d, ok := day(earliest(cs.Claims)); ok && dated {
			bx = x(d) - nudge*float64(len(rows))/2
		}
		bx = max(bx, m.PlotX)
		b := &chartBand{X: bx, Y: top, W: m.PlotRight - bx, H: bottom - top, Label: "consensus " + cs.String()}
		b.LX, b.LY = bx+4, top-5
		if b.LY < m.PlotY+10 {
			b.LY = top + 13
		}
		m.Band = b
	}

	for i, cf := range a.Conflicts {
		if i == maxConflictLines {
			break
		}
		p, q := pos[v.id(cf.A)], pos[v.id(cf.B)]
		m.Conflicts = append(m.Conflicts, chartConflict{X1: p[0], Y1: p[1], X2: q[0], Y2: q[1],
			MX: (p[0] + q[0]) / 2, MY: (p[1] + q[1]) / 2, Label: "Conflict: " + cf.Reason()})
	}

	// The legend flows under the plot, wrapping at its width.
	lx, ly := m.PlotX, m.PlotBottom+legendGap
	place := func(it legendItem) *legendItem {
		w := 30 + charWidth*float64(len([]rune(it.Label)))
		if lx+w > m.Width-plotRight && lx > m.PlotX {
			lx, ly = m.PlotX, ly+legendRow
		}
		it.X, it.Y = lx, ly
		lx += w + 12
		m.Legend = append(m.Legend, it)
		return &m.Legend[len(m.Legend)-1]
	}
	for _, r := range rows {
		sty := st[r.Source]
		label := r.Source
		if r.Publisher {
			label = "the publisher (own voice)"
		}
		it := place(legendItem{Kind: "source", Colour: sty.Colour, Hollow: sty.Hollow, Label: shorten(label, maxLegendText), Full: r.Source})
		it.Shape = shapePath(sty.Shape, it.X+8, it.Y-4, markerRadius)
	}
	if m.Band != nil {
		place(legendItem{Kind: "band", Label: "consensus range"})
	}
	if len(m.Conflicts) > 0 {
		place(legendItem{Kind: "conflict", Label: "conflict"})
	}
	m.Height = ly + 14

	m.Title = "Timeline of " + v.S.Key.String()
	m.Desc = chartDesc(v)
	return m
}

// unreadable reports a vague claim whose words gave no scale ("[1, +Inf)").
func unreadable(c *series.Claim) bool {
	return c.Qualifier == "vague" && c.Interval.Low <= 1 && c.Interval.Open()
}

// arrow is the arrowhead polygon at (x, y) pointing up (dir -1) or down.
func arrow(x, y, dir float64) string {
	return fmt.Sprintf("%s,%s %s,%s %s,%s", f1(x-5), f1(y-dir*8), f1(x), f1(y), f1(x+5), f1(y-dir*8))
}

// labelDates writes the x tick labels: "23 Dec", with the year on the
// first tick and wherever it changes; month ticks read "Jan 2025".
func labelDates(ticks []chartTick, days []int64) {
	monthly := len(days) > 1 && days[1]-days[0] >= 28
	lastYear := 0
	for i, d := range days {
		t := dayTime(d)
		switch {
		case monthly:
			ticks[i].Label = t.Format("Jan 2006")
		case t.Year() != lastYear:
			ticks[i].Label = t.Format("2 Jan 2006")
		default:
			ticks[i].Label = t.Format("2 Jan")
		}
		lastYear = t.Year()
	}
}

func earliest(cs []*series.Claim) string {
	e := ""
	for _, c := range cs {
		if c.Date != "" && (e == "" || c.Date < e) {
			e = c.Date
		}
	}
	return e
}

// markLabel is a claim's accessible name and tooltip.
func markLabel(c *series.Claim) string {
	var b strings.Builder
	b.WriteString(c.Source)
	if c.Via != "" {
		b.WriteString(" via " + c.Via)
	}
	text, allows := series.FormatClaim(c), series.FormatInterval(c.Interval)
	b.WriteString(": " + text)
	if !c.Interval.Point() && allows != text {
		b.WriteString(" (" + allows + ")")
	}
	if c.Date != "" {
		b.WriteString(" on " + c.Date)
	} else {
		b.WriteString(", undated")
	}
	if n := c.Documents(); n != 1 {
		fmt.Fprintf(&b, ", %d articles", n)
	}
	return b.String()
}

// chartDesc sums the chart up in words for screen readers.
func chartDesc(v *seriesView) string {
	a := &v.Analysis
	var b strings.Builder
	sources := 0
	for _, r := range a.Timeline.Rows {
		if !r.Publisher {
			sources++
		}
	}
	fmt.Fprintf(&b, "%d %s by %d %s", len(v.S.Claims), plural(len(v.S.Claims), "claim", "claims"),
		sources, plural(sources, "source", "sources"))
	if a.Timeline.From != "" {
		fmt.Fprintf(&b, " from %s to %s", a.Timeline.From, a.Timeline.To)
	}
	b.WriteString(".")
	if cs := a.Consensus; len(cs.Claims) > 0 {
		fmt.Fprintf(&b, " Consensus %s.", cs.String())
	}
	if n := len(a.Conflicts); n > 0 {
		fmt.Fprintf(&b, " %d %s.", n, plural(n, "conflict", "conflicts"))
	}
	b.WriteString(" The table below lists the same claims.")
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// shorten cuts s to n characters with an ellipsis.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
