package htmltext_test

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tally-news/tally/internal/htmltext"
)

// deepen nests a page's body in depth <div> elements.
func deepen(page string, depth int) string {
	page = strings.Replace(page, "<body>", "<body>"+strings.Repeat("<div>", depth), 1)
	return strings.Replace(page, "</body>", strings.Repeat("</div>", depth)+"</body>", 1)
}

// A page nested 5,000 elements deep is refused by the HTML parser; it is
// still read, by the tokenizer, with its metadata and its paragraphs one a
// line, and without its script, navigation, header, footer and asides.
func TestExtractPageTooDeep(t *testing.T) {
	data, err := os.ReadFile("testdata/article.html")
	if err != nil {
		t.Fatal(err)
	}
	page := []byte(deepen(string(data), 5000))
	if _, err := htmltext.Parse(page); !errors.Is(err, htmltext.ErrTooDeep) {
		t.Fatalf("Parse: %v, want ErrTooDeep", err)
	}
	got, err := htmltext.ExtractPage(page, "")
	if err != nil {
		t.Fatal(err)
	}
	if !got.Flat {
		t.Error("Flat not set")
	}
	d := got.Doc
	want := map[string][2]string{
		"title":     {d.Title, "Flooding displaces 4,200 in river valley"},
		"published": {d.Published, "2025-03-14"},
		"publisher": {d.Publisher, "The Valley Ledger"},
		"url":       {d.URL, "https://ledger.example/news/2025/03/flooding-displaces-4200"},
		"language":  {d.Language, "en"},
		"declared":  {got.DeclaredLanguage, "en"},
	}
	for field, gw := range want {
		if gw[0] != gw[1] {
			t.Errorf("%s = %q, want %q", field, gw[0], gw[1])
		}
	}
	lines := strings.Split(d.Text, "\n")
	for _, p := range []string{
		"Floodwaters forced about 4,200 people from their homes across the lower river valley on Thursday, the regional emergency office said, as three days of rain pushed the river to its highest level in four decades.",
		"At least 12 people were killed and 37 injured, most of them in villages along the eastern bank, according to the office, which warned that the toll could rise as rescue teams reach cut-off areas.",
		"Aid groups said they were preparing food and water for up to 10,000 displaced residents if the rain continues into next week.",
	} {
		found := false
		for _, l := range lines {
			found = found || l == p
		}
		if !found {
			t.Errorf("paragraph missing or not on a line of its own: %.60q\n%s", p, d.Text)
		}
	}
	for _, furniture := range []string{"Politics", "inbox", "Subscribe", "window.dataLayer", "cookies", "Dear readers"} {
		if strings.Contains(d.Text, furniture) {
			t.Errorf("%q in text:\n%s", furniture, d.Text)
		}
	}
	if lines[0] == d.Title {
		t.Errorf("headline repeated in Text:\n%s", d.Text)
	}

	// A page the parser takes is read as before.
	if got, err := htmltext.ExtractPage(data, ""); err != nil || got.Flat {
		t.Errorf("shallow page: flat %v, err %v", got.Flat, err)
	}
}

// Pages the tokenizer reads however they are broken.
func TestExtractFlat(t *testing.T) {
	tests := []struct {
		name, page  string
		text, title string
	}{
		{"unclosed head", "<html><head><title>T</title><p>Text after a head left open.</p>", "Text after a head left open.", "T"},
		{"no head", "<title>T</title><div>One</div><div>Two <b>bold</b> words</div>", "One\nTwo bold words", "T"},
		{"table cells", "<table><tr><td>Deaths</td><td>12</td></tr><tr><td>Injured</td><td>37</td></tr></table>", "Deaths 12\nInjured 37", ""},
		{"nested skips", "<nav><nav>menu</nav> still menu</nav><p>Body.</p><aside><script>x()</script>box</aside><p>More.</p>", "Body.\nMore.", ""},
		{"entities and breaks", "<p>A&amp;B<br>said &quot;12&quot;</p>", "A&B\nsaid \"12\"", ""},
		{"svg title", "<svg><title>icon</title></svg><p>Body.</p>", "Body.", ""},
		{"legacy encoding", "<meta charset=\"windows-1252\"><p>caf\xe9 12</p>", "café 12", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := htmltext.ExtractFlat([]byte(tt.page), "https://news.example/a")
			if err != nil {
				t.Fatal(err)
			}
			if d.Text != tt.text || d.Title != tt.title {
				t.Errorf("text %q title %q, want %q %q", d.Text, d.Title, tt.text, tt.title)
			}
			if d.Publisher != "news.example" {
				t.Errorf("publisher %q, want the host", d.Publisher)
			}
		})
	}
	if _, err := htmltext.ExtractFlat([]byte("<nav>only a menu</nav><script>x</script>"), ""); !errors.Is(err, htmltext.ErrNoArticle) {
		t.Errorf("no text: err %v, want ErrNoArticle", err)
	}
}

// FuzzExtractFlat checks that no page makes ExtractFlat panic, and that
// its text is valid UTF-8 without blank lines.
func FuzzExtractFlat(f *testing.F) {
	data, err := os.ReadFile("testdata/article.html")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte(deepen("<html><body><p>12 killed</p></body></html>", 600)))
	f.Add([]byte("<head><title>x</title><nav><p>a</nav></head><body><svg><title>t</title><p>b"))
	f.Add([]byte("\xff\xfe<\x00p\x00>\x00"))
	f.Fuzz(func(t *testing.T, page []byte) {
		d, err := htmltext.ExtractFlat(page, "https://example.org/a")
		if err != nil {
			return
		}
		if !utf8.ValidString(d.Text) || !utf8.ValidString(d.Title) || !utf8.ValidString(d.URL) {
			t.Errorf("not valid UTF-8: %q", d.Text)
		}
		if d.Text == "" || strings.Contains(d.Text, "\n\n") || bytes.Contains([]byte(d.Text), []byte("\r")) {
			t.Errorf("empty text or blank line: %q", d.Text)
		}
	})
}
