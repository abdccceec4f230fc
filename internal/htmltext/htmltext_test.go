package htmltext_test

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/tally-news/tally/internal/htmltext"
)

// testdata/article.html is a page written for this test: a nav bar, an
// article with a figure caption, a newsletter box, a "Read more:" link and a
// reader appeal inside the article element, a "Most read" list and a footer
// with a cookie notice.
func TestExtractArticlePage(t *testing.T) {
	f, err := os.Open("testdata/article.html")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := htmltext.Extract(f, "")
	if err != nil {
		t.Fatal(err)
	}
	if want := "Flooding displaces 4,200 in river valley"; doc.Title != want {
		t.Errorf("Title = %q, want %q", doc.Title, want)
	}
	if doc.Published != "2025-03-14" {
		t.Errorf("Published = %q, want 2025-03-14", doc.Published)
	}
	if doc.Publisher != "The Valley Ledger" {
		t.Errorf("Publisher = %q, want The Valley Ledger", doc.Publisher)
	}
	if want := "https://ledger.example/news/2025/03/flooding-displaces-4200"; doc.URL != want {
		t.Errorf("URL = %q, want %q", doc.URL, want)
	}
	if doc.Language != "en" {
		t.Errorf("Language = %q, want en", doc.Language)
	}

	paragraphs := []string{
		"Floodwaters forced about 4,200 people from their homes across the lower river valley on Thursday, the regional emergency office said, as three days of rain pushed the river to its highest level in four decades.",
		"At least 12 people were killed and 37 injured, most of them in villages along the eastern bank, according to the office, which warned that the toll could rise as rescue teams reach cut-off areas.",
		"“We have opened 18 shelters and more are coming,” the office’s director, Marta Kovač, told reporters in the regional capital. She said roughly 600 people had been evacuated by boat overnight.",
		"The national weather service expects the river to crest on Saturday. Officials said two bridges on the main highway remained closed and that power had been cut to some 9,000 households.",
		"Aid groups said they were preparing food and water for up to 10,000 displaced residents if the rain continues into next week.",
	}
	lines := strings.Split(doc.Text, "\n")
	for _, p := range paragraphs {
		found := false
		for _, l := range lines {
			found = found || l == p
		}
		if !found {
			t.Errorf("article paragraph missing or not on a line of its own: %.60q", p)
		}
	}
	for _, furniture := range []string{"Politics", "newsletter", "inbox", "Read more", "Dear readers", "$3", "standing with us",
		"Most read", "bus routes", "cookies", "All rights reserved", "Getty", "window.dataLayer"} {
		if strings.Contains(doc.Text, furniture) {
			t.Errorf("furniture %q in text:\n%s", furniture, doc.Text)
		}
	}
	if strings.Contains(doc.Text, doc.Title+"\n") {
		t.Errorf("title repeated in Text; it belongs in Title only:\n%s", doc.Text)
	}
}

// A page in a legacy encoding, declared in <meta charset>, comes out as
// UTF-8.
func TestExtractLegacyEncoding(t *testing.T) {
	page := `<html><head><meta charset="windows-1251"><title>Новости</title></head><body><article>` +
		strings.Repeat("<p>Более 1000 человек были эвакуированы из прибрежных районов, сообщили в региональном управлении по чрезвычайным ситуациям.</p>", 4) +
		`</article></body></html>`
	enc, err := charmap.Windows1251.NewEncoder().String(page)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := htmltext.Extract(strings.NewReader(enc), "https://news.example/item")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(doc.Text, "Более 1000 человек были эвакуированы") {
		t.Errorf("text not decoded from windows-1251: %.100q", doc.Text)
	}
	if doc.Title != "Новости" {
		t.Errorf("Title = %q", doc.Title)
	}
}

func TestExtractNoArticle(t *testing.T) {
	for _, page := range []string{"", "<html><body></body></html>", "<p>   </p>"} {
		if _, err := htmltext.Extract(strings.NewReader(page), ""); err == nil {
			t.Errorf("Extract(%q): no error", page)
		} else if page != "" && !errors.Is(err, htmltext.ErrNoArticle) && !strings.Contains(err.Error(), "extract article") {
			t.Errorf("Extract(%q): unexpected error %v", page, err)
		}
	}
}

// FuzzExtract checks that no page makes Extract panic and that the text it
// returns is valid UTF-8 with no blank lines.
func FuzzExtract(f *testing.F) {
	page, err := os.ReadFile("testdata/article.html")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(page)
	f.Add([]byte("<html><p>12 killed</p><table><tr><td>1<td>2</table><svg><p>x"))
	f.Add([]byte("\xff\xfe<\x00h\x00t\x00m\x00l\x00>"))
	f.Add([]byte(`<meta charset="utf-16"><p>Dear readers,</p>`))
	f.Fuzz(func(t *testing.T, page []byte) {
		if testing.Short() && len(page) > 1<<16 {
			t.Skip()
		}
		doc, err := htmltext.Extract(bytes.NewReader(page), "https://example.org/a")
		if err != nil {
			return
		}
		if !utf8.ValidString(doc.Text) || !utf8.ValidString(doc.Title) {
			t.Errorf("text is not valid UTF-8: %q", doc.Text)
		}
		if strings.Contains(doc.Text, "\n\n") {
			t.Errorf("blank line in text: %q", doc.Text)
		}
	})
}

func BenchmarkExtract(b *testing.B) {
	page, err := os.ReadFile("testdata/article.html")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		if _, err := htmltext.Extract(bytes.NewReader(page), ""); err != nil {
			b.Fatal(err)
		}
	}
}

// TestExtractMinified: a page with no white space between its blocks
// keeps its words apart ("...kill 12Floods killed..." was one word).
func TestExtractMinified(t *testing.T) {
	page := `<html><head><title>Floods</title></head><body><article><h1>Storm kills 9 in the delta</h1>` +
		`<p>A storm killed nine fishermen off the delta coast on Monday, the coast guard said.</p>` +
		`<p>The coast guard said 14 boats were still missing.</p><p>Relatives gathered at the harbour ` +
		`through the night as rescue crews searched the water under heavy rain and strong winds.</p></article></body></html>`
	doc, err := htmltext.Extract(strings.NewReader(page), "")
	if err != nil {
		t.Fatal(err)
	}
	for _, glued := range []string{"said.The", "missing.Relatives", "deltaA"} {
		if strings.Contains(doc.Text, glued) {
			t.Errorf("blocks glued (%q) in %q", glued, doc.Text)
		}
	}
	if !strings.Contains(doc.Text, "14 boats") {
		t.Errorf("text lost: %q", doc.Text)
	}
}
