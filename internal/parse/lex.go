package parse

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// lex is what the tagger and the parser read of a word, computed once
// per word: hashes of its normalised form, affixes and shape.
type lex struct {
	form  uint64 // normalised form: lower case, digits as 0
	suf   [4]uint64
	pre   [2]uint64
	shape uint64
}

// nullLex stands for positions outside the sentence.
var nullLex = lex{form: 1, suf: [4]uint64{1, 1, 1, 1}, pre: [2]uint64{1, 1}, shape: 1}

// normalise lower-cases s, turns digits to 0 and curly apostrophes and
// quotes into straight ones, so that "2,719" reads like "1,100" and
// "Korea’s" like "Korea's".
func normalise(s string) string {
	simple := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || c >= 'A' && c <= 'Z' || c >= '1' && c <= '9' {
			simple = false
			break
		}
	}
	if simple {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			r = '0'
		case r == '’' || r == '‘' || r == '`':
			r = '\''
		case r == '“' || r == '”':
			r = '"'
		default:
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// shape maps letters to X/x and digits to d, collapsing runs: "Korea" →
// "Xx", "1,100" → "d,d", "U.S." → "X.X.".
func shape(s string) string {
	var b strings.Builder
	var prev rune = -1
	for _, r := range s {
		c := r
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		}
		if c != prev {
			b.WriteRune(c)
			prev = c
		}
	}
	return b.String()
}

func makeLex(form string) lex {
	n := normalise(form)
	l := lex{form: hashString(n), shape: hashString(shape(form))}
	// Affixes by rune, so a multi-byte letter is never cut in half.
	rs := []rune(n)
	for k := 1; k <= 4; k++ {
		if len(rs) > k {
			l.suf[k-1] = hashString(string(rs[len(rs)-k:]))
		} else {
			l.suf[k-1] = 2 // the word is shorter than the suffix
		}
	}
	for k := 1; k <= 2; k++ {
		if len(rs) > k {
			l.pre[k-1] = hashString(string(rs[:k]))
		} else {
			l.pre[k-1] = 2
		}
	}
	return l
}
