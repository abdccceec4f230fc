package parse

// Parser feature templates (Zhang and Nivre 2011, for arc-hybrid: S0–S2
// are the top three stack words, B0–B2 the first three buffer words, L1/L2
// and R1/R2 the outermost two left and right dependents).
const (
	fS0w = iota + 1
	fS0p
	fS0wp
	fS1w
	fS1p
	fS1wp
	fS2p
	fS2w
	fB0w
	fB0p
	fB0wp
	fB1w
	fB1p
	fB1wp
	fB2w
	fB2p
	fB2wp
	fB3p
	fS0wpB0wp
	fS0wpB0w
	fS0wB0wp
	fS0wpB0p
	fS0pB0wp
	fS0wB0w
	fS0pB0p
	fB0pB1p
	fS1wS0w
	fS1pS0p
	fS1pS0wp
	fS1wpS0p
	fS1wpS0wp
	fS1pS0pB0p
	fS1wS0pB0p
	fS1pS0wB0p
	fS1pS0pB0w
	fB0pB1pB2p
	fS0pB0pB1p
	fS2pS1pS0p
	fS0wB0pB1p
	fS0pS0L1pB0p
	fS0pS0R1pB0p
	fS0pB0pB0L1p
	fS1pS1R1pS0p
	fS1pS0pS0L1p
	fS1pS0pS0R1p
	fS1pS1L1pS0p
	fS0wd
	fS0pd
	fB0wd
	fB0pd
	fS0wB0wd
	fS0pB0pd
	fS1pS0pd
	fS1wS0wd
	fS0wvl
	fS0pvl
	fS0wvr
	fS0pvr
	fB0wvl
	fB0pvl
	fS1pvr
	fS1wvr
	fS0L1w
	fS0L1p
	fS0L1l
	fS0R1w
	fS0R1p
	fS0R1l
	fB0L1w
	fB0L1p
	fB0L1l
	fS1L1p
	fS1L1l
	fS1R1w
	fS1R1p
	fS1R1l
	fS0L2p
	fS0L2l
	fS0R2p
	fS0R2l
	fB0L2p
	fB0L2l
	fS1R2p
	fS1R2l
	fS0pS0L1pS0L2p
	fS0pS0R1pS0R2p
	fB0pB0L1pB0L2p
	fS1pS1R1pS1R2p
	fS0wsl
	fS0psl
	fS0wsr
	fS0psr
	fB0wsl
	fB0psl
	fS1psr
	fS1psl
	fS0pS0L1lB0p
	fS0pS0R1lB0p
	fB0pB0L1lS0p
	fS1pS1R1lS0p
	fS0L1lS0R1l
	fS0wB0wB1w
	fS0st
	fS1st
	fB0st
	fB1st
	fB2st
	fS0stB0st
	fS1stS0st
	fB0stB1st
	fS0wst
	fB0wst
	fS0stB0p
	fS0pB0st
	fS1stS0stB0st
	fS0stB0stB1st
	fS0std
)

// Attribute values of positions that hold no word, and of the root.
const (
	noWord   = 1
	rootWord = 3
	noPos    = 254
	rootPos  = 253
	noLabel  = 255
)

// parserFeatures appends the features of configuration c over words with
// lexical forms lx, tags tags and supertags st (all indexed from word 1
// at [0]).
func parserFeatures(dst []uint64, c *config, lx []lex, tags, st []uint8) []uint64 {
	w := func(i int32) uint64 {
		switch {
		case i < 0:
			return noWord
		case i == 0:
			return rootWord
		}
		return lx[i-1].form
	}
	p := func(i int32) uint64 {
		switch {
		case i < 0:
			return noPos
		case i == 0:
			return rootPos
		}
		return uint64(tags[i-1])
	}
	sup := func(i int32) uint64 {
		switch {
		case i < 0:
			return noPos
		case i == 0:
			return rootPos
		}
		return uint64(st[i-1])
	}
	child := func(i int32, s []int32) int32 {
		if i < 0 || s[i] == 0 {
			return -1
		}
		return s[i]
	}
	l := func(i int32) uint64 {
		if i <= 0 {
			return noLabel
		}
		return uint64(c.rel[i])
	}
	count := func(i int32, s []uint8) uint64 {
		if i < 0 {
			return 255
		}
		return uint64(s[i])
	}
	set := func(i int32, s []uint64) uint64 {
		if i < 0 {
			return 1 << 63
		}
		return s[i]
	}
	s0, s1, s2 := c.top(0), c.top(1), c.top(2)
	b0, b1, b2, b3 := c.buf(0), c.buf(1), c.buf(2), c.buf(3)
	s0w, s0p, s1w, s1p, s2w, s2p := w(s0), p(s0), w(s1), p(s1), w(s2), p(s2)
	b0w, b0p, b1w, b1p, b2w, b2p, b3p := w(b0), p(b0), w(b1), p(b1), w(b2), p(b2), p(b3)
	s0L1, s0L2, s0R1, s0R2 := child(s0, c.lc1), child(s0, c.lc2), child(s0, c.rc1), child(s0, c.rc2)
	s1L1, s1R1, s1R2 := child(s1, c.lc1), child(s1, c.rc1), child(s1, c.rc2)
	b0L1, b0L2 := child(b0, c.lc1), child(b0, c.lc2)
	d := uint64(0)
	if s0 >= 0 && b0 >= 0 {
		d = bucket(b0 - s0)
	}
	d1 := uint64(0)
	if s1 >= 0 {
		d1 = bucket(s0 - s1)
	}
	// The word and tag pair of a position, as one attribute.
	s0wp, s1wp, b0wp := s0w*31+s0p, s1w*31+s1p, b0w*31+b0p
	s0st, s1st, b0st, b1st := sup(s0), sup(s1), sup(b0), sup(b1)
	dst = append(dst,
		key1(fS0st, s0st), key1(fS1st, s1st), key1(fB0st, b0st), key1(fB1st, b1st), key1(fB2st, sup(b2)),
		key2(fS0stB0st, s0st, b0st), key2(fS1stS0st, s1st, s0st), key2(fB0stB1st, b0st, b1st),
		key2(fS0wst, s0w, s0st), key2(fB0wst, b0w, b0st), key2(fS0stB0p, s0st, b0p), key2(fS0pB0st, s0p, b0st),
		key3(fS1stS0stB0st, s1st, s0st, b0st), key3(fS0stB0stB1st, s0st, b0st, b1st), key2(fS0std, s0st, d),
	)
	return append(dst,
		key1(fS0w, s0w), key1(fS0p, s0p), key1(fS0wp, s0wp),
		key1(fS1w, s1w), key1(fS1p, s1p), key1(fS1wp, s1wp),
		key1(fS2p, s2p), key1(fS2w, s2w),
		key1(fB0w, b0w), key1(fB0p, b0p), key1(fB0wp, b0wp),
		key1(fB1w, b1w), key1(fB1p, b1p), key1(fB1wp, b1w*31+b1p),
		key1(fB2w, b2w), key1(fB2p, b2p), key1(fB2wp, b2w*31+b2p),
		key1(fB3p, b3p),
		key2(fS0wpB0wp, s0wp, b0wp), key2(fS0wpB0w, s0wp, b0w), key2(fS0wB0wp, s0w, b0wp),
		key2(fS0wpB0p, s0wp, b0p), key2(fS0pB0wp, s0p, b0wp), key2(fS0wB0w, s0w, b0w),
		key2(fS0pB0p, s0p, b0p), key2(fB0pB1p, b0p, b1p),
		key2(fS1wS0w, s1w, s0w), key2(fS1pS0p, s1p, s0p), key2(fS1pS0wp, s1p, s0wp),
		key2(fS1wpS0p, s1wp, s0p), key2(fS1wpS0wp, s1wp, s0wp),
		key3(fS1pS0pB0p, s1p, s0p, b0p), key3(fS1wS0pB0p, s1w, s0p, b0p),
		key3(fS1pS0wB0p, s1p, s0w, b0p), key3(fS1pS0pB0w, s1p, s0p, b0w),
		key3(fB0pB1pB2p, b0p, b1p, b2p), key3(fS0pB0pB1p, s0p, b0p, b1p),
		key3(fS2pS1pS0p, s2p, s1p, s0p), key3(fS0wB0pB1p, s0w, b0p, b1p),
		key3(fS0pS0L1pB0p, s0p, p(s0L1), b0p), key3(fS0pS0R1pB0p, s0p, p(s0R1), b0p),
		key3(fS0pB0pB0L1p, s0p, b0p, p(b0L1)), key3(fS1pS1R1pS0p, s1p, p(s1R1), s0p),
		key3(fS1pS0pS0L1p, s1p, s0p, p(s0L1)), key3(fS1pS0pS0R1p, s1p, s0p, p(s0R1)),
		key3(fS1pS1L1pS0p, s1p, p(s1L1), s0p),
		key2(fS0wd, s0w, d), key2(fS0pd, s0p, d), key2(fB0wd, b0w, d), key2(fB0pd, b0p, d),
		key3(fS0wB0wd, s0w, b0w, d), key3(fS0pB0pd, s0p, b0p, d),
		key3(fS1pS0pd, s1p, s0p, d1), key3(fS1wS0wd, s1w, s0w, d1),
		key2(fS0wvl, s0w, count(s0, c.nl)), key2(fS0pvl, s0p, count(s0, c.nl)),
		key2(fS0wvr, s0w, count(s0, c.nr)), key2(fS0pvr, s0p, count(s0, c.nr)),
		key2(fB0wvl, b0w, count(b0, c.nl)), key2(fB0pvl, b0p, count(b0, c.nl)),
		key2(fS1pvr, s1p, count(s1, c.nr)), key2(fS1wvr, s1w, count(s1, c.nr)),
		key1(fS0L1w, w(s0L1)), key1(fS0L1p, p(s0L1)), key1(fS0L1l, l(s0L1)),
		key1(fS0R1w, w(s0R1)), key1(fS0R1p, p(s0R1)), key1(fS0R1l, l(s0R1)),
		key1(fB0L1w, w(b0L1)), key1(fB0L1p, p(b0L1)), key1(fB0L1l, l(b0L1)),
		key1(fS1L1p, p(s1L1)), key1(fS1L1l, l(s1L1)),
		key1(fS1R1w, w(s1R1)), key1(fS1R1p, p(s1R1)), key1(fS1R1l, l(s1R1)),
		key1(fS0L2p, p(s0L2)), key1(fS0L2l, l(s0L2)),
		key1(fS0R2p, p(s0R2)), key1(fS0R2l, l(s0R2)),
		key1(fB0L2p, p(b0L2)), key1(fB0L2l, l(b0L2)),
		key1(fS1R2p, p(s1R2)), key1(fS1R2l, l(s1R2)),
		key3(fS0pS0L1pS0L2p, s0p, p(s0L1), p(s0L2)), key3(fS0pS0R1pS0R2p, s0p, p(s0R1), p(s0R2)),
		key3(fB0pB0L1pB0L2p, b0p, p(b0L1), p(b0L2)), key3(fS1pS1R1pS1R2p, s1p, p(s1R1), p(s1R2)),
		key2(fS0wsl, s0w, set(s0, c.lset)), key2(fS0psl, s0p, set(s0, c.lset)),
		key2(fS0wsr, s0w, set(s0, c.rset)), key2(fS0psr, s0p, set(s0, c.rset)),
		key2(fB0wsl, b0w, set(b0, c.lset)), key2(fB0psl, b0p, set(b0, c.lset)),
		key2(fS1psr, s1p, set(s1, c.rset)), key2(fS1psl, s1p, set(s1, c.lset)),
		key3(fS0pS0L1lB0p, s0p, l(s0L1), b0p), key3(fS0pS0R1lB0p, s0p, l(s0R1), b0p),
		key3(fB0pB0L1lS0p, b0p, l(b0L1), s0p), key3(fS1pS1R1lS0p, s1p, l(s1R1), s0p),
		key2(fS0L1lS0R1l, l(s0L1), l(s0R1)), key3(fS0wB0wB1w, s0w, b0w, b1w),
	)
}

// bucket groups a distance between two words: 1–4 as they are, 5–7, 8+.
func bucket(d int32) uint64 {
	switch {
	case d <= 4:
		return uint64(d)
	case d <= 7:
		return 5
	}
	return 6
}

// Moves: the parser's first model scores these three, the second the
// relation of an arc, LEFT-l as l and RIGHT-l as L+l.
const (
	moveShift = 0
	moveLeft  = 1
	moveRight = 2
)

// moveOf is the move of joint class t (see arc.go).
func moveOf(t, L int) int {
	switch {
	case t == 0:
		return moveShift
	case t <= L:
		return moveLeft
	}
	return moveRight
}

// joint is the joint class of a move and a label.
func joint(move, label, L int) int {
	switch move {
	case moveLeft:
		return 1 + label
	case moveRight:
		return 1 + L + label
	}
	return 0
}

// arcLabel picks the relation of the arc that move makes in c. The last
// arc, onto the root, is always "root"; no other is.
func (m *Model) arcLabel(c *config, move int, feats []uint64, scores []int32, hits []uint64) int {
	if move == moveRight && c.top(1) == 0 {
		return m.root
	}
	t := m.relL
	if move == moveRight {
		t = m.relR
	}
	L := len(m.Labels)
	clear(scores[:L])
	t.addAll(feats, scores, hits)
	best := -1
	for l, v := range scores[:L] {
		if l != m.root && (best < 0 || v > scores[best]) {
			best = l
		}
	}
	return best
}

// parse fills heads and rels (indexed 1..n) of the n words with the
// run-time model: at each step the best-scoring valid move, then the
// best relation for an arc.
func (m *Model) parse(c *config, lx []lex, tags, st []uint8, scores []int32, fb *[]uint64) {
	feats := *fb
	defer func() { *fb = feats }()
	L := len(m.Labels)
	c.reset(len(lx))
	var hits [160]uint64
	for !c.done() {
		var valid [3]bool
		nvalid, best := 0, -1
		for mv := range valid {
			if valid[mv] = c.validMove(mv, L, m.root); valid[mv] {
				nvalid, best = nvalid+1, mv
			}
		}
		if best == moveRight && c.top(1) == 0 { // the last arc, onto the root: nothing to score
			c.apply(joint(best, m.root, L), L)
			continue
		}
		feats = parserFeatures(feats[:0], c, lx, tags, st)
		if nvalid > 1 {
			clear(scores[:3])
			m.parser.addAll(feats, scores, hits[:])
			best = -1
			for mv := 0; mv < 3; mv++ {
				if valid[mv] && (best < 0 || scores[mv] > scores[best]) {
					best = mv
				}
			}
		}
		cls := 0
		if best != moveShift {
			cls = joint(best, m.arcLabel(c, best, feats, scores, hits[:]), L)
		}
		c.apply(cls, L)
	}
}
