package series

// Independent reports whether two claims come from independent sources:
// their canonical names differ and neither relays the other (one's Via is
// the other's source, as when a lawmaker passes on the spy agency's
// figure). The publisher is never independent: a figure in an outlet's
// own voice usually restates someone else's without saying whose.
func Independent(a, b *Claim) bool {
	if a.IsPublisher() || b.IsPublisher() {
		return false
	}
	return a.src != b.src && (a.via == "" || a.via != b.src) && (b.via == "" || b.via != a.src)
}

// voices groups a series' sources into independent voices: sources linked
// by a relay (a claim of one names the other as its Via) are one voice,
// transitively. Consensus and spreads count voices, not names, so a
// lawmaker relaying the spy agency does not make two estimates of one.
// It returns each source's voice number and the number of voices; the
// publisher, and sources that give only subsets or background figures,
// are left out.
func (s *Series) voices() (map[string]int, int) {
	parent := map[string]string{}
	var find func(x string) string
	find = func(x string) string {
		p, ok := parent[x]
		if !ok || p == x {
			return x
		}
		r := find(p)
		parent[x] = r
		return r
	}
	for i := range s.Claims {
		c := &s.Claims[i]
		if c.IsPublisher() || c.Aside() {
			continue
		}
		if _, ok := parent[c.src]; !ok {
			parent[c.src] = c.src
		}
	}
	for i := range s.Claims {
		c := &s.Claims[i]
		if c.IsPublisher() || c.Aside() || c.via == "" || c.via == c.src {
			continue
		}
		if _, ok := parent[c.via]; !ok {
			continue // the relay is not itself a source in this series
		}
		a, b := find(c.src), find(c.via)
		if a != b {
			parent[a] = b
		}
	}
	ids := map[string]int{}
	out := make(map[string]int, len(parent))
	// Number voices in claim order so the numbering is deterministic.
	for i := range s.Claims {
		c := &s.Claims[i]
		if c.IsPublisher() || c.Aside() {
			continue
		}
		r := find(c.src)
		id, ok := ids[r]
		if !ok {
			id = len(ids)
			ids[r] = id
		}
		out[c.src] = id
	}
	return out, len(ids)
}
