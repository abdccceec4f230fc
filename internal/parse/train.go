package parse

import (
	"fmt"
	"io"
	"math/rand"
	"sort"
	"sync"
	"time"
)

// TrainOptions set how a model is trained. The zero value of a field
// takes the default given beside it.
type TrainOptions struct {
	TagEpochs   int     // most tagger passes over the data (12); the best on dev is kept
	ParseEpochs int     // most parser passes (20)
	Folds       int     // jackknife folds: the parser learns from tags a tagger gave without seeing the sentence (5)
	Explore     float64 // chance of following the model's own wrong move after the first pass (0.9)
	Prune       float64 // weights below this share of the largest are dropped (0)
	MinSeen     int     // parser features seen in fewer instances of the first pass are dropped (0)
	TagMinSeen  int     // the same for the taggers and the supertagger (0)
	// Lexicon gives the tagger the training words' ambiguity classes and
	// tag constraints (see lexicon). It raises EWT's UPOS, UAS and LAS
	// (0.952, 0.861, 0.830 on test against 0.948, 0.852, 0.821) but reads
	// news verbs the web text has only seen as adjectives ("wounded",
	// three times, all ADJ) as adjectives, which breaks extraction: off
	// until its thresholds are tuned on news.
	Lexicon bool
	Seed    int64 // shuffling (1)
	Workers int   // goroutines for the jackknife (2)
	Log     io.Writer
	Source  string // what the model is trained from, for Info
}

func (o *TrainOptions) defaults() {
	if o.TagEpochs == 0 {
		o.TagEpochs = 12
	}
	if o.ParseEpochs == 0 {
		o.ParseEpochs = 20
	}
	if o.Folds == 0 {
		o.Folds = 5
	}
	if o.Explore == 0 {
		o.Explore = 0.9
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.Workers == 0 {
		o.Workers = 2
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
}

// instance is a training or tuning sentence in the model's numbers.
type instance struct {
	lx     []lex
	tags   []uint8 // gold joint tags
	t1     []uint8 // tags the first tagging pass gave
	pred   []uint8 // tags the second pass gave
	stGold []uint8 // gold supertags
	st     []uint8 // supertags the supertagger gave
	heads  []int32 // gold heads, [1..n], projectivised for training
	labels []uint8 // gold labels, [1..n]
	gold   *Sentence
}

// Train trains a tagger and parser on train, choosing the number of
// passes by the scores on dev.
func Train(train, dev []Sentence, opt TrainOptions) (*Model, error) {
	opt.defaults()
	start := time.Now()
	m := &Model{root: -1}
	tagIndex := m.learnTags(train)
	labelIndex := m.learnLabels(train)
	m.lemmas = learnLemmas(train)
	insts := makeInstances(train, tagIndex, labelIndex, true)
	devs := makeInstances(dev, tagIndex, labelIndex, false)
	m.lexicon = &lexicon{entries: map[uint64]lexEntry{}}
	if opt.Lexicon {
		m.lexicon = learnLexicon(insts)
	}
	for _, set := range [][]instance{insts, devs} {
		for i := range set {
			m.lexicon.fill(set[i].lx)
		}
	}
	amb := m.lexicon.used()
	m.learnSupertags(insts, devs)
	fmt.Fprintf(opt.Log, "train: %d sentences, %d tags, %d labels; dev: %d sentences\n",
		len(insts), len(m.UPOS), len(m.Labels), len(devs))

	nt := len(m.UPOS)
	gold := func(in *instance) []uint8 { return in.tags }
	uposRight := func(in *instance, out []uint8) (int, int) {
		right := 0
		for k, t := range out {
			if m.UPOS[t] == in.gold.Words[k].UPOS {
				right++
			}
		}
		return right, len(out)
	}
	// First tagging pass.
	first := labeller{n: nt, lex: m.lexicon, amb: amb, gold: gold, ctx: func(*instance) []uint8 { return nil },
		set: func(in *instance) *[]uint8 { return &in.t1 }, score: uposRight, name: "tagger"}
	var tagEpochs [3]int
	var upos1 float64
	m.tag1, tagEpochs[0], upos1 = first.train(insts, devs, opt.TagEpochs, opt)
	first.jackknife(insts, tagEpochs[0], opt)
	first.apply(m.tag1, devs)
	fmt.Fprintf(opt.Log, "tagger: %d passes, dev UPOS %.4f (%s)\n", tagEpochs[0], upos1, time.Since(start).Round(time.Second))
	// Second pass, seeing the first pass's tags on both sides.
	second := labeller{n: nt, lex: m.lexicon, amb: amb, gold: gold, ctx: func(in *instance) []uint8 { return in.t1 },
		set: func(in *instance) *[]uint8 { return &in.pred }, score: uposRight, name: "tagger, second pass"}
	var upos float64
	m.tag2, tagEpochs[1], upos = second.train(insts, devs, opt.TagEpochs, opt)
	second.jackknife(insts, tagEpochs[1], opt)
	second.apply(m.tag2, devs)
	fmt.Fprintf(opt.Log, "tagger, second pass: %d passes, dev UPOS %.4f (%s)\n", tagEpochs[1], upos, time.Since(start).Round(time.Second))
	// Supertags: each word's relation and the side of its head.
	super := labeller{n: len(m.Super), amb: amb, gold: func(in *instance) []uint8 { return in.stGold },
		ctx: func(in *instance) []uint8 { return in.pred },
		set: func(in *instance) *[]uint8 { return &in.st }, name: "supertagger",
		score: func(in *instance, out []uint8) (int, int) {
			right := 0
			for k, t := range out {
				if t == in.stGold[k] {
					right++
				}
			}
			return right, len(out)
		}}
	var stAcc float64
	m.super, tagEpochs[2], stAcc = super.train(insts, devs, opt.TagEpochs, opt)
	super.jackknife(insts, tagEpochs[2], opt)
	super.apply(m.super, devs)
	fmt.Fprintf(opt.Log, "supertagger: %d passes, dev accuracy %.4f (%s)\n", tagEpochs[2], stAcc, time.Since(start).Round(time.Second))

	pr, err := m.trainParser(insts, devs, opt)
	if err != nil {
		return nil, err
	}
	m.parser, m.relL, m.relR = pr.moves, pr.relL, pr.relR
	parseEpochs, uas, las := pr.epochs, pr.uas, pr.las
	fmt.Fprintf(opt.Log, "parser: %d passes, dev UAS %.4f LAS %.4f (%s)\n", parseEpochs, uas, las, time.Since(start).Round(time.Second))
	m.Info = Info{
		Trained: fmt.Sprintf("%s; taggers %v passes, parser %d passes, %d-fold jackknife, exploration %.2f, prune %g, min seen %d/%d, seed %d",
			opt.Source, tagEpochs, parseEpochs, opt.Folds, opt.Explore, opt.Prune, opt.TagMinSeen, opt.MinSeen, opt.Seed),
		Licence:  "CC BY-SA 4.0 (trained on UD English EWT)",
		Epochs:   [4]int{tagEpochs[0], tagEpochs[1], tagEpochs[2], parseEpochs},
		DevScore: map[string]float64{"UPOS": round4(upos), "UAS": round4(uas), "LAS": round4(las), "supertags": round4(stAcc)},
	}
	return m, nil
}

func round4(x float64) float64 { return float64(int(x*10000+0.5)) / 10000 }

// learnTags fills m's joint tag lists from train, most frequent first.
func (m *Model) learnTags(train []Sentence) map[[2]string]uint8 {
	counts := map[[2]string]int{}
	for _, s := range train {
		for _, w := range s.Words {
			counts[[2]string{w.UPOS, w.XPOS}]++
		}
	}
	keys := make([][2]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if counts[keys[i]] != counts[keys[j]] {
			return counts[keys[i]] > counts[keys[j]]
		}
		return keys[i][0]+keys[i][1] < keys[j][0]+keys[j][1]
	})
	if len(keys) > 250 {
		keys = keys[:250]
	}
	idx := map[[2]string]uint8{}
	for i, k := range keys {
		idx[k] = uint8(i)
		m.UPOS = append(m.UPOS, k[0])
		m.XPOS = append(m.XPOS, k[1])
	}
	return idx
}

// learnLabels fills m.Labels from train, most frequent first.
func (m *Model) learnLabels(train []Sentence) map[string]uint8 {
	counts := map[string]int{"root": 0}
	for _, s := range train {
		for _, w := range s.Words {
			counts[w.Rel]++
		}
	}
	keys := mostFrequent(counts, 64) // the label sets of features are 64-bit masks
	idx := map[string]uint8{}
	for i, k := range keys {
		idx[k] = uint8(i)
		if k == "root" {
			m.root = i
		}
	}
	m.Labels = keys
	return idx
}

// mostFrequent returns the keys of counts, most frequent first (ties in
// key order, so training is deterministic), at most limit of them.
func mostFrequent(counts map[string]int, limit int) []string {
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if counts[keys[i]] != counts[keys[j]] {
			return counts[keys[i]] > counts[keys[j]]
		}
		return keys[i] < keys[j]
	})
	if len(keys) > limit {
		keys = keys[:limit]
	}
	return keys
}

// supertag names word i's relation and where its head is: "nsubj>"
// (head to the right), "obj<" (to the left), "root".
func supertag(rel string, i, head int32) string {
	switch {
	case head == 0:
		return rel
	case head > i:
		return rel + ">"
	}
	return rel + "<"
}

// learnSupertags fills m.Super from the training trees and gives every
// instance its gold supertags (unknown ones in dev take the first).
func (m *Model) learnSupertags(insts, devs []instance) {
	counts := map[string]int{}
	for _, in := range insts {
		for i := range in.lx {
			counts[supertag(m.Labels[in.labels[i+1]], int32(i+1), in.heads[i+1])]++
		}
	}
	keys := mostFrequent(counts, 250)
	idx := map[string]uint8{}
	for i, k := range keys {
		idx[k] = uint8(i)
	}
	m.Super = keys
	for _, set := range [][]instance{insts, devs} {
		for k := range set {
			in := &set[k]
			in.stGold = make([]uint8, len(in.lx))
			for i := range in.lx {
				in.stGold[i] = idx[supertag(m.Labels[in.labels[i+1]], int32(i+1), in.heads[i+1])]
			}
		}
	}
}

func makeInstances(sents []Sentence, tags map[[2]string]uint8, labels map[string]uint8, training bool) []instance {
	out := make([]instance, 0, len(sents))
	for si := range sents {
		s := &sents[si]
		n := len(s.Words)
		in := instance{lx: make([]lex, n), tags: make([]uint8, n), heads: make([]int32, n+1),
			labels: make([]uint8, n+1), gold: s}
		in.heads[0] = -1
		ok := true
		for i, w := range s.Words {
			in.lx[i] = makeLex(w.Form)
			t, found := tags[[2]string{w.UPOS, w.XPOS}]
			if !found {
				t = noTag
			}
			in.tags[i] = t
			in.heads[i+1] = int32(w.Head)
			l, found := labels[w.Rel]
			if !found || w.Head < 0 {
				ok = false
			}
			in.labels[i+1] = l
		}
		if training {
			if !ok {
				continue
			}
			in.heads = projectivize(in.heads)
		}
		out = append(out, in)
	}
	return out
}

// labeller trains one left-to-right labelling pass: gold gives an
// instance's right labels, ctx the earlier pass's labels it reads, set
// where its own labels go.
type labeller struct {
	n     int
	lex   *lexicon // for the tagging passes: constraints and only tags
	amb   bool     // read the ambiguity classes
	gold  func(*instance) []uint8
	ctx   func(*instance) []uint8
	set   func(*instance) *[]uint8
	score func(in *instance, out []uint8) (right, all int)
	name  string
}

// train runs up to epochs passes over insts; with dev it keeps the pass
// that labels dev best, else the last.
func (lb labeller) train(insts, dev []instance, epochs int, opt TrainOptions) (*table, int, float64) {
	p := newPerceptron(lb.n)
	rng := rand.New(rand.NewSource(opt.Seed))
	order := make([]int, len(insts))
	for i := range order {
		order[i] = i
	}
	var feats []uint64
	sc := make([]float32, p.nclass)
	var best *table
	bestEpoch, bestAcc := 0, -1.0
	for e := 1; e <= epochs; e++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		p.counting = e == 1
		for _, si := range order {
			in := &insts[si]
			gold, ctx := lb.gold(in), lb.ctx(in)
			prev, prev2 := uint8(noTag), uint8(noTag)
			for i := range in.lx {
				if l := &in.lx[i]; lb.lex != nil && l.only != noTag {
					prev2, prev = prev, l.only
					continue
				}
				feats = tagFeatures(feats[:0], in.lx, ctx, i, prev, prev2, lb.amb)
				p.score(feats, sc)
				guess := bestOf(sc, lb.lex.allowed(&in.lx[i]))
				if g := int(gold[i]); guess != g {
					p.update(feats, g, guess)
				}
				p.tick()
				prev2, prev = prev, uint8(guess)
			}
		}
		if len(dev) == 0 && e < epochs {
			continue
		}
		t, err := p.compile(opt.Prune, opt.TagMinSeen, 0, lb.n)
		if err != nil {
			panic(err) // a fingerprint clash among 2^32: retrain with another seed
		}
		if len(dev) == 0 {
			return t, e, 0
		}
		lb.apply(t, dev)
		right, all := 0, 0
		for i := range dev {
			r, a := lb.score(&dev[i], *lb.set(&dev[i]))
			right, all = right+r, all+a
		}
		acc := float64(right) / float64(max(all, 1))
		fmt.Fprintf(opt.Log, "  %s pass %d: dev %.4f, %d features\n", lb.name, e, acc, len(p.keys))
		if acc > bestAcc {
			best, bestEpoch, bestAcc = t, e, acc
		}
	}
	return best, bestEpoch, bestAcc
}

// apply labels every instance with table t.
func (lb labeller) apply(t *table, insts []instance) {
	s := scratchPool.Get().(*scratch)
	defer scratchPool.Put(s)
	for i := range insts {
		in := &insts[i]
		out := lb.set(in)
		*out = make([]uint8, len(in.lx))
		label(t, lb.n, lb.lex, lb.amb, in.lx, lb.ctx(in), *out, s.scores[:], &s.feats)
	}
}

// jackknife labels every training sentence with a labeller trained on
// the other folds, so that the next stage learns from labels as wrong as
// it will see.
func (lb labeller) jackknife(insts []instance, epochs int, opt TrainOptions) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, opt.Workers)
	for f := 0; f < opt.Folds; f++ {
		wg.Add(1)
		sem <- struct{}{}
		go func(f int) {
			defer wg.Done()
			defer func() { <-sem }()
			var rest []instance
			var held []*instance
			for i := range insts {
				if i%opt.Folds != f {
					rest = append(rest, insts[i])
				} else {
					held = append(held, &insts[i])
				}
			}
			fo := opt
			fo.Seed = opt.Seed + int64(f) + 1
			t, _, _ := lb.train(rest, nil, epochs, fo)
			s := scratchPool.Get().(*scratch)
			defer scratchPool.Put(s)
			for _, in := range held {
				out := make([]uint8, len(in.lx))
				label(t, lb.n, lb.lex, lb.amb, in.lx, lb.ctx(in), out, s.scores[:], &s.feats)
				*lb.set(in) = out
			}
		}(f)
	}
	wg.Wait()
}

// trainParser trains the parser with the dynamic oracle: at each step it
// learns the best move that loses no more gold arcs than any other, and
// after the first pass it often follows its own mistakes, so that it
// learns what to do after them. The move (SHIFT, LEFT, RIGHT) and the
// relation of an arc are two models over the same features: the
// relation model learns from every arc that is right.
func (m *Model) trainParser(insts, dev []instance, opt TrainOptions) (*parserResult, error) {
	L := len(m.Labels)
	nc := 2*L + 1
	moves, rels := newPerceptron(3), newPerceptron(2*L)
	rng := rand.New(rand.NewSource(opt.Seed))
	order := make([]int, len(insts))
	for i := range order {
		order[i] = i
	}
	var feats []uint64
	msc, lsc := make([]float32, 3), make([]float32, 2*L)
	costs := make([]int, nc)
	var c config
	var best *Model
	bestEpoch, bestUAS, bestLAS := 0, -1.0, -1.0
	for e := 1; e <= opt.ParseEpochs; e++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		moves.counting, rels.counting = e == 1, e == 1
		wrong, steps := 0, 0
		for _, si := range order {
			in := &insts[si]
			c.reset(len(in.lx))
			for !c.done() {
				feats = parserFeatures(feats[:0], &c, in.lx, in.pred, in.st)
				moves.score(feats, msc)
				lo := c.costs(L, m.root, in.heads, in.labels, costs)
				// A move's cost is its best relation's.
				var mc [3]int
				for t := range mc {
					mc[t] = -1
				}
				for t, k := range costs {
					if k < 0 {
						continue
					}
					mv := moveOf(t, L)
					if mc[mv] < 0 || k < mc[mv] {
						mc[mv] = k
					}
				}
				guess, gold := -1, -1
				for t := 0; t < 3; t++ {
					if mc[t] < 0 {
						continue
					}
					if guess < 0 || msc[t] > msc[guess] {
						guess = t
					}
					if mc[t] == lo && (gold < 0 || msc[t] > msc[gold]) {
						gold = t
					}
				}
				next := gold
				if mc[guess] == lo {
					next = guess
				} else {
					wrong++
					moves.update(feats, gold, guess)
					if e > 1 && rng.Float64() < opt.Explore {
						next = guess
					}
				}
				moves.tick()
				steps++
				cls := 0
				if next != 0 {
					cls = joint(next, trainLabel(m, &c, next, feats, rels, lsc), L)
					// The relation model learns from arcs that are right.
					s0 := c.top(0)
					head := c.b
					if next == 2 {
						head = c.top(1)
					}
					if in.heads[s0] == head && !(next == moveRight && c.top(1) == 0) {
						gl := int(in.labels[s0])
						want := gl
						if next == 2 {
							want += L
						}
						if got := cls - 1; got != want {
							rels.update(feats, want, got)
						}
						cls = joint(next, gl, L)
					}
					rels.tick()
				}
				c.apply(cls, L)
			}
		}
		t, err := moves.compile(opt.Prune, opt.MinSeen, 0, 3)
		if err != nil {
			return nil, err
		}
		rl, err := rels.compile(opt.Prune, opt.MinSeen, 0, L)
		if err != nil {
			return nil, err
		}
		rr, err := rels.compile(opt.Prune, opt.MinSeen, L, 2*L)
		if err != nil {
			return nil, err
		}
		pm := m.withParser(t, rl, rr)
		uas, las := pm.attachment(dev)
		fmt.Fprintf(opt.Log, "  parser pass %d: %.1f%% wrong moves; dev UAS %.4f LAS %.4f, %d+%d features\n",
			e, 100*float64(wrong)/float64(max(steps, 1)), uas, las, len(moves.keys), len(rels.keys))
		if las > bestLAS {
			best, bestEpoch, bestUAS, bestLAS = pm, e, uas, las
		}
	}
	return &parserResult{best.parser, best.relL, best.relR, bestEpoch, bestUAS, bestLAS}, nil
}

// parserResult is the parser pass that scored best on dev.
type parserResult struct {
	moves, relL, relR *table
	epochs            int
	uas, las          float64
}

func (m *Model) withParser(moves, relL, relR *table) *Model {
	c := *m
	c.parser, c.relL, c.relR = moves, relL, relR
	return &c
}

// trainLabel is the relation the training relation model gives the arc
// move makes in c: rels scores LEFT-l as l and RIGHT-l as L+l.
func trainLabel(m *Model, c *config, move int, feats []uint64, rels *perceptron, buf []float32) int {
	L := len(m.Labels)
	if move == moveRight && c.top(1) == 0 {
		return m.root
	}
	rels.score(feats, buf)
	off := 0
	if move == moveRight {
		off = L
	}
	best := -1
	for l := 0; l < L; l++ {
		if l != m.root && (best < 0 || buf[off+l] > buf[off+best]) {
			best = l
		}
	}
	return best
}

// attachment parses dev (with its predicted tags) and scores heads and
// universal relations as the CoNLL 2018 shared task does.
func (m *Model) attachment(dev []instance) (uas, las float64) {
	s := scratchPool.Get().(*scratch)
	defer scratchPool.Put(s)
	var right, labelled, all int
	for i := range dev {
		in := &dev[i]
		m.parse(&s.c, in.lx, in.pred, in.st, s.scores[:], &s.feats)
		for k := range in.lx {
			g := in.gold.Words[k]
			all++
			if int(s.c.head[k+1]) == g.Head {
				right++
				if universal(m.Labels[s.c.rel[k+1]]) == universal(g.Rel) {
					labelled++
				}
			}
		}
	}
	return float64(right) / float64(max(all, 1)), float64(labelled) / float64(max(all, 1))
}

// costs fills out with each class's cost in c, -1 for invalid classes, and
// returns the least cost.
func (c *config) costs(L, root int, gh []int32, gl []uint8, out []int) int {
	lo := 1 << 30
	for t := range out {
		if !c.valid(t, L, root) {
			out[t] = -1
			continue
		}
		out[t] = -2
	}
	// The structural cost of LEFT and RIGHT does not depend on the label.
	var left, right int
	if len(c.stack) > 1 {
		s0 := c.top(0)
		if c.b <= c.n {
			left = c.cost(1+int(gl[s0]), L, gh, gl)
		}
		right = c.cost(1+L+int(gl[s0]), L, gh, gl)
	}
	for t := range out {
		if out[t] == -1 {
			continue
		}
		switch {
		case t == 0:
			out[t] = c.cost(0, L, gh, gl)
		case t <= L:
			out[t] = left
			if s0 := c.top(0); gh[s0] == c.b && uint8(t-1) != gl[s0] {
				out[t]++
			}
		default:
			out[t] = right
			if s0 := c.top(0); gh[s0] == c.top(1) && uint8(t-1-L) != gl[s0] {
				out[t]++
			}
		}
		lo = min(lo, out[t])
	}
	return lo
}
