package series

import (
	"cmp"
	"slices"
	"strings"

	"github.com/tally-news/tally/internal/claim"
)

// Consensus is the current range of estimates in a series: the span of
// the latest claim of each independent voice.
type Consensus struct {
	// Range is finite: an open bound counts as the number it states, so
	// "more than 3,000" reaches 3,000 and "up to 12,000" starts at 12,000.
	Range Interval
	// OpenAbove is set when the top of the range is a lower bound
	// ("3,000+"); OpenBelow when the bottom is an upper bound.
	OpenAbove, OpenBelow bool
	// Best is the median of the included claims' Best values.
	Best float64
	// Date is the latest date among the included claims.
	Date string
	// Sources is the number of independent voices included.
	Sources int
	// Claims are the claims that made it, in date order.
	Claims []*Claim
	// PublisherOnly is set when no source but the publisher gives a
	// figure, so the publisher's latest claim stands in.
	PublisherOnly bool
	// Dropped is the number of voices left out as out of date: their
	// latest claim is more than ConsensusWindow days older than the
	// newest, or undated when others are dated.
	Dropped int
}

// ConsensusWindow is how many days older than the newest claim a voice's
// latest claim may be and still count in the consensus: the range is of
// current estimates, and a source that last spoke a season ago is not
// current.
const ConsensusWindow = 90

// Consensus is the range spanned by the latest claim of each independent
// voice (Series.voices) that is still current (ConsensusWindow). A voice's latest claim is every claim it made on
// its latest date (the JCS's "more than 1,000" and "around 1,100" of the
// same day are one statement); a voice with no dated claim contributes its
// undated ones. The publisher is left out unless nobody else speaks;
// subsets and background figures always are.
// Vague phrases that could not be read ([1, +Inf)) are left out when
// anything else is known.
func (s *Series) Consensus() Consensus {
	var out Consensus
	voice, _ := s.voices()
	type latest struct {
		day    int32
		claims []*Claim
	}
	byVoice := map[int]*latest{}
	var seen []*latest // voices in order of first claim, for a stable result
	add := func(v int, c *Claim) {
		l := byVoice[v]
		switch {
		case l == nil:
			l = &latest{c.first, []*Claim{c}}
			byVoice[v] = l
			seen = append(seen, l)
		case c.Dated() && (l.day == undated || c.first > l.day):
			l.day, l.claims = c.first, append(l.claims[:0:0], c)
		case c.first == l.day:
			l.claims = append(l.claims, c)
		}
	}
	for i := range s.Claims {
		c := &s.Claims[i]
		if !c.IsPublisher() && !c.Aside() {
			add(voice[c.src], c)
		}
	}
	if len(byVoice) == 0 {
		out.PublisherOnly = true
		for i := range s.Claims {
			if c := &s.Claims[i]; !c.Aside() {
				add(0, c)
			}
		}
	}
	// Voices that have fallen silent are left out: a latest claim more
	// than ConsensusWindow days older than the newest says nothing of
	// now, and an undated one cannot be placed at all once anything is
	// dated.
	newest := undated
	for _, l := range seen {
		if l.day != undated && (newest == undated || l.day > newest) {
			newest = l.day
		}
	}
	kept := seen[:0:0]
	for _, l := range seen {
		if newest != undated && (l.day == undated || newest-l.day > ConsensusWindow) {
			out.Dropped++
			continue
		}
		kept = append(kept, l)
	}
	for _, l := range kept {
		out.Claims = append(out.Claims, l.claims...)
	}
	out.Sources = len(kept)
	if len(out.Claims) == 0 {
		return out
	}
	slices.SortStableFunc(out.Claims, func(a, b *Claim) int {
		return cmp.Or(cmp.Compare(a.first, b.first), strings.Compare(a.src, b.src), cmp.Compare(a.Best(), b.Best()))
	})

	informative := out.Claims
	if slices.ContainsFunc(out.Claims, func(c *Claim) bool { return c.Interval != unknown }) {
		informative = slices.DeleteFunc(slices.Clone(out.Claims), func(c *Claim) bool { return c.Interval == unknown })
	}
	first := true
	last := undated
	var bests []float64
	for _, c := range informative {
		lo, hi := finite(c)
		if first {
			out.Range, first = Interval{lo, hi}, false
		} else {
			out.Range.Low, out.Range.High = min(out.Range.Low, lo), max(out.Range.High, hi)
		}
		bests = append(bests, c.Best())
	}
	for _, c := range out.Claims {
		if c.Dated() && (last == undated || c.first > last) {
			last = c.first
		}
	}
	for _, c := range informative {
		lo, hi := finite(c)
		if c.Interval.Open() && hi == out.Range.High {
			out.OpenAbove = true
		}
		if openBelow(c) && lo == out.Range.Low {
			out.OpenBelow = true
		}
	}
	slices.Sort(bests)
	if n := len(bests); n%2 == 1 {
		out.Best = bests[n/2]
	} else {
		out.Best = (bests[n/2-1] + bests[n/2]) / 2
	}
	out.Date = dayString(last)
	return out
}

// finite is the part of a claim's interval the consensus can span: an
// open end collapses onto the number stated.
func finite(c *Claim) (lo, hi float64) {
	lo, hi = c.Interval.Low, c.Interval.High
	if c.Interval.Open() {
		hi = lo
	}
	if openBelow(c) {
		lo = hi
	}
	return lo, hi
}

// openBelow reports claims that set only a ceiling: "up to 12,000".
func openBelow(c *Claim) bool {
	return c.Interval.Low == 0 && c.Interval.High > 0 && c.Qualifier != claim.Exact && c.Qualifier != claim.Range
}
