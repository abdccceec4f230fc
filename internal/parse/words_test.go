package parse

import (
	"strings"
	"testing"

	"github.com/tally-news/tally/internal/tokens"
)

func TestWords(t *testing.T) {
	cases := []struct {
		text string
		want string // words joined by spaces
		mwt  int    // multi-word tokens made
	}{
		{"Korea's spy agency said", "Korea 's spy agency said", 1},
		{"Korea’s army", "Korea ’s army", 1},
		{"They don't know and can't say", "They do n't know and ca n't say", 2},
		{"we won't", "we wo n't", 1},
		{"It cannot be", "It can not be", 1},
		{"they're sure we've seen it, I'll say I'm", "they 're sure we 've seen it , I 'll say I 'm", 4},
		{"he'd left", "he 'd left", 1},
		{"the soldiers' families", "the soldiers ' families", 0},
		{"240mm rocket launchers", "240 mm rocket launchers", 1},
		{"3k troops and 1.5m people", "3k troops and 1.5m people", 0},
		{"the 10th time in the 1990s", "the 10th time in the 1990s", 0},
		{"27-hundred soldiers", "27 - hundred soldiers", 0},
		{"the U.S. military", "the U.S. military", 0},
		{"gonna go", "gon na go", 1},
		{"Shi'ite militia", "Shi'ite militia", 0},
	}
	for _, c := range cases {
		toks := tokens.Tokenize(c.text, 0, len(c.text))
		words, mwt := Words(toks)
		var forms []string
		for _, w := range words {
			forms = append(forms, w.Form)
			if c.text[w.Start:w.End] != w.Form {
				t.Errorf("%q: word %q has offsets %d–%d (%q)", c.text, w.Form, w.Start, w.End, c.text[w.Start:w.End])
			}
		}
		if got := strings.Join(forms, " "); got != c.want {
			t.Errorf("%q: words %q, want %q", c.text, got, c.want)
		}
		if len(mwt) != c.mwt {
			t.Errorf("%q: %d multi-word tokens, want %d", c.text, len(mwt), c.mwt)
		}
	}
}

func TestWordsSpaceAfter(t *testing.T) {
	text := "Korea's army, he said."
	words, _ := Words(tokens.Tokenize(text, 0, len(text)))
	var b strings.Builder
	for _, w := range words {
		b.WriteString(w.Form)
		if w.SpaceAfter {
			b.WriteString(" ")
		}
	}
	if got := strings.TrimSpace(b.String()); got != text {
		t.Errorf("rebuilt %q from SpaceAfter, want %q", got, text)
	}
}
