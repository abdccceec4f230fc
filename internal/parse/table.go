package parse

import "fmt"

// table holds a trained model's weights: for each feature key the classes
// it votes for, with quantised weights. It is an open-addressing hash
// table placed by the key's low bits; a slot packs the key's high 32 bits
// (its fingerprint) with where the feature's weights start and how many
// there are, so a lookup touches one slot and one short run of weights.
// Features the averaged perceptron left near zero are pruned when the
// table is built, which keeps the embedded model small and in cache.
type table struct {
	mask  uint64
	slots []uint64 // fingerprint<<32 | first weight<<8 | number of weights; 0 = empty
	w     []uint32 // class<<16 | uint16(weight)
	// keys are the features' full keys in the order of their weights,
	// kept from training for writing the model file (which stores keys,
	// not slots, and is rebuilt into slots when read).
	keys   []uint64
	counts []uint8
}

const maxWeights = 1 << 24 // what the 24-bit offset of a slot can address

func fingerprint(k uint64) uint64 { return (k >> 32) | 1 }

// add adds the weights of feature k to scores, which must have room for
// every class (256).
func (t *table) add(k uint64, scores []int32) {
	fp := fingerprint(k)
	for i := k & t.mask; ; i = (i + 1) & t.mask {
		s := t.slots[i]
		if s == 0 {
			return
		}
		if s>>32 == fp {
			o := uint32(s) >> 8
			for _, cw := range t.w[o : o+uint32(s&255)] {
				scores[uint8(cw>>16)] += int32(int16(cw))
			}
			return
		}
	}
}

// addAll adds the weights of every feature in keys to scores. It looks
// the features up in three sweeps rather than one at a time: first every
// key's home slot, then the first weight of every hit, then the sums.
// The loads of each sweep do not depend on one another, so the processor
// has many cache misses in flight at once instead of one; with tables of
// tens of megabytes that is most of the parser's time. hits must have
// room for len(keys) entries.
func (t *table) addAll(keys []uint64, scores []int32, hits []uint64) {
	slots, mask := t.slots, t.mask
	for i, k := range keys {
		hits[i] = slots[k&mask]
	}
	n := 0
	var touch uint32
	for i, k := range keys {
		s := hits[i]
		fp := fingerprint(k)
		if s>>32 != fp {
			if s == 0 {
				continue
			}
			if s = t.probe(k, fp); s == 0 {
				continue
			}
		}
		hits[n] = s
		n++
		touch += t.w[uint32(s)>>8]
	}
	for _, s := range hits[:n] {
		o := uint32(s) >> 8
		for _, cw := range t.w[o : o+uint32(s&255)] {
			scores[uint8(cw>>16)] += int32(int16(cw))
		}
	}
	if touch == 1<<32-1 {
		scores[0]++ // never true in practice; keeps the touching loads from being dropped
	}
}

// probe finds feature k past its home slot, or returns 0.
func (t *table) probe(k, fp uint64) uint64 {
	for i := (k + 1) & t.mask; ; i = (i + 1) & t.mask {
		s := t.slots[i]
		if s == 0 || s>>32 == fp {
			return s
		}
	}
}

// sparseRow is one feature's surviving weights, for building a table.
type sparseRow struct {
	key   uint64
	class []uint8
	w     []int16
}

// newTable builds a table holding rows.
func newTable(rows []sparseRow) (*table, error) {
	keys := make([]uint64, len(rows))
	counts := make([]uint8, len(rows))
	var cw []uint32
	for i, r := range rows {
		keys[i], counts[i] = r.key, uint8(len(r.class))
		for j, c := range r.class {
			cw = append(cw, uint32(c)<<16|uint32(uint16(r.w[j])))
		}
	}
	return buildTable(keys, counts, cw)
}

// buildTable builds a table at a load factor of at most 1/2 from the
// features' keys, their weight counts and their weights in key order.
func buildTable(keys []uint64, counts []uint8, cw []uint32) (*table, error) {
	if len(cw) >= maxWeights {
		return nil, fmt.Errorf("parse: %d weights do not fit a table (at most %d): prune more", len(cw), maxWeights)
	}
	size := uint64(16)
	for size < 2*uint64(len(keys)) {
		size <<= 1
	}
	t := &table{mask: size - 1, slots: make([]uint64, size), w: cw, keys: keys, counts: counts}
	off := 0
	for k, key := range keys {
		fp := fingerprint(key)
		i := key & t.mask
		for t.slots[i] != 0 {
			if t.slots[i]>>32 == fp {
				return nil, fmt.Errorf("parse: two features share fingerprint %#x", fp)
			}
			i = (i + 1) & t.mask
		}
		n := int(counts[k])
		if off+n > len(cw) {
			return nil, fmt.Errorf("parse: weight counts run past the weights")
		}
		t.slots[i] = fp<<32 | uint64(off)<<8 | uint64(n)
		off += n
	}
	return t, nil
}

// check reports whether every slot points inside the weights and every
// class is below nclass, so that a damaged model file cannot make a
// lookup read out of range.
func (t *table) check(nclass int) error {
	for _, s := range t.slots {
		if s == 0 {
			continue
		}
		o, n := uint64(uint32(s)>>8), s&255
		if o+n > uint64(len(t.w)) {
			return fmt.Errorf("model: a feature's weights run past the table")
		}
	}
	for _, cw := range t.w {
		if int(cw>>16) >= nclass {
			return fmt.Errorf("model: a weight for class %d of %d", cw>>16, nclass)
		}
	}
	return nil
}

// features is the number of features the table holds.
func (t *table) features() int {
	n := 0
	for _, s := range t.slots {
		if s != 0 {
			n++
		}
	}
	return n
}
