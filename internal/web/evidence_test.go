package web

import (
	"strings"
	"testing"

	"github.com/tally-news/tally/internal/claim"
	"github.com/tally-news/tally/internal/store"
)

func join(ps ...[]textPiece) string {
	var b strings.Builder
	for _, p := range ps {
		for _, x := range p {
			b.WriteString(x.Text)
		}
	}
	return b.String()
}

// TestSegment: whatever the offsets say, the pieces put back together are
// the text; good offsets give the highlight, bad ones cost only it.
func TestSegment(t *testing.T) {
	text := "First line.\nAbout 1,100 were hurt, it said. Then 3 more — “é” — died.\n"
	row := func(num string, sentence string, sspan [2]int) store.Row {
		i := strings.Index(text, num)
		return store.Row{Figure: claim.Figure{NumberText: num, Span: [2]int{i, i + len(num)}, Sentence: sentence, SentenceSpan: sspan}}
	}
	s1 := "About 1,100 were hurt, it said."
	s1at := strings.Index(text, s1)
	good := row("About 1,100", s1, [2]int{s1at, s1at + len(s1)})
	three := row("3", "Then 3 more — “é” — died.", [2]int{0, 0})
	rows := []store.Row{good, three}

	b, s, a, ok := segment(text, "d", rows, &good)
	if !ok || join(s) != s1 || join(b, s, a) != text {
		t.Fatalf("good offsets: ok %v, sentence %q", ok, join(s))
	}
	sel := 0
	for _, p := range s {
		if p.Selected {
			sel++
			if p.Text != "About 1,100" {
				t.Errorf("selected %q", p.Text)
			}
		}
	}
	if sel != 1 {
		t.Errorf("%d selected pieces", sel)
	}
	links := 0
	for _, p := range a {
		if p.Figure && p.Text == "3" && strings.Contains(p.Href, "figure=") {
			links++
		}
	}
	if links != 1 {
		t.Errorf("the other figure is not a link: %+v", a)
	}

	// No sentence span: found by searching for the sentence.
	b, s, a, ok = segment(text, "d", rows, &three)
	if !ok || join(s) != "Then 3 more — “é” — died." || join(b, s, a) != text {
		t.Errorf("fallback to the sentence text: ok %v %q", ok, join(s))
	}

	// Stale or hostile offsets: outside the text, inside a character,
	// reversed, overlapping.
	bad := []store.Row{
		{Figure: claim.Figure{NumberText: "x", Span: [2]int{500, 510}, SentenceSpan: [2]int{400, 600}, Sentence: "gone"}},
		{Figure: claim.Figure{NumberText: "é", Span: [2]int{strings.Index(text, "é") + 1, strings.Index(text, "é") + 2}, Sentence: "nowhere"}},
		{Figure: claim.Figure{NumberText: "y", Span: [2]int{20, 10}, Sentence: "nowhere"}},
		{Figure: claim.Figure{NumberText: "ut 1", Span: [2]int{good.Span[0] + 3, good.Span[0] + 7}}},
		good,
	}
	for i := range bad {
		b, s, a, ok := segment(text, "d", bad, &bad[i])
		if join(b, s, a) != text {
			t.Errorf("bad row %d: text altered: %q", i, join(b, s, a))
		}
		if i < 3 && ok {
			t.Errorf("bad row %d: highlighted %q", i, join(s))
		}
	}
	if b, s, a, ok := segment(text, "d", bad, nil); ok || s != nil || a != nil || join(b) != text {
		t.Error("no selection")
	}
}

func TestExcerpt(t *testing.T) {
	long := strings.Repeat("word ", 60) + "more than 1,000 " + strings.Repeat("tail ", 60)
	i := strings.Index(long, "more than 1,000")
	f := claim.Figure{Sentence: long, NumberText: "more than 1,000", Span: [2]int{100 + i, 100 + i + 15}, SentenceSpan: [2]int{100, 100 + len(long)}}
	r := newFigureRow(&store.Row{Figure: f})
	if r.Number != "more than 1,000" || !strings.HasPrefix(r.Before, "…") || !strings.HasSuffix(r.After, "…") ||
		len([]rune(r.Before)) > excerptContext+2 || len([]rune(r.After)) > excerptContext+2 {
		t.Errorf("excerpt %q [%q] %q", r.Before, r.Number, r.After)
	}
	// Offsets that disagree with the sentence: found by searching.
	f.SentenceSpan = [2]int{0, 0}
	if b, n, _ := splitSentence(&f); n != "more than 1,000" || b != long[:i] {
		t.Errorf("search fallback: %q", n)
	}
	f.NumberText = "absent"
	if b, n, a := splitSentence(&f); n != "" || a != "" || b != long {
		t.Errorf("absent number: %q %q", n, a)
	}
}

func TestSafeURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://example.org/a?b=c":    "https://example.org/a?b=c",
		"http://example.org":           "http://example.org",
		"javascript:alert(1)":          "",
		"JAVASCRIPT:alert(1)":          "",
		" javascript:alert(1)":         "",
		"data:text/html,<script>":      "",
		"//evil.example/":              "",
		"/relative":                    "",
		"https:///nohost":              "",
		"vbscript:msgbox":              "",
		"https://example.org/\"><x>":   "https://example.org/%22%3E%3Cx%3E",
		"ftp://example.org/file":       "",
		"https://user:pw@example.org/": "https://user:pw@example.org/",
	} {
		if got := safeURL(in); got != want {
			t.Errorf("safeURL(%q) = %q, want %q", in, got, want)
		}
	}
}
