package series

import (
	"cmp"
	"slices"

	"github.com/tally-news/tally/internal/claim"
)

// PeriodWindow is how many days apart two claims may be and still speak
// of the same period. Conflicts, corroboration and spreads only compare
// claims within it: a figure from March says nothing for or against one
// from June. Two weeks is one or two news cycles of a running story.
const PeriodWindow = 14

// SameTimeWindow is how close two claims of a cumulative count must be for
// a later, higher figure to contradict an earlier, lower one rather than
// record growth: within three days, 1,100 and 3,000 casualties are two
// estimates of the same thing.
const SameTimeWindow = 3

// cumulative measures only grow over time: an earlier lower figure and a
// later higher one are not in conflict, a later lower one is. Deployments
// and deliveries are counted as totals sent so far. Missing people are
// found, so missing is not cumulative.
var cumulative = map[string]bool{
	claim.Killed: true, claim.Casualties: true, claim.Wounded: true, claim.Captured: true,
	claim.Displaced: true, claim.Refugees: true, claim.Arrested: true, claim.Evacuated: true,
	claim.Deployed: true, claim.Supplied: true,
}

// Cumulative reports whether a measure counts a total that only grows.
func Cumulative(measure string) bool { return cumulative[measure] }

// Conflict is two claims by independent sources that cannot both hold.
// A is the earlier claim. Falls is set when, the measure being cumulative,
// the later figure is the lower one.
type Conflict struct {
	A, B  *Claim
	Falls bool
}

// Reason says why in words, for the timeline view: "Joint Chiefs of Staff
// (South Korea) ≈1,100 (990–1,210) vs Volodymyr Zelensky 3,000 on
// 2024-12-23 / 2024-12-24: intervals do not overlap". It is built on
// demand: a busy series can hold thousands of conflicts, and formatting
// them all would cost more than finding them.
func (c Conflict) Reason() string {
	v := disjoint
	if c.Falls {
		v = falling
	}
	return reason(c.A, c.B, v)
}

// sameTime is the series' window within which a later, higher figure of a
// cumulative measure is a rival estimate rather than growth (judge).
func (s *Series) sameTime() int32 {
	if s.Kind == KindIncident || s.Kind == KindPeriod {
		return 0
	}
	return SameTimeWindow
}

// verdict is what judge makes of a pair of claims.
type verdict int

const (
	otherPeriod verdict = iota // more than PeriodWindow apart
	overlap                    // both can hold
	growth                     // a cumulative count rising over time
	falling                    // conflict: a cumulative count falling
	disjoint                   // conflict: the intervals do not meet
)

func (v verdict) conflict() bool { return v == falling || v == disjoint }

// judge decides whether two independent claims of one series (a no later
// than b) conflict. They conflict when their intervals do not overlap and
// they are in the same period (PeriodWindow); for a cumulative measure, a
// later higher figure conflicts only within SameTimeWindow, while a later
// lower one always does (the count cannot fall).
//
// sameTime is SameTimeWindow for a running total, and 0 for an incident or
// a period: an incident's toll is counted again every day, and the day
// after, a higher toll is the count going up, not a rival estimate.
func judge(a, b *Claim, sameTime int32) verdict {
	gap := b.first - a.first
	switch {
	case gap > PeriodWindow:
		return otherPeriod
	case a.Interval.Overlaps(b.Interval):
		return overlap
	case cumulative[a.Measure] && a.Interval.High < b.Interval.Low && gap > sameTime:
		return growth
	case cumulative[a.Measure] && b.Interval.High < a.Interval.Low && gap > 0:
		return falling
	}
	return disjoint
}

var verdictWords = [...]string{
	otherPeriod: "different periods",
	overlap:     "intervals overlap",
	growth:      "the later, higher figure can be growth of a cumulative count",
	falling:     "intervals do not overlap and the later figure is lower, though the count only grows",
	disjoint:    "intervals do not overlap",
}

// reason words a verdict.
func reason(a, b *Claim, v verdict) string {
	return describe(a) + " vs " + describe(b) + " " + dates(a, b) + ": " + verdictWords[v]
}

// describe is "Joint Chiefs of Staff (South Korea) ≈1,100 (990–1,210)".
func describe(c *Claim) string {
	label := FormatClaim(c)
	if iv := FormatInterval(c.Interval); iv != label {
		return c.Source + " " + label + " (" + iv + ")"
	}
	return c.Source + " " + label
}

// dates is "on 2024-12-23" or "on 2024-12-23 / 2024-12-24".
func dates(a, b *Claim) string {
	if a.Date == b.Date {
		return "on " + a.Date
	}
	return "on " + a.Date + " / " + b.Date
}

// sweep calls f(i, j) for claims i (earlier) and j of s.Claims that are
// dated, independent and in the same period, where i belongs to the latest
// statement of its source at j's date (every claim the source made on its
// latest day up to then). Comparing against each source's standing
// statement, not its whole history, keeps the work linear in claims times
// active sources (a 10,000 report series takes milliseconds) and matches
// what a reader asks: what did the others say at the time?
func (s *Series) sweep(sid, vid []int32, f func(i, j int)) {
	order := make([]int, 0, len(s.Claims))
	for i := range s.Claims {
		if c := &s.Claims[i]; c.rival() {
			order = append(order, i)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(s.Claims[a].first, s.Claims[b].first) })
	type state struct {
		src    int32
		day    int32
		claims []int
		active bool
	}
	states := map[int32]*state{}
	var active []*state
	cut := undated
	for _, j := range order {
		c := &s.Claims[j]
		if c.first != cut {
			cut = c.first
			keep := active[:0]
			for _, st := range active {
				if cut-st.day <= PeriodWindow {
					keep = append(keep, st)
				} else {
					st.active = false
				}
			}
			clear(active[len(keep):])
			active = keep
		}
		src, via := sid[j], vid[j]
		for _, st := range active {
			if st.src == src || st.src == via {
				continue // the same source, or the one relaying this claim
			}
			for _, i := range st.claims {
				if vid[i] != src { // nor a claim relayed by this claim's source
					f(i, j)
				}
			}
		}
		st := states[src]
		if st == nil {
			st = &state{src: src, day: c.first}
			states[src] = st
		}
		if st.day != c.first {
			st.day, st.claims = c.first, st.claims[:0]
		}
		st.claims = append(st.claims, j)
		if !st.active {
			st.active = true
			active = append(active, st)
		}
	}
}

// sourceIDs numbers each claim's source and relay (by one numbering, -1
// for no relay), so that sweeps compare integers, not names.
func (s *Series) sourceIDs() (sid, vid []int32) {
	ids := map[string]int32{}
	id := func(name string) int32 {
		if name == "" {
			return -1
		}
		n, ok := ids[name]
		if !ok {
			n = int32(len(ids))
			ids[name] = n
		}
		return n
	}
	sid = make([]int32, len(s.Claims))
	vid = make([]int32, len(s.Claims))
	for i := range s.Claims {
		sid[i], vid[i] = id(s.Claims[i].src), id(s.Claims[i].via)
	}
	return sid, vid
}

// compare runs one sweep for conflicts, corroboration or both.
func (s *Series) compare(conflicts, corroboration bool) ([]Conflict, []Corroboration) {
	sid, vid := s.sourceIDs()
	var cs []Conflict
	var pairs []int32 // overlapping (earlier, later) claim pairs, flattened
	s.sweep(sid, vid, func(i, j int) {
		a, b := &s.Claims[i], &s.Claims[j]
		if a.Interval.Overlaps(b.Interval) {
			if corroboration {
				pairs = append(pairs, int32(i), int32(j))
			}
			return
		}
		if conflicts {
			if v := judge(a, b, s.sameTime()); v.conflict() {
				cs = append(cs, Conflict{A: a, B: b, Falls: v == falling})
			}
		}
	})
	if !corroboration {
		return cs, nil
	}
	return cs, s.corroborations(pairs, sid)
}

// corroborations turns overlapping pairs into each claim's corroborating
// claims, one per source, in the order the sweep found them. Partners are
// laid out claim by claim in one array (a counting sort), and a stamp per
// source drops a source's second claim: no allocation per claim, which
// matters when thousands of claims corroborate each other.
func (s *Series) corroborations(pairs []int32, sid []int32) []Corroboration {
	co := make([]Corroboration, len(s.Claims))
	for i := range co {
		co[i].Claim = &s.Claims[i]
	}
	start := make([]int32, len(s.Claims)+1)
	for _, c := range pairs {
		start[c+1]++
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	partners := make([]int32, len(pairs))
	fill := slices.Clone(start[:len(s.Claims)])
	for k := 0; k < len(pairs); k += 2 {
		i, j := pairs[k], pairs[k+1]
		partners[fill[i]] = j
		fill[i]++
		partners[fill[j]] = i
		fill[j]++
	}
	sources := int32(0)
	for _, id := range sid {
		sources = max(sources, id+1)
	}
	stamp := make([]int32, sources) // claim+1 that last took each source
	by := make([]*Claim, 0, len(partners))
	for i := range s.Claims {
		off := len(by)
		for _, j := range partners[start[i]:start[i+1]] {
			if stamp[sid[j]] == int32(i)+1 {
				continue
			}
			stamp[sid[j]] = int32(i) + 1
			by = append(by, &s.Claims[j])
		}
		if len(by) > off {
			co[i].By = by[off:len(by):len(by)]
		}
	}
	return co
}

// Conflicts lists pairs of independent claims that cannot both hold
// (judge), in date order of the later claim. The publisher and undated
// claims take no part: neither can contradict anyone.
func (s *Series) Conflicts() []Conflict {
	cs, _ := s.compare(true, false)
	return cs
}

// Corroboration is, for one claim, the claims of other independent
// sources whose intervals overlap it in the same period, one per source.
type Corroboration struct {
	Claim *Claim
	By    []*Claim
}

// Corroboration returns one entry per claim of the series, in the same
// order as s.Claims; By is empty for claims nobody corroborates
// (including the publisher's and undated ones).
func (s *Series) Corroboration() []Corroboration {
	_, co := s.compare(false, true)
	return co
}

// Spread is the lowest and the highest estimate of one period, from two
// independent voices.
type Spread struct {
	From, To        string // first and last claim dates of the period
	Lowest, Highest *Claim
	Disagree        bool // the two cannot both hold (judge)
	Reason          string
	Sources         int // independent voices in the period
}

// Spreads compares the extremes of each period. Periods are cut greedily
// over the dated claims of independent sources: a period starts at the
// earliest claim not yet placed and takes every claim at most
// PeriodWindow days after it. In each period with two or more voices the
// lowest estimate is the claim with the smallest upper bound (an open
// "more than" is never low) and the highest the one with the largest
// lower bound, taken from different voices; Disagree is set when they
// conflict. This is the "highest vs lowest of the same period" flag of
// the timeline view.
func (s *Series) Spreads() []Spread {
	voice, _ := s.voices()
	var order []*Claim
	for i := range s.Claims {
		if c := &s.Claims[i]; c.rival() {
			order = append(order, c)
		}
	}
	slices.SortStableFunc(order, func(a, b *Claim) int { return cmp.Compare(a.first, b.first) })
	lower := func(a, b *Claim) bool { // a is a lower estimate than b
		return a.Interval.High < b.Interval.High || a.Interval.High == b.Interval.High && a.Interval.Low < b.Interval.Low
	}
	higher := func(a, b *Claim) bool {
		return a.Interval.Low > b.Interval.Low || a.Interval.Low == b.Interval.Low && a.Interval.High > b.Interval.High
	}
	var out []Spread
	for lo := 0; lo < len(order); {
		hi := lo
		for hi < len(order) && order[hi].first-order[lo].first <= PeriodWindow {
			hi++
		}
		period := order[lo:hi]
		lo = hi
		// The lowest and highest claim of each voice.
		type ext struct{ low, high *Claim }
		exts := map[int]*ext{}
		var vs []int
		for _, c := range period {
			v := voice[c.src]
			e := exts[v]
			if e == nil {
				e = &ext{c, c}
				exts[v] = e
				vs = append(vs, v)
				continue
			}
			if lower(c, e.low) {
				e.low = c
			}
			if higher(c, e.high) {
				e.high = c
			}
		}
		if len(vs) < 2 {
			continue
		}
		byLow := slices.Clone(vs)
		slices.SortStableFunc(byLow, func(a, b int) int {
			if lower(exts[a].low, exts[b].low) {
				return -1
			}
			if lower(exts[b].low, exts[a].low) {
				return 1
			}
			return 0
		})
		byHigh := slices.Clone(vs)
		slices.SortStableFunc(byHigh, func(a, b int) int {
			if higher(exts[a].high, exts[b].high) {
				return -1
			}
			if higher(exts[b].high, exts[a].high) {
				return 1
			}
			return 0
		})
		l, h := exts[byLow[0]].low, exts[byHigh[0]].high
		if byLow[0] == byHigh[0] {
			// One voice holds both extremes: pair it with the best other.
			l1, h1 := exts[byLow[1]].low, exts[byHigh[1]].high
			if h.Interval.Low-l1.Interval.High >= h1.Interval.Low-l.Interval.High {
				l = l1
			} else {
				h = h1
			}
		}
		sp := Spread{From: period[0].Date, To: period[len(period)-1].Date, Lowest: l, Highest: h, Sources: len(vs)}
		a, b := l, h
		if b.first < a.first {
			a, b = b, a
		}
		v := judge(a, b, s.sameTime())
		sp.Reason, sp.Disagree = reason(a, b, v), v.conflict()
		out = append(out, sp)
	}
	return out
}
