package parse

// The labellers read left to right. Each word's features are its own
// form, affixes and shape, the forms around it, the two labels already
// given to its left and, for a labeller that runs after another, the
// earlier labeller's labels around it (its view of the right context).
// Three labellers run in turn: a first tagging pass, a second one that
// sees the first pass's tags on both sides, and a supertagger that gives
// each word its relation and the side its head is on, which the parser
// reads as a look-ahead.

// Tagger feature templates.
const (
	tBias = iota + 1
	tForm
	tSuf1
	tSuf2
	tSuf3
	tSuf4
	tPre1
	tPre2
	tShape
	tPrev
	tPrev2
	tPrevForm
	tPrev2Only
	tFormM1
	tSuf3M1
	tFormM2
	tFormP1
	tSuf3P1
	tSuf2P1
	tFormP2
	tFormM1Form
	tFormFormP1
	tShapes
	tPrevShape
	tFirstShape
	tPrevFormP1
	tFormP1P2
	tShapeP1
	cT0
	cTm1
	cTp1
	cTm2
	cTp2
	cT0p1
	cTm10
	cTp12
	cT0Form
	cTp1Form
	cPrevT0
	cPrevTp1
	cTm10p1
	tAmb
	tAmbPrev
	tAmbP1
	tAmbM1
	tAmbForm
	cAmbT0
)

// noTag is the "tag" of positions before the sentence start.
const noTag = 255

// tagFeatures appends the features of word i given the two tags before it;
// with amb, those of the ambiguity classes too (models with a lexicon).
func tagFeatures(dst []uint64, lx []lex, ctx []uint8, i int, prev, prev2 uint8, amb bool) []uint64 {
	at := func(j int) *lex {
		if j < 0 || j >= len(lx) {
			return &nullLex
		}
		return &lx[j]
	}
	w, m1, m2, n1, n2 := at(i), at(i-1), at(i-2), at(i+1), at(i+2)
	pv, pv2 := uint64(prev), uint64(prev2)
	first := uint64(0)
	if i == 0 {
		first = 1
	}
	dst = append(dst,
		key1(tBias, 0),
		key1(tForm, w.form),
		key1(tSuf1, w.suf[0]),
		key1(tSuf2, w.suf[1]),
		key1(tSuf3, w.suf[2]),
		key1(tSuf4, w.suf[3]),
		key1(tPre1, w.pre[0]),
		key1(tPre2, w.pre[1]),
		key1(tShape, w.shape),
		key1(tPrev, pv),
		key2(tPrev2, pv, pv2),
		key2(tPrevForm, pv, w.form),
		key1(tPrev2Only, pv2),
		key1(tFormM1, m1.form),
		key1(tSuf3M1, m1.suf[2]),
		key1(tFormM2, m2.form),
		key1(tFormP1, n1.form),
		key1(tSuf3P1, n1.suf[2]),
		key1(tSuf2P1, n1.suf[1]),
		key1(tFormP2, n2.form),
		key2(tFormM1Form, m1.form, w.form),
		key2(tFormFormP1, w.form, n1.form),
		key3(tShapes, m1.shape, w.shape, n1.shape),
		key2(tPrevShape, pv, w.shape),
		key2(tFirstShape, first, w.shape),
		key2(tPrevFormP1, pv, n1.form),
		key3(tFormP1P2, w.form, n1.form, n2.form),
		key2(tShapeP1, w.shape, n1.shape),
	)
	if amb {
		dst = append(dst,
			key1(tAmb, w.amb),
			key2(tAmbPrev, w.amb, pv),
			key2(tAmbP1, w.amb, n1.amb),
			key2(tAmbM1, m1.amb, w.amb),
			key2(tAmbForm, w.amb, n1.form),
		)
	}
	if ctx == nil {
		return dst
	}
	c := func(j int) uint64 {
		if j < 0 || j >= len(ctx) {
			return noTag
		}
		return uint64(ctx[j])
	}
	c0, cm1, cp1, cm2, cp2 := c(i), c(i-1), c(i+1), c(i-2), c(i+2)
	dst = append(dst,
		key1(cT0, c0), key1(cTm1, cm1), key1(cTp1, cp1), key1(cTm2, cm2), key1(cTp2, cp2),
		key2(cT0p1, c0, cp1), key2(cTm10, cm1, c0), key2(cTp12, cp1, cp2),
		key2(cT0Form, c0, w.form), key2(cTp1Form, cp1, w.form),
		key2(cPrevT0, pv, c0), key2(cPrevTp1, pv, cp1), key3(cTm10p1, cm1, c0, cp1),
	)
	if amb {
		dst = append(dst, key3(cAmbT0, w.amb, c0, cp1))
	}
	return dst
}

// label gives each word of lx one of n labels with table t, reading ctx
// (nil for the first pass) as context, and the ambiguity classes if amb.
// With a lexicon z (the tagging passes), a word seen often with one tag
// takes it unscored and one seen often takes one of the tags it was seen
// with.
func label(t *table, n int, z *lexicon, amb bool, lx []lex, ctx, out []uint8, scores []int32, fb *[]uint64) {
	feats := *fb
	defer func() { *fb = feats }()
	prev, prev2 := uint8(noTag), uint8(noTag)
	var hits [64]uint64
	for i := range lx {
		if z != nil && lx[i].only != noTag && int(lx[i].only) < n {
			out[i] = lx[i].only
			prev2, prev = prev, out[i]
			continue
		}
		feats = tagFeatures(feats[:0], lx, ctx, i, prev, prev2, amb)
		clear(scores[:n])
		t.addAll(feats, scores, hits[:])
		best := uint8(bestOf(scores[:n], z.allowed(&lx[i])))
		out[i] = best
		prev2, prev = prev, best
	}
}

// bestOf is the class with the highest score among those m allows (all
// when m is nil or allows none).
func bestOf[T int32 | float32](sc []T, m *tagMask) int {
	best := -1
	for c, v := range sc {
		if (best < 0 || v > sc[best]) && (m == nil || m.has(uint8(c))) {
			best = c
		}
	}
	if best < 0 {
		return bestOf(sc, nil)
	}
	return best
}
