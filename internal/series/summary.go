package series

// SeriesSummary is one line of `tally series`.
type SeriesSummary struct {
	Key         Key
	Kind, Label string
	// Claims is the number of distinct assertions; Reports every report
	// of them, near-duplicates included; Documents the distinct original
	// documents among those reports.
	Claims, Reports, Documents int
	// Sources is the number of independent voices; the publisher counts
	// only when nobody else gives a figure.
	Sources int
	// Latest is the most recent dated claim of a named source (the
	// publisher's, or an undated one, only when there is nothing else).
	Latest    *Claim
	Consensus Consensus
	Conflicts int
	// Disagree is set when the highest and lowest estimates of some
	// period cannot both hold (Spreads).
	Disagree bool
	// From and To are the first and last claim dates, "" when no claim
	// is dated.
	From, To string
}

// Summary condenses a series for the series list.
func (s *Series) Summary() SeriesSummary {
	sum := SeriesSummary{Key: s.Key, Kind: s.Kind, Label: s.Label, Claims: len(s.Claims)}
	docs := map[string]bool{}
	for i := range s.Claims {
		c := &s.Claims[i]
		sum.Reports += len(c.Reports)
		for k := range c.Reports {
			if r := &c.Reports[k]; !r.Duplicate {
				docs[r.Doc] = true
			}
		}
		if sum.Latest == nil || better(c, sum.Latest) {
			sum.Latest = c
		}
		if c.Dated() {
			if sum.From == "" || c.Date < sum.From {
				sum.From = c.Date
			}
			if c.Last > sum.To {
				sum.To = c.Last
			}
		}
	}
	sum.Documents = len(docs)
	_, sum.Sources = s.voices()
	if sum.Sources == 0 && len(s.Claims) > 0 {
		sum.Sources = 1 // the publisher alone
	}
	sum.Consensus = s.Consensus()
	sum.Conflicts = len(s.Conflicts())
	for _, sp := range s.Spreads() {
		if sp.Disagree {
			sum.Disagree = true
			break
		}
	}
	return sum
}

// better reports whether c is a better "latest claim" than cur: a
// comparable figure beats a subset or background one, a named source beats
// the publisher, dated beats undated, later beats earlier;
// among equals the later in the series order wins.
func better(c, cur *Claim) bool {
	if c.Aside() != cur.Aside() {
		return !c.Aside()
	}
	if c.IsPublisher() != cur.IsPublisher() {
		return !c.IsPublisher()
	}
	if c.Dated() != cur.Dated() {
		return c.Dated()
	}
	return c.first >= cur.first
}

// Summarize builds every series from reports and summarises each, in key
// order.
func Summarize(reports []Report) []SeriesSummary {
	series := Build(reports)
	out := make([]SeriesSummary, len(series))
	for i := range series {
		out[i] = series[i].Summary()
	}
	return out
}
