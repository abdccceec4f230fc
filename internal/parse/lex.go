package parse

import (
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
	// From the lexicon (see lexicon.fill): the ambiguity class, the
	// allowed tags and the only tag.
	amb  uint64
	mask int32
	only uint8
}

// nullLex stands for positions outside the sentence.
var nullLex = lex{form: 1, suf: [4]uint64{1, 1, 1, 1}, pre: [2]uint64{1, 1}, shape: 1, amb: 1, mask: -1, only: noTag}

// normalise appends s lower-cased, with digits turned to 0 and curly
// apostrophes and quotes into straight ones, to dst, so that "2,719"
// reads like "1,100" and "Korea’s" like "Korea's".
func normalise(dst []byte, s string) []byte {
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			r = '0'
		case r >= 'A' && r <= 'Z':
			r += 'a' - 'A'
		case r < utf8.RuneSelf:
		case r == '’' || r == '‘' || r == '`':
			r = '\''
		case r == '“' || r == '”':
			r = '"'
		default:
			r = unicode.ToLower(r)
		}
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}

// shapeHash is the hash of s's shape: letters mapped to X/x and digits
// to d, runs collapsed: "Korea" → "Xx", "1,100" → "d,d", "U.S." →
// "X.X.".
func shapeHash(s string) uint64 {
	var b [utf8.UTFMax]byte
	h := uint64(14695981039346656037)
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
			h = hashBytes(h, utf8.AppendRune(b[:0], c))
			prev = c
		}
	}
	return h
}

func makeLex(form string) lex {
	var buf [128]byte
	n := normalise(buf[:0], form)
	l := lex{form: hashBytes(14695981039346656037, n), shape: shapeHash(form), amb: 1, mask: -1, only: noTag}
	// Affixes by rune, so a multi-byte letter is never cut in half.
	runes := utf8.RuneCount(n)
	end := len(n)
	for k := 1; k <= 4; k++ {
		if runes > k {
			_, size := utf8.DecodeLastRune(n[:end])
			end -= size
			l.suf[k-1] = hashBytes(14695981039346656037, n[end:])
		} else {
			l.suf[k-1] = 2 // the word is shorter than the suffix
		}
	}
	start := 0
	for k := 1; k <= 2; k++ {
		if runes > k {
			_, size := utf8.DecodeRune(n[start:])
			start += size
			l.pre[k-1] = hashBytes(14695981039346656037, n[:start])
		} else {
			l.pre[k-1] = 2
		}
	}
	return l
}
