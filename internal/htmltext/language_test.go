package htmltext_test

import (
	"testing"

	"github.com/tally-news/tally/internal/htmltext"
)

func TestDeclaredLanguage(t *testing.T) {
	cases := []struct{ page, want string }{
		{`<html lang="en-GB"><body>x</body></html>`, "en"},
		{`<html xml:lang="RU"><body>x</body></html>`, "ru"},
		{`<html><head><meta http-equiv="Content-Language" content="de, en"></head></html>`, "de"},
		{`<html><head><meta property="og:locale" content="uk_UA"></head></html>`, "uk"},
		{`<html lang="x-default"><head><meta property="og:locale" content="fr_FR"></head></html>`, "fr"},
		{`<html lang="und"><body>x</body></html>`, ""},
		{`<html lang="fil"><body>x</body></html>`, ""},
		{`<p>no declaration</p>`, ""},
	}
	for _, c := range cases {
		doc, err := htmltext.Parse([]byte(c.page))
		if err != nil {
			t.Fatal(err)
		}
		if got := htmltext.DeclaredLanguage(doc); got != c.want {
			t.Errorf("%s: %q, want %q", c.page, got, c.want)
		}
	}
}
