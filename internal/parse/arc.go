package parse

// The arc-hybrid transition system. A configuration is a stack (the root,
// 0, at its bottom), a buffer of the words not yet read, and the arcs
// made so far. SHIFT pushes the first buffer word; LEFT-l makes the
// stack top a left dependent of the first buffer word and pops it;
// RIGHT-l makes the stack top a right dependent of the word below it and
// pops it. The root takes its one dependent only by the very last RIGHT,
// so every parse is a tree with a single root word.
//
// Classes are numbered SHIFT = 0, LEFT-l = 1+l, RIGHT-l = 1+L+l for L
// labels.

type config struct {
	n     int32 // words 1..n; 0 is the root
	stack []int32
	b     int32 // first buffer word; the buffer is empty when b > n
	head  []int32
	rel   []uint8
	// Children, for features: the nearest two on each side and counts.
	// Arc-hybrid adds left dependents nearest first and right dependents
	// nearest first too, so the latest is always the outermost.
	lc1, lc2, rc1, rc2 []int32 // 0 = none (the root is nobody's child)
	nl, nr             []uint8
	lset, rset         []uint64 // labels of the left and right dependents
	inStack            []bool
}

// reset makes c the initial configuration of an n-word sentence, reusing
// its memory.
func (c *config) reset(n int) {
	c.n = int32(n)
	c.stack = append(c.stack[:0], 0)
	c.b = 1
	grow := func(s []int32) []int32 {
		if cap(s) < n+1 {
			return make([]int32, n+1)
		}
		s = s[:n+1]
		clear(s)
		return s
	}
	c.head, c.lc1, c.lc2, c.rc1, c.rc2 = grow(c.head), grow(c.lc1), grow(c.lc2), grow(c.rc1), grow(c.rc2)
	for i := range c.head {
		c.head[i] = -1
	}
	if cap(c.rel) < n+1 {
		c.rel, c.nl, c.nr = make([]uint8, n+1), make([]uint8, n+1), make([]uint8, n+1)
		c.lset, c.rset = make([]uint64, n+1), make([]uint64, n+1)
		c.inStack = make([]bool, n+1)
	} else {
		c.rel, c.nl, c.nr = c.rel[:n+1], c.nl[:n+1], c.nr[:n+1]
		c.lset, c.rset, c.inStack = c.lset[:n+1], c.rset[:n+1], c.inStack[:n+1]
		clear(c.rel)
		clear(c.nl)
		clear(c.nr)
		clear(c.lset)
		clear(c.rset)
		clear(c.inStack)
	}
	c.inStack[0] = true
}

func (c *config) done() bool { return c.b > c.n && len(c.stack) == 1 }

// top returns the k-th stack word from the top (0 = top), or -1.
func (c *config) top(k int) int32 {
	if k >= len(c.stack) {
		return -1
	}
	return c.stack[len(c.stack)-1-k]
}

// buf returns the k-th buffer word, or -1.
func (c *config) buf(k int32) int32 {
	if c.b+k > c.n {
		return -1
	}
	return c.b + k
}

// valid reports whether class t (with L labels, root label r) may apply.
func (c *config) valid(t, L, r int) bool {
	bufEmpty := c.b > c.n
	switch {
	case t == 0:
		return !bufEmpty
	case t <= L: // LEFT
		return !bufEmpty && len(c.stack) > 1 && t-1 != r
	default: // RIGHT
		if len(c.stack) < 2 {
			return false
		}
		if c.top(1) == 0 {
			return bufEmpty && t-1-L == r
		}
		return t-1-L != r
	}
}

// validMove reports whether move mv (moveShift, moveLeft, moveRight) may
// apply with some label.
func (c *config) validMove(mv, L, r int) bool {
	switch mv {
	case moveShift:
		return c.valid(0, L, r)
	case moveLeft:
		return c.b <= c.n && len(c.stack) > 1
	}
	return len(c.stack) >= 2 && (c.top(1) != 0 || c.b > c.n)
}

// apply performs class t.
func (c *config) apply(t, L int) {
	switch {
	case t == 0:
		c.stack = append(c.stack, c.b)
		c.inStack[c.b] = true
		c.b++
	case t <= L:
		d := c.pop()
		h := c.b
		c.head[d], c.rel[d] = h, uint8(t-1)
		c.lc2[h], c.lc1[h] = c.lc1[h], d
		c.nl[h]++
		c.lset[h] |= 1 << uint(t-1)
	default:
		d := c.pop()
		h := c.top(0)
		l := t - 1 - L
		c.head[d], c.rel[d] = h, uint8(l)
		c.rc2[h], c.rc1[h] = c.rc1[h], d
		c.nr[h]++
		c.rset[h] |= 1 << uint(l)
	}
}

func (c *config) pop() int32 {
	d := c.stack[len(c.stack)-1]
	c.stack = c.stack[:len(c.stack)-1]
	c.inStack[d] = false
	return d
}

// cost is the number of gold arcs that class t makes unreachable (the
// dynamic oracle of Goldberg and Nivre 2013 for arc-hybrid), plus one
// when it makes a gold arc with the wrong label. gold heads and labels
// are indexed by word, 1..n.
func (c *config) cost(t, L int, gh []int32, gl []uint8) int {
	s0 := c.top(0)
	b0 := c.b
	switch {
	case t == 0: // SHIFT b0: it loses heads and dependents deeper in the stack
		n := 0
		if h := gh[b0]; h >= 0 && c.inStack[h] && h != s0 {
			n++
		}
		for _, k := range c.stack {
			if gh[k] == b0 {
				n++
			}
		}
		return n
	case t <= L: // LEFT: s0 ← b0
		n := c.depsInBuffer(s0, gh)
		h := gh[s0]
		if h != b0 && (h == c.top(1) || h >= b0) {
			n++
		}
		if h == b0 && uint8(t-1) != gl[s0] {
			n++
		}
		return n
	default: // RIGHT: s1 → s0
		n := c.depsInBuffer(s0, gh)
		h := gh[s0]
		if c.b <= c.n && h >= b0 {
			n++
		}
		if h == c.top(1) && uint8(t-1-L) != gl[s0] {
			n++
		}
		return n
	}
}

func (c *config) depsInBuffer(w int32, gh []int32) int {
	n := 0
	for d := c.b; d <= c.n; d++ {
		if gh[d] == w {
			n++
		}
	}
	return n
}
