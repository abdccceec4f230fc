package store

import (
	"strings"
	"testing"

	"github.com/tally-news/tally/internal/claim"
)

func TestURLKey(t *testing.T) {
	same := [][]string{
		{"https://example.org/a/b", "http://EXAMPLE.org:80/a/b/", "https://example.org:443/a/b#top",
			"https://example.org/a/b?utm_source=x&utm_medium=y&fbclid=z"},
		{"https://example.org/p?b=2&a=1", "https://example.org/p?a=1&b=2&gclid=q"},
	}
	for _, group := range same {
		for _, u := range group[1:] {
			if urlKey(u) != urlKey(group[0]) {
				t.Errorf("urlKey(%q) = %q, urlKey(%q) = %q", u, urlKey(u), group[0], urlKey(group[0]))
			}
		}
	}
	differ := [][2]string{
		{"https://example.org/a", "https://example.org/b"},
		{"https://example.org/p?id=1", "https://example.org/p?id=2"},
		{"https://example.org:8080/a", "https://example.org/a"},
		{"https://example.org/A", "https://example.org/a"},
	}
	for _, d := range differ {
		if urlKey(d[0]) == urlKey(d[1]) {
			t.Errorf("%q and %q share key %q", d[0], d[1], urlKey(d[0]))
		}
	}
	if urlKey("docs/a.txt") != "docs/a.txt" || urlKey("  ") != "" {
		t.Error("non-URLs are their own key")
	}
}

func TestContentHash(t *testing.T) {
	a := contentHash("Around 1,100 casualties,\nthe military said.")
	if b := contentHash("  AROUND 1,100   casualties, the military said. "); a != b {
		t.Error("case and spacing change the hash")
	}
	if b := contentHash("Around 1,200 casualties, the military said."); a == b {
		t.Error("a changed figure keeps the hash")
	}
}

func TestFingerprint(t *testing.T) {
	story := fingerprintOf(strings.Join(wireStory("12"), "\n"))
	if !story.ok {
		t.Fatal("story too short")
	}
	near := func(a, b fingerprint) (float64, int) {
		n := 0
		for i := range a.bands {
			if a.bands[i] == b.bands[i] {
				n++
			}
		}
		return jaccard(a.shingles, b.shingles), n
	}
	// An updated toll and a credit line: a copy, and found as a candidate.
	edited := fingerprintOf(strings.Join(wireStory("14", "Reporting by our correspondents."), "\n"))
	if j, bands := near(story, edited); j < nearJaccard || bands == 0 {
		t.Errorf("an edited copy: Jaccard %.2f, %d bands shared", j, bands)
	}
	// Generated documents are not copies of one another or of the story.
	for i := 0; i < 300; i++ {
		a, _ := genDoc(i, 10)
		b, _ := genDoc(i+1, 10)
		fa, fb := fingerprintOf(a.Text), fingerprintOf(b.Text)
		if j, bands := near(fa, fb); j >= 0.2 || bands > 0 {
			t.Errorf("generated documents %d and %d: Jaccard %.2f, %d bands shared", i, i+1, j, bands)
		}
		if j, _ := near(story, fa); j > 0.05 {
			t.Errorf("generated document %d is like the story: %.2f", i, j)
		}
	}
	if fp := fingerprintOf("Twelve people were killed, police said."); fp.ok {
		t.Error("a one-line text is compared")
	}
	if j := jaccard([]uint64{1, 2, 3, 4}, []uint64{2, 3, 4, 5, 6}); j != 0.5 {
		t.Errorf("jaccard = %v", j)
	}
}

func TestIsEnglish(t *testing.T) {
	for lang, want := range map[string]bool{"": true, "en": true, "EN": true, "en-GB": true, "en_US": true,
		"eng": true, "English": true, "ru": false, "fr-CA": false, "ent": false, "uk": false} {
		if IsEnglish(lang) != want {
			t.Errorf("IsEnglish(%q) != %v", lang, want)
		}
	}
}

func TestSeriesKey(t *testing.T) {
	c := "North Korea"
	empty := ""
	for _, tc := range []struct {
		counted *string
		want    string
	}{{&c, "North Korea/casualties"}, {nil, "unknown/casualties"}, {&empty, "unknown/casualties"}} {
		f := claim.Figure{Measure: claim.Casualties, Counted: tc.counted}
		if got := SeriesKey(&f); got != tc.want {
			t.Errorf("SeriesKey = %q, want %q", got, tc.want)
		}
	}
}
