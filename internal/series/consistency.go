package series

import (
	"cmp"
	"slices"

	"github.com/tally-news/tally/internal/claim"
)

// Warning kinds.
const (
	KilledAboveCasualties   = "killed-above-casualties"
	WoundedAboveCasualties  = "wounded-above-casualties"
	DeployedBelowCasualties = "deployed-below-casualties"
	CountFalls              = "count-falls"
)

// Warning is a source contradicting itself across series of one counted
// group (killed above casualties, deployed below casualties) or within one
// (a cumulative count that falls). A and B are the two claims; for
// CountFalls, A is the earlier one.
type Warning struct {
	Kind    string
	Source  string
	A, B    *Claim
	Message string
}

// Consistency checks each source against itself, per counted group and
// place (the series key without the measure), since DESIGN.md wants
// killed ≤ casualties ≤ deployed and cumulative counts that do not fall:
//
//   - killed (or wounded) above casualties: the killed figure's lower
//     bound exceeds the casualties figure's upper bound, the two at most
//     PeriodWindow days apart and the killed figure stated no more than
//     SameTimeWindow days after (later, killed may have outgrown an older
//     casualty count);
//   - deployed below casualties: the deployed figure's upper bound is
//     under the casualties figure's lower bound, at most PeriodWindow days
//     apart;
//   - a cumulative count that falls: a claim whose upper bound is below
//     the lower bound of an earlier claim (on an earlier day) by the same
//     source in the same series, however far apart: totals do not shrink.
//
// Only dated claims of named sources are checked: the publisher's voice
// is many outlets under one name, and an undated claim has no order.
// Warnings come in series order, then date order.
func Consistency(series []Series) []Warning {
	type group struct{ counted, location, part, src string }
	byGroup := map[group]map[string][]*Claim{}
	var groups []group
	var out []Warning
	for si := range series {
		s := &series[si]
		var bySrc map[string][]*Claim
		for i := range s.Claims {
			c := &s.Claims[i]
			if !c.rival() {
				continue
			}
			g := group{fold(s.Key.Counted), fold(s.Key.Location), s.Key.Part, c.src}
			m := byGroup[g]
			if m == nil {
				m = map[string][]*Claim{}
				byGroup[g] = m
				groups = append(groups, g)
			}
			m[c.Measure] = append(m[c.Measure], c)
			if cumulative[c.Measure] {
				if bySrc == nil {
					bySrc = map[string][]*Claim{}
				}
				bySrc[c.src] = append(bySrc[c.src], c)
			}
		}
		var srcs []string
		for src := range bySrc {
			srcs = append(srcs, src)
		}
		slices.Sort(srcs)
		for _, src := range srcs {
			out = append(out, falls(bySrc[src])...)
		}
	}
	byDate := func(a, b *Claim) int { return cmp.Compare(a.first, b.first) }
	for _, g := range groups {
		m := byGroup[g]
		for _, cs := range m {
			slices.SortStableFunc(cs, byDate)
		}
		cas := m[claim.Casualties]
		for _, part := range []struct{ measure, kind string }{
			{claim.Killed, KilledAboveCasualties}, {claim.Wounded, WoundedAboveCasualties},
		} {
			for _, k := range m[part.measure] {
				for _, c := range cas {
					d := k.first - c.first
					if d >= -PeriodWindow && d <= SameTimeWindow && k.Interval.Low > c.Interval.High {
						out = append(out, warn(part.kind, k, c, " above "))
					}
				}
			}
		}
		for _, d := range m[claim.Deployed] {
			for _, c := range cas {
				if gap := d.first - c.first; gap >= -PeriodWindow && gap <= PeriodWindow && d.Interval.High < c.Interval.Low {
					out = append(out, warn(DeployedBelowCasualties, d, c, " below "))
				}
			}
		}
	}
	return out
}

// falls finds a source's cumulative claims (one series, any order) that
// fall below an earlier day's claim.
func falls(cs []*Claim) []Warning {
	slices.SortStableFunc(cs, func(a, b *Claim) int { return cmp.Compare(a.first, b.first) })
	var out []Warning
	var top *Claim // the claim with the highest lower bound on earlier days
	for lo := 0; lo < len(cs); {
		hi := lo
		for hi < len(cs) && cs[hi].first == cs[lo].first {
			hi++
		}
		day := cs[lo:hi]
		if top != nil {
			for _, c := range day {
				if c.Interval.High < top.Interval.Low {
					out = append(out, warn(CountFalls, top, c, " then "))
				}
			}
		}
		for _, c := range day {
			if top == nil || c.Interval.Low > top.Interval.Low {
				top = c
			}
		}
		lo = hi
	}
	return out
}

// warn builds "Gaza Health Ministry: killed 7,028 on 2023-10-26 above
// casualties ≈5,000 on 2023-10-25".
func warn(kind string, a, b *Claim, rel string) Warning {
	msg := a.Source + ": " + a.Measure + " " + FormatClaim(a) + " on " + a.Date + rel +
		b.Measure + " " + FormatClaim(b) + " on " + b.Date
	if kind == CountFalls {
		msg += ": a cumulative count fell"
	}
	return Warning{Kind: kind, Source: a.Source, A: a, B: b, Message: msg}
}
