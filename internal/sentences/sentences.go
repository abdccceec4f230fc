// Package sentences splits article text into sentences, keeping byte
// offsets. Figures are extracted and attributed sentence by sentence, so a
// wrong split either glues a figure to another sentence's source or cuts a
// reporting clause away from its figure.
package sentences

import (
	"unicode"
	"unicode/utf8"
)

// Span is a sentence's byte range in the document text.
type Span struct{ Start, End int }

// abbreviations never end a sentence when followed by a dot: titles, month
// and state abbreviations of wire style ("Gen. Lee", "Dec. 16", "Fla.").
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "gen": true, "lt": true,
	"col": true, "maj": true, "sgt": true, "capt": true, "cpl": true, "pvt": true, "adm": true,
	"gov": true, "sen": true, "rep": true, "rev": true, "st": true, "jr": true, "sr": true,
	"no": true, "nos": true, "vs": true, "mt": true, "ft": true, "inc": true, "co": true,
	"corp": true, "ltd": true, "bros": true, "pres": true, "supt": true, "insp": true, "cmdr": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"ala": true, "ariz": true, "ark": true, "calif": true, "colo": true, "conn": true, "del": true,
	"fla": true, "ga": true, "ill": true, "ind": true, "kan": true, "ky": true, "la": true,
	"md": true, "mass": true, "mich": true, "minn": true, "miss": true, "mo": true, "mont": true,
	"neb": true, "nev": true, "okla": true, "ore": true, "pa": true, "tenn": true, "tex": true,
	"va": true, "vt": true, "wash": true, "wis": true, "wyo": true, "approx": true, "est": true,
}

// Split returns the sentences of text[start:end]. A line break always ends a
// sentence (headlines, paragraphs); '.', '!' and '?' end one when followed
// by space and a capital, digit or opening quote, unless the word before
// the dot is an abbreviation or an initial.
func Split(text string, start, end int) []Span {
	var out []Span
	s := start
	emit := func(e int) {
		a, b := trim(text, s, e)
		if a < b {
			out = append(out, Span{a, b})
		}
	}
	for i := start; i < end; i++ {
		c := text[i]
		if c == '\n' {
			emit(i)
			s = i + 1
			continue
		}
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		// Take closing quotes and brackets after the mark.
		j := i + 1
		for j < end {
			r, n := utf8.DecodeRuneInString(text[j:end])
			if r == '"' || r == '\'' || r == ')' || r == '”' || r == '’' || r == ']' || r == '.' {
				j += n
				continue
			}
			break
		}
		if j >= end || text[j] != ' ' && text[j] != '\t' && text[j] != '\r' && text[j] != '\n' {
			continue
		}
		k := j
		for k < end && (text[k] == ' ' || text[k] == '\t' || text[k] == '\r') {
			k++
		}
		if k < end && text[k] != '\n' {
			r, _ := utf8.DecodeRuneInString(text[k:end])
			if !(unicode.IsUpper(r) || unicode.IsDigit(r) || r == '"' || r == '“' || r == '\'' || r == '‘' || r == '(') {
				continue
			}
			if c == '.' && j == i+1 && isAbbreviation(text, s, i) {
				continue
			}
		}
		emit(j)
		s = j
		i = j - 1
	}
	emit(end)
	return out
}

// isAbbreviation reports whether the word ending at the dot text[dot] is an
// abbreviation or an initial ("J.", "U.S.").
func isAbbreviation(text string, start, dot int) bool {
	w := dot
	for w > start {
		r, n := utf8.DecodeLastRuneInString(text[start:w])
		if !unicode.IsLetter(r) && r != '.' {
			break
		}
		w -= n
	}
	word := text[w:dot]
	if word == "" {
		return false
	}
	if len(word) == 1 && word[0] >= 'A' && word[0] <= 'Z' {
		return true
	}
	// Dotted abbreviations: "U.S", "U.N", "a.m".
	if len(word) >= 3 && word[1] == '.' {
		return true
	}
	var low [8]byte
	if len(word) > len(low) {
		return false
	}
	for k := 0; k < len(word); k++ {
		c := word[k]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		low[k] = c
	}
	return abbreviations[string(low[:len(word)])]
}

func trim(text string, a, b int) (int, int) {
	for a < b && isSpace(text[a]) {
		a++
	}
	for b > a && isSpace(text[b-1]) {
		b--
	}
	return a, b
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }
