package gather

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// A .txt of URLs is a list of sources: each URL is fetched, none of it is
// stored as an article. So is one piped on standard input.
func TestGatherURLList(t *testing.T) {
	s := newSite(t)
	dir := t.TempDir()
	list := filepath.Join(dir, "urls.txt")
	os.WriteFile(list, []byte("# tonight's reading\n"+s.URL+"/articles/a\n\n  "+s.URL+"/articles/b  \n"), 0o644)
	items, errs, _ := run(t, []string{list}, testOptions())
	want := []string{
		list + " line 2 → https://ledger.example/news/a",
		list + " line 4 → " + s.URL + "/articles/b",
	}
	if !slices.Equal(items, want) || len(errs) != 0 {
		t.Errorf("items %q errors %q\nwant %q", items, errs, want)
	}

	opts := testOptions()
	opts.Stdin = strings.NewReader(s.URL + "/articles/a\n")
	items, errs, _ = run(t, []string{"-"}, opts)
	if want := []string{"stdin line 1 → https://ledger.example/news/a"}; !slices.Equal(items, want) || len(errs) != 0 {
		t.Errorf("stdin: items %q errors %q", items, errs)
	}
}

// A list of URLs with a line that is not one is refused whole, with the
// line; an article that quotes a URL is still an article.
func TestGatherURLListRefused(t *testing.T) {
	s := newSite(t)
	dir := t.TempDir()
	broken := filepath.Join(dir, "broken.txt")
	os.WriteFile(broken, []byte(s.URL+"/a\n"+s.URL+"/b\nsee also the floods page\n"+s.URL+"/c\n"), 0o644)
	article := filepath.Join(dir, "story.txt")
	os.WriteFile(article, []byte("Floods displaced 4,200 people, officials said.\nMore at https://ledger.example/floods\n"), 0o644)
	items, errs, _ := run(t, []string{broken, article}, testOptions())
	if want := []string{article + " → " + article}; !slices.Equal(items, want) {
		t.Errorf("items %q, want %q", items, want)
	}
	if len(errs) != 1 || !strings.Contains(errs[0], `looks like a list of URLs, but line 3 ("see also the floods page") is not one`) {
		t.Errorf("errors %q", errs)
	}
	if h := s.hitCount("/a"); h != 0 {
		t.Errorf("a refused list was fetched (%d)", h)
	}
}

func TestSniffURLList(t *testing.T) {
	for _, tc := range []struct {
		text string
		want urlListVerdict
	}{
		{"https://a.example/1\nhttp://b.example/2\n", isURLList},
		{"\n# c\nhttps://a.example/1\n", isURLList},
		{"Floods displaced 4,200 people.\n", notURLList},
		{"https://a.example/1 and more words\n", notURLList},
		{"", notURLList},
		{"https://a/1\nhttps://a/2\nhttps://a/3\nnot a url\n", brokenURLList},
		{"https://a.example/1\nnot a url\n", brokenURLList},
		{"Floods displaced 4,200 people, officials said.\nhttps://a.example/floods\n", notURLList},
		{"Floods in the north\nhttps://a.example/floods\nhttps://a.example/more\n", brokenURLList},
	} {
		if got, _, _ := sniffURLList([]byte(tc.text)); got != tc.want {
			t.Errorf("sniffURLList(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}
