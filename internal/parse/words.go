package parse

import (
	"strings"

	"github.com/tally-news/tally/internal/tokens"
)

// Words cuts a sentence's tokens into UD's syntactic words, with byte
// offsets into the document text. Our tokenizer keeps some things whole
// that UD splits; each difference is mapped here, not left to the model:
//
//   - clitics: "Korea's" → "Korea" "'s"; "don't" → "do" "n't" (and "can't"
//     → "ca" "n't", as EWT writes it); "they're", "we've", "I'll", "he'd",
//     "I'm" → the word and its clitic; "cannot" → "can" "not"; "gonna",
//     "wanna", "gotta" → "gon"/"wan"/"got" + "na"/"ta";
//   - a number glued to a unit of two or more letters: "240mm" → "240"
//     "mm"; ordinals ("10th"), decades ("1990s") and one-letter
//     multipliers ("3k", "1.5m") stay one word.
//
// Both tokenizers already split hyphens ("27-hundred" is "27" "-"
// "hundred"), dots of dotted abbreviations stay inside ("U.S."), and
// curly apostrophes are read like straight ones.
//
// Each word's Token is the index of its token in toks. The multi-word
// tokens made are returned too, for CoNLL-U output.
func Words(toks []tokens.Token) ([]Word, []MultiWord) {
	words := make([]Word, 0, len(toks)+4)
	var mwt []MultiWord
	for ti, t := range toks {
		space := ti+1 >= len(toks) || toks[ti+1].SpaceBefore
		parts := split(t)
		if len(parts) > 1 {
			mwt = append(mwt, MultiWord{First: len(words) + 1, Last: len(words) + len(parts), Form: t.Text})
		}
		for k, p := range parts {
			words = append(words, Word{
				Form: t.Text[p[0]:p[1]], Start: t.Start + p[0], End: t.Start + p[1], Token: ti,
				SpaceAfter: space && k == len(parts)-1,
			})
		}
	}
	return words, mwt
}

// split returns the byte ranges, within t.Text, of the words of token t.
func split(t tokens.Token) [][2]int {
	s, low := t.Text, t.Lower
	n := len(s)
	whole := [][2]int{{0, n}}
	switch t.Kind {
	case tokens.Num:
		i := 0
		for i < n && (s[i] >= '0' && s[i] <= '9' || s[i] == ',' || s[i] == '.') {
			i++
		}
		suf := low[i:]
		if i == 0 || n-i < 2 || suf == "st" || suf == "nd" || suf == "rd" || suf == "th" || suf == "s" {
			return whole
		}
		return [][2]int{{0, i}, {i, n}}
	case tokens.Word:
	default:
		return whole
	}
	switch low {
	case "cannot":
		return [][2]int{{0, 3}, {3, 6}}
	case "gonna", "wanna", "gotta":
		return [][2]int{{0, 3}, {3, 5}}
	}
	// The apostrophe of a clitic may be straight (1 byte) or curly (3).
	for _, c := range []string{"n't", "n’t"} {
		if strings.HasSuffix(low, c) && n > len(c) {
			return [][2]int{{0, n - len(c)}, {n - len(c), n}}
		}
	}
	for _, q := range []string{"'", "’"} {
		i := strings.LastIndex(low, q)
		if i <= 0 {
			continue
		}
		switch low[i+len(q):] {
		case "s", "re", "ve", "ll", "d", "m":
			return [][2]int{{0, i}, {i, n}}
		}
	}
	return whole
}
