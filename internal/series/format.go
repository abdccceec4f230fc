package series

import (
	"math"
	"strconv"
	"strings"

	"github.com/tally-news/tally/internal/claim"
)

// FormatNumber writes a count with thousands separators: "1,100",
// "2,200,000"; fractions keep up to two decimals ("1.5"); +Inf is "∞".
func FormatNumber(v float64) string {
	switch {
	case math.IsInf(v, 1):
		return "∞"
	case math.IsInf(v, -1):
		return "-∞"
	case math.IsNaN(v):
		return "?"
	}
	neg := v < 0
	v = math.Round(math.Abs(v)*100) / 100
	whole := math.Floor(v)
	frac := ""
	if v != whole {
		frac = strings.TrimRight(strconv.FormatFloat(v-whole, 'f', 2, 64)[1:], "0")
	}
	digits := strconv.FormatFloat(whole, 'f', 0, 64)
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	b.WriteString(frac)
	return b.String()
}

// FormatShort writes a count in at most four characters or so, for chart
// labels: 950, "1.1k", "12k", "2.2M", "117M", "1.5B".
func FormatShort(v float64) string {
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return FormatNumber(v)
	}
	neg := ""
	if v < 0 {
		neg, v = "-", -v
	}
	units := []struct {
		scale  float64
		suffix string
	}{{1e9, "B"}, {1e6, "M"}, {1e3, "k"}, {1, ""}}
	for i, u := range units {
		if v < u.scale && u.scale > 1 {
			continue
		}
		x := v / u.scale
		var s string
		switch {
		case x < 100:
			s = strconv.FormatFloat(x, 'f', 1, 64)
			s = strings.TrimSuffix(s, ".0")
		default:
			s = strconv.FormatFloat(math.Round(x), 'f', 0, 64)
		}
		// 999,999 rounds to "1000k": move up a unit.
		if s == "1000" && i > 0 {
			return neg + "1" + units[i-1].suffix
		}
		return neg + s + u.suffix
	}
	return neg + FormatNumber(v)
}

// FormatInterval writes an interval: "1,100" for a point, "990–1,210",
// "≥3,000" when open above, "≤12,000" when it starts at zero.
func FormatInterval(iv Interval) string { return formatInterval(iv, FormatNumber) }

func formatInterval(iv Interval, num func(float64) string) string {
	switch {
	case iv.Point():
		return num(iv.Low)
	case iv.Open():
		return "≥" + num(iv.Low)
	case iv.Low == 0:
		return "≤" + num(iv.High)
	}
	return num(iv.Low) + "–" + num(iv.High)
}

// FormatFigure writes a figure as the timeline shows it: "1,100",
// "≈1,100", "≥1,000", "≤12,000", "10,000–12,000", and vague phrases as
// written, in lower case ("thousands").
func FormatFigure(f claim.Figure) string { return formatFigure(f, FormatNumber) }

// FormatFigureShort is FormatFigure with short numbers: "≈1.1k", "10k–12k".
func FormatFigureShort(f claim.Figure) string { return formatFigure(f, FormatShort) }

func formatFigure(f claim.Figure, num func(float64) string) string {
	get := func(ps ...*float64) (float64, bool) {
		for _, p := range ps {
			if p != nil && !math.IsNaN(*p) {
				return *p, true
			}
		}
		return 0, false
	}
	switch f.Qualifier {
	case claim.Exact:
		if v, ok := get(f.Value, f.Low); ok {
			return num(v)
		}
	case claim.Approx:
		if v, ok := get(f.Value); ok {
			return "≈" + num(v)
		}
	case claim.Min:
		if v, ok := get(f.Low, f.Value); ok {
			return "≥" + num(v)
		}
	case claim.Max:
		if v, ok := get(f.High, f.Value); ok {
			return "≤" + num(v)
		}
	case claim.Range:
		lo, okl := get(f.Low, f.Value)
		hi, okh := get(f.High)
		if okl && okh {
			return num(lo) + "–" + num(hi)
		}
	case claim.Vague:
		if t := strings.Join(strings.Fields(strings.ToLower(f.NumberText)), " "); t != "" {
			return t
		}
	}
	return formatInterval(IntervalOf(f), num)
}

// FormatClaim is FormatFigure for a claim.
func FormatClaim(c *Claim) string { return FormatFigure(c.Figure()) }

// FormatClaimShort is FormatFigureShort for a claim.
func FormatClaimShort(c *Claim) string { return FormatFigureShort(c.Figure()) }

// String writes the consensus range: "990–4,000"; "990–≥3,000" when the
// top is only a lower bound ("more than 3,000") and "≤9,000–12,000" when
// the bottom is only an upper bound, in the notation of FormatFigure; a
// single number (or "≥300") when all agree; "" when the series has no
// claim.
func (c Consensus) String() string {
	if len(c.Claims) == 0 {
		return ""
	}
	lo, hi := FormatNumber(c.Range.Low), FormatNumber(c.Range.High)
	if c.OpenBelow {
		lo = "≤" + lo
	}
	if c.OpenAbove {
		hi = "≥" + hi
	}
	switch {
	case c.Range.High != c.Range.Low:
		return lo + "–" + hi
	case c.OpenAbove:
		return hi
	}
	return lo
}
