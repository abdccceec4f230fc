package parse

import "math"

// perceptron is the averaged multi-class perceptron used in training
// (Collins 2002; averaging by timestamps as in Daumé's thesis): a dense
// row of class weights per feature key, created on the first update that
// touches the feature.
type perceptron struct {
	nclass int
	index  map[uint64]int32
	keys   []uint64
	w      []float32 // rows × nclass
	acc    []float64 // running sums for the average
	last   []int32   // clock at each weight's last change
	// freq counts the instances each feature fires in during the first
	// pass (counting stops at the second), so rare features can be pruned.
	freq     map[uint64]int32
	counting bool
	clock    int32
}

func newPerceptron(nclass int) *perceptron {
	return &perceptron{nclass: nclass, index: make(map[uint64]int32, 1<<20), freq: map[uint64]int32{}, counting: true}
}

// score fills out[:nclass] with the current weights' scores of feats.
func (p *perceptron) score(feats []uint64, out []float32) {
	out = out[:p.nclass]
	clear(out)
	for _, f := range feats {
		if p.counting {
			p.freq[f]++
		}
		r, ok := p.index[f]
		if !ok {
			continue
		}
		row := p.w[int(r)*p.nclass : int(r+1)*p.nclass]
		for c, v := range row {
			out[c] += v
		}
	}
}

// tick advances the clock by one training instance.
func (p *perceptron) tick() { p.clock++ }

// update moves the weights of feats towards good and away from bad.
func (p *perceptron) update(feats []uint64, good, bad int) {
	if good == bad {
		return
	}
	for _, f := range feats {
		r := p.row(f)
		p.bump(r*p.nclass+good, 1)
		p.bump(r*p.nclass+bad, -1)
	}
}

func (p *perceptron) row(f uint64) int {
	if r, ok := p.index[f]; ok {
		return int(r)
	}
	r := len(p.keys)
	p.index[f] = int32(r)
	p.keys = append(p.keys, f)
	p.w = append(p.w, make([]float32, p.nclass)...)
	p.acc = append(p.acc, make([]float64, p.nclass)...)
	p.last = append(p.last, make([]int32, p.nclass)...)
	return r
}

func (p *perceptron) bump(i int, d float32) {
	p.acc[i] += float64(p.clock-p.last[i]) * float64(p.w[i])
	p.last[i] = p.clock
	p.w[i] += d
}

// average is weight i averaged over every instance seen so far.
func (p *perceptron) average(i int) float64 {
	if p.clock == 0 {
		return 0
	}
	return (p.acc[i] + float64(p.clock-p.last[i])*float64(p.w[i])) / float64(p.clock)
}

// compile prunes features seen in fewer than minSeen instances of the
// first pass and averaged weights below minWeight (a share of the
// largest), and quantises the rest (see table) into the run-time table
// of classes lo..hi-1 (numbered from 0 there). p is left as it is, so
// training can go on after a look at the dev set.
func (p *perceptron) compile(minWeight float64, minSeen, lo, hi int) (*table, error) {
	maxw := 0.0
	for i := range p.w {
		maxw = math.Max(maxw, math.Abs(p.average(i)))
	}
	if maxw == 0 {
		maxw = 1
	}
	scale := maxw / (127 << maxExp)
	cut := minWeight * maxw
	rows := make([]qrow, 0, len(p.keys))
	vals := make([]float64, hi-lo)
	for r, k := range p.keys {
		if int(p.freq[k]) < minSeen {
			continue
		}
		top := 0.0
		for c := lo; c < hi; c++ {
			v := p.average(r*p.nclass + c)
			if math.Abs(v) < cut {
				v = 0
			}
			vals[c-lo] = v / scale
			top = math.Max(top, math.Abs(v/scale))
		}
		row, ok := quantise(k, vals, hi-lo <= inlineClasses, top)
		if ok {
			rows = append(rows, row)
		}
	}
	return newTable(hi-lo, rows)
}

// quantise turns one feature's weights (in units of the table's scale,
// at most 127<<maxExp) into a row: the least scale that keeps every
// weight in a signed byte. Zeros are dropped unless the row is inline;
// a row of zeros is no row.
func quantise(key uint64, vals []float64, inline bool, top float64) (qrow, bool) {
	exp := uint8(0)
	for exp < maxExp && top/float64(int(1)<<exp) > 127.49 {
		exp++
	}
	div := float64(int(1) << exp)
	row := qrow{key: key, exp: exp}
	any := false
	for c, v := range vals {
		q := math.Round(v / div)
		q = math.Max(-127, math.Min(127, q))
		if q != 0 {
			any = true
		}
		if inline {
			row.w = append(row.w, int8(q))
		} else if q != 0 {
			row.class = append(row.class, uint8(c))
			row.w = append(row.w, int8(q))
		}
	}
	return row, any
}
