package series

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tally-news/tally/internal/claim"
)

// Chart markers, one per qualifier, so that a row reads at a glance.
const (
	markPoint = '●' // exact, approximate, range
	markMin   = '▲' // at least
	markMax   = '▼' // at most
	markVague = '○' // vague words
)

// chartLegend explains the markers under every chart.
const (
	chartLegend      = "● figure  ▲ at least  ▼ at most  ○ vague  ×n documents"
	chartLegendShort = "●  ▲≥  ▼≤  ○vague  ×docs"
)

func marker(c *Claim) rune {
	switch c.Qualifier {
	case claim.Min:
		return markMin
	case claim.Max:
		return markMax
	case claim.Vague:
		return markVague
	}
	return markPoint
}

// canvas is one chart row of fixed width, in runes.
type canvas []rune

func newCanvas(n int) canvas {
	c := make(canvas, n)
	for i := range c {
		c[i] = ' '
	}
	return c
}

// write puts s at column at, clipping at the right edge with "…"; it
// returns the column after the text.
func (c canvas) write(at int, s string) int {
	rs := []rune(s)
	if at >= len(c) {
		return at + len(rs)
	}
	for i, r := range rs {
		if at+i >= len(c) {
			c[len(c)-1] = '…'
			break
		}
		c[at+i] = r
	}
	return at + len(rs)
}

func (c canvas) String() string { return strings.TrimRight(string(c), " ") }

// labelWidth is the width of the source column: the longest name, at
// least 8 and at most a third of the chart.
func labelWidth(names []string, width int) int {
	w := 8
	for _, n := range names {
		w = max(w, utf8.RuneCountInString(n))
	}
	return min(w, max(width/3, 8))
}

// fit pads or clips a name to w runes.
func fit(s string, w int) string {
	n := utf8.RuneCountInString(s)
	if n > w {
		return string([]rune(s)[:w-1]) + "…"
	}
	return s + strings.Repeat(" ", w-n)
}

// Chart draws a timeline in the terminal: one row per source, a date axis
// from the first to the last claim, each claim a marker at its date
// followed by its figure in short form ("▲≥3k", "●≈1.1k×2": ×n when n
// documents carry it). Claims too close to draw at their date are pushed
// right so no label hides another; a row's undated claims are listed at
// its right end after "undated". width is the total width in columns (at
// least 40).
func Chart(t Timeline, width int) string {
	width = max(width, 40)
	names := make([]string, len(t.Rows))
	for i, r := range t.Rows {
		names[i] = r.Source
	}
	lw := labelWidth(names, width)
	pw := width - lw - 1
	// Labels follow their marker, so the date axis stops short of the
	// right edge by the widest label: claims of the last day stay legible.
	labels := map[*Claim]string{}
	reserve := 0
	for _, r := range t.Rows {
		for _, c := range r.Claims {
			l := string(marker(c)) + FormatClaimShort(c)
			if n := c.Documents(); n > 1 {
				l += "×" + strconv.Itoa(n)
			}
			labels[c] = l
			if c.Dated() {
				reserve = max(reserve, utf8.RuneCountInString(l)-1)
			}
		}
	}
	reserve = min(reserve, pw/3)
	span := pw - reserve // columns of the date axis
	from, to := dayNumber(t.From), dayNumber(t.To)
	col := func(d int32) int {
		if from == undated || to <= from {
			return 0
		}
		return int(math.Round(float64(d-from) / float64(to-from) * float64(span-1)))
	}

	var b strings.Builder
	b.WriteString(t.Key.String())
	if t.From != "" {
		b.WriteString("  " + t.From)
		if t.To != t.From {
			b.WriteString(" to " + t.To)
		}
	} else {
		b.WriteString("  (no dates)")
	}
	b.WriteByte('\n')
	// Date axis: the ends, and a middle date when there is room.
	dates, axis := newCanvas(pw), newCanvas(pw)
	if from != undated {
		for i := 0; i < span; i++ {
			axis[i] = '─'
		}
		axis[0], axis[span-1] = '├', '┤'
		dl := len(t.From)
		dates.write(0, t.From)
		if to > from && span >= 2*dl+2 {
			end := max(span-1-dl/2, dl+1)
			dates.write(end, t.To)
			if mid := from + (to-from)/2; span >= 3*dl+6 && mid != from && mid != to {
				m := col(mid)
				axis[m] = '┼'
				dates.write(m-dl/2, dayString(mid))
			}
		}
	}
	if from != undated {
		b.WriteString(strings.Repeat(" ", lw+1) + dates.String() + "\n")
		b.WriteString(strings.Repeat(" ", lw+1) + axis.String() + "\n")
	}
	for _, r := range t.Rows {
		row := newCanvas(pw)
		cursor := 0
		var undatedLabels []string
		for _, c := range r.Claims {
			if !c.Dated() {
				undatedLabels = append(undatedLabels, labels[c])
				continue
			}
			cursor = row.write(max(col(c.first), cursor), labels[c]) + 1
		}
		if len(undatedLabels) > 0 {
			// Undated claims sit at the right end, named as such, so they
			// are not read as belonging to the first date.
			text := "undated " + strings.Join(undatedLabels, " ")
			row.write(max(cursor, pw-utf8.RuneCountInString(text)), text)
		}
		b.WriteString(fit(r.Source, lw) + " " + row.String() + "\n")
	}
	legend := chartLegend
	if utf8.RuneCountInString(legend) > pw {
		legend = chartLegendShort
	}
	b.WriteString(strings.Repeat(" ", lw+1) + legend + "\n")
	return clip(b.String(), width)
}

// clip cuts every line of out to width runes, ending a cut line with "…",
// so that a chart never wraps in a terminal of that width.
func clip(out string, width int) string {
	lines := strings.SplitAfter(out, "\n")
	for i, l := range lines {
		body := strings.TrimSuffix(l, "\n")
		if utf8.RuneCountInString(body) > width {
			lines[i] = string([]rune(body)[:width-1]) + "…" + l[len(body):]
		}
	}
	return strings.Join(lines, "")
}

// ConsensusChart draws the claims behind a consensus on a value axis: one
// row per claim (each voice's latest statement), as a point ●, a range
// ├──┤, an open range ├──▶ ("more than") or ◀──┤ ("up to"), with the
// figure and date to the right, and the consensus band ═══ underneath.
// The axis is logarithmic when the values span a factor of ten or more,
// so 100 and 100,000 fit one line. width is the total width (at least 50).
func ConsensusChart(c Consensus, width int) string {
	width = max(width, 50)
	if len(c.Claims) == 0 {
		return "no claims\n"
	}
	// Right of the bars: the figure, padded, then the date.
	figs := make([]string, len(c.Claims))
	fw := 0
	for i, cl := range c.Claims {
		figs[i] = FormatClaim(cl)
		fw = max(fw, utf8.RuneCountInString(figs[i]))
	}
	names := make([]string, 0, len(c.Claims)+1)
	notes := make([]string, 0, len(c.Claims)+1)
	for i, cl := range c.Claims {
		name := cl.Source
		if i > 0 && c.Claims[i-1].src == cl.src {
			name = "" // one source, several claims of its latest day
		}
		names = append(names, name)
		d := cl.Date
		if d == "" {
			d = "undated"
		}
		notes = append(notes, figs[i]+strings.Repeat(" ", fw-utf8.RuneCountInString(figs[i]))+"  "+d)
	}
	names = append(names, "consensus")
	if c.PublisherOnly {
		notes = append(notes, c.String()+" (the publisher only)")
	} else {
		notes = append(notes, c.String())
	}
	nw := 0
	for _, n := range notes {
		nw = max(nw, utf8.RuneCountInString(n))
	}
	lw := labelWidth(names, width)
	pw := width - lw - 1 - nw - 2
	if pw < 16 {
		pw = 16
	}

	// Domain: every finite bound and stated number, positive for the log.
	lo, hi := math.Inf(1), 0.0
	for _, cl := range c.Claims {
		for _, v := range []float64{cl.Interval.Low, cl.Interval.High} {
			if v > 0 && !math.IsInf(v, 0) {
				lo, hi = min(lo, v), max(hi, v)
			}
		}
	}
	if math.IsInf(lo, 1) {
		lo, hi = 1, 10
	}
	logScale := hi/lo >= 10
	var f func(float64) float64
	if logScale {
		lo, hi = lo/1.2, hi*1.2
		f = math.Log10
	} else {
		pad := (hi - lo) * 0.1
		if pad == 0 {
			pad = math.Max(hi*0.1, 1)
		}
		lo, hi = math.Max(lo-pad, 0), hi+pad
		f = func(v float64) float64 { return v }
	}
	x := func(v float64) int {
		switch {
		case v <= lo:
			return 0
		case v >= hi || math.IsInf(v, 1):
			return pw - 1
		}
		return int(math.Round((f(v) - f(lo)) / (f(hi) - f(lo)) * float64(pw-1)))
	}

	var b strings.Builder
	ticks, axis := newCanvas(pw), newCanvas(pw)
	for i := range axis {
		axis[i] = '─'
	}
	next := 0
	for _, v := range niceTicks(lo, hi, logScale) {
		p := x(v)
		s := FormatShort(v)
		at := p - utf8.RuneCountInString(s)/2
		if at < next || at+utf8.RuneCountInString(s) > pw {
			continue
		}
		axis[p] = '┬'
		next = ticks.write(at, s) + 1
	}
	pad := strings.Repeat(" ", lw+1)
	b.WriteString(pad + ticks.String() + "\n")
	b.WriteString(pad + axis.String() + "\n")
	for i, cl := range c.Claims {
		row := newCanvas(pw)
		iv := cl.Interval
		switch {
		case iv.Open():
			a := x(iv.Low)
			for j := a; j < pw-1; j++ {
				row[j] = '─'
			}
			row[a], row[pw-1] = '├', '▶'
		case openBelow(cl):
			z := x(iv.High)
			for j := 0; j < z; j++ {
				row[j] = '─'
			}
			row[0], row[z] = '◀', '┤'
		case x(iv.Low) == x(iv.High):
			row[x(iv.Low)] = markPoint
		default:
			a, z := x(iv.Low), x(iv.High)
			for j := a; j <= z; j++ {
				row[j] = '─'
			}
			row[a], row[z] = '├', '┤'
		}
		b.WriteString(fit(names[i], lw) + " " + string(row) + "  " + notes[i] + "\n")
	}
	band := newCanvas(pw)
	a, z := x(c.Range.Low), x(c.Range.High)
	for j := a; j <= z; j++ {
		band[j] = '═'
	}
	if c.OpenAbove && z < pw-1 {
		band[z+1] = '▸'
	}
	b.WriteString(fit("consensus", lw) + " " + string(band) + "  " + notes[len(notes)-1] + "\n")
	return clip(b.String(), width)
}

// niceTicks are round values across [lo, hi]: 1, 2, 5 × 10^k on a log
// axis, a round step giving about five ticks on a linear one.
func niceTicks(lo, hi float64, logScale bool) []float64 {
	var out []float64
	if logScale {
		for e := math.Floor(math.Log10(math.Max(lo, 1e-9))); e <= math.Ceil(math.Log10(hi)); e++ {
			for _, m := range []float64{1, 2, 5} {
				if v := m * math.Pow(10, e); v >= lo && v <= hi {
					out = append(out, v)
				}
			}
		}
		return out
	}
	raw := (hi - lo) / 5
	if raw <= 0 {
		return []float64{lo}
	}
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	for v := math.Ceil(lo/step) * step; v <= hi; v += step {
		out = append(out, v)
	}
	return out
}
