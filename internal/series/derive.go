package series

import (
	"strings"

	"github.com/tally-news/tally/internal/claim"
)

// Derive makes casualty reports out of killed and wounded figures given
// together: "At least 300 ... have been killed and 2,700 wounded, the
// spy agency said" is also the agency's estimate of 3,000 casualties. A
// desk that tracks a casualties series counts that source in it, and so
// does tally; the derived report says how it was made ("300 killed +
// 2,700 wounded") and keeps the sentence of the killed figure.
//
// A pair is one killed and one wounded figure of the same sentence, source,
// counted group, place and date, both with a number. The sum's qualifier
// is the looser of the two: exact only when both are; at least when
// either is a lower bound (and neither an upper one); approximate
// otherwise. A sentence with several killed or wounded figures for the
// same key pairs none of them, since which goes with which is unknown.
func Derive(reports []Report) []Report {
	type key struct {
		doc                             string
		sentence                        int
		source, counted, location, date string
	}
	type pair struct {
		killed, wounded []int
	}
	pairs := map[key]*pair{}
	var order []key
	for i := range reports {
		r := &reports[i]
		if r.Measure != claim.Killed && r.Measure != claim.Wounded || r.Value == nil {
			continue
		}
		k := key{r.Doc, r.SentenceSpan[0], fold(r.Source), fold(str(r.Counted)), placeKey(fold(str(r.Location))), r.When()}
		p := pairs[k]
		if p == nil {
			p = &pair{}
			pairs[k] = p
			order = append(order, k)
		}
		if r.Measure == claim.Killed {
			p.killed = append(p.killed, i)
		} else {
			p.wounded = append(p.wounded, i)
		}
	}
	var out []Report
	for _, k := range order {
		p := pairs[k]
		if len(p.killed) != 1 || len(p.wounded) != 1 {
			continue
		}
		kr, wr := reports[p.killed[0]], reports[p.wounded[0]]
		q, ok := sumQualifier(kr.Qualifier, wr.Qualifier)
		if !ok {
			continue
		}
		d := kr
		d.ID = -kr.ID // no stored figure; negative so it cannot clash with one
		d.Measure = claim.Casualties
		sum := *kr.Value + *wr.Value
		d.Value, d.Qualifier = &sum, q
		d.Low, d.High = nil, nil
		switch q {
		case claim.Exact:
			d.Low, d.High = &sum, &sum
		case claim.Min:
			d.Low = &sum
		}
		d.NumberText = strings.TrimSpace(kr.NumberText) + " killed + " + strings.TrimSpace(wr.NumberText) + " wounded"
		d.Hedged = kr.Hedged || wr.Hedged
		d.Derived = true
		out = append(out, d)
	}
	return out
}

// sumQualifier is the qualifier of a sum of two figures, and false when
// the sum says nothing usable (a range, an upper bound with a lower one,
// a vague word).
func sumQualifier(a, b string) (string, bool) {
	switch {
	case a == claim.Exact && b == claim.Exact:
		return claim.Exact, true
	case (a == claim.Min || a == claim.Exact) && (b == claim.Min || b == claim.Exact):
		return claim.Min, true
	case (a == claim.Approx || a == claim.Exact || a == claim.Min) && (b == claim.Approx || b == claim.Exact || b == claim.Min):
		return claim.Approx, true
	}
	return "", false
}
