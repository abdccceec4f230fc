package parse

// projectivize returns heads (1-based, 0 = root, indexed from word 1 at
// [1]; [0] unused) with every crossing arc lifted to its head's head
// until no arc crosses another (Nivre and Nilsson 2005, without encoding
// the lifts in labels). Arc-hybrid can only build projective trees, and
// its dynamic oracle is exact only for them, so training reads the
// lifted tree; a few per cent of EWT's sentences have a crossing arc.
func projectivize(heads []int32) []int32 {
	h := append([]int32(nil), heads...)
	for {
		d := shortestCrossing(h)
		if d < 0 {
			return h
		}
		h[d] = h[h[d]]
	}
}

// shortestCrossing returns the dependent of the shortest non-projective
// arc, or -1.
func shortestCrossing(h []int32) int32 {
	best, bestLen := int32(-1), int32(1<<30)
	for d := int32(1); d < int32(len(h)); d++ {
		a, b := min(h[d], d), max(h[d], d)
		if b-a >= bestLen {
			continue
		}
		for k := a + 1; k < b; k++ {
			if !dominates(h, h[d], k) {
				best, bestLen = d, b-a
				break
			}
		}
	}
	return best
}

// dominates reports whether a is an ancestor of k.
func dominates(h []int32, a, k int32) bool {
	for steps := 0; k > 0 && steps < len(h); steps++ {
		k = h[k]
		if k == a {
			return true
		}
	}
	return a == 0
}
