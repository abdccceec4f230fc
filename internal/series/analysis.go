package series

// Analysis is everything the timeline view shows of one series.
type Analysis struct {
	Timeline      Timeline
	Consensus     Consensus
	Conflicts     []Conflict
	Corroboration []Corroboration // one per claim, in s.Claims order
	Spreads       []Spread
}

// Analyze computes the whole timeline view at once. It gives the same
// results as the separate methods, but conflicts and corroboration come
// from a single sweep over the claims, which matters on busy series.
func (s *Series) Analyze() Analysis {
	cs, co := s.compare(true, true)
	return Analysis{
		Timeline:      s.Timeline(),
		Consensus:     s.Consensus(),
		Conflicts:     cs,
		Corroboration: co,
		Spreads:       s.Spreads(),
	}
}
