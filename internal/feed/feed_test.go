package feed

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
)

// article is a whole story, long enough to be taken as one.
const article = `<p>Floodwaters forced about 4,200 people from their homes in the valley on Friday, the regional emergency service said.</p>
<p>At least 12 people were killed and 40 were injured, according to the service, which warned that the figures could rise as rescuers reached cut-off villages.</p>
<p>The governor said 300 soldiers had been deployed to help with the evacuation, and that shelters in three towns were already full.</p>
<p>Rain is expected to continue through the weekend, and the river is forecast to crest on Sunday night above the 2019 record.</p>`

const teaser = "Floodwaters forced about 4,200 people from their homes in the valley on Friday, the regional emergency service said. At least 12 people were killed [&#8230;]"

var rssFull = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>The Valley Ledger</title>
  <link>https://ledger.example/</link>
  <language>en-us</language>
  <item>
    <title>Floods force 4,200 from homes</title>
    <link>https://ledger.example/2025/03/14/floods</link>
    <guid isPermaLink="false">ledger-1234</guid>
    <pubDate>Fri, 14 Mar 2025 09:30:00 +0100</pubDate>
    <dc:creator>Ana Silva</dc:creator>
    <description><![CDATA[` + teaser + `]]></description>
    <content:encoded><![CDATA[` + article + `]]></content:encoded>
  </item>
</channel>
</rss>`

var rssLinks = `<?xml version="1.0"?>
<rss version="2.0"><channel><title>Wire &amp; Co</title><link>https://wire.example/</link>
  <item><title>Floods force 4,200 from homes</title><link>https://wire.example/a</link>
    <description>` + teaser + `</description><pubDate>Sat, 15 Mar 2025 10:00:00 GMT</pubDate></item>
  <item><title>No link here</title><guid>https://wire.example/b</guid><description>Short.</description></item>
  <item><title>Undated</title><link>/relative/c</link></item>
</channel></rss>`

var atomFull = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Ledger (Atom)</title>
  <link href="https://ledger.example/"/>
  <entry>
    <title type="html">Floods &lt;em&gt;force&lt;/em&gt; 4,200 from homes</title>
    <link rel="alternate" href="https://ledger.example/floods"/>
    <id>tag:ledger.example,2025:1</id>
    <updated>2025-03-15T08:00:00Z</updated>
    <published>2025-03-14T08:00:00Z</published>
    <author><name>Ana Silva</name></author>
    <summary>Floodwaters forced about 4,200 people from their homes.</summary>
    <content type="html">` + strings.NewReplacer("<", "&lt;", ">", "&gt;").Replace(article) + `</content>
  </entry>
</feed>`

var atomLinks = `<feed xmlns="http://www.w3.org/2005/Atom"><title>Links only</title>
  <entry><title>One</title><link href="https://x.example/1"/><id>1</id><updated>2025-03-16T00:00:00Z</updated>
    <summary>Floodwaters forced about 4,200 people... Read more »</summary></entry>
</feed>`

var jsonFeed = `{"version": "https://jsonfeed.org/version/1.1", "title": "JSON Ledger", "home_page_url": "https://j.example/",
 "items": [{"id": "1", "url": "https://j.example/floods", "title": "Floods", "date_published": "2025-03-14T08:00:00Z",
   "authors": [{"name": "Ana Silva"}], "content_html": ` + jsonString(article) + `},
  {"id": "2", "url": "https://j.example/short", "title": "Short", "summary": "A teaser."}]}`

func jsonString(s string) string {
	r := strings.NewReplacer(`"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}

func TestParse(t *testing.T) {
	cases := []struct {
		name, data           string
		title, typ, language string
		items                []Item
	}{
		{"rss with full content", rssFull, "The Valley Ledger", "rss", "en-us", []Item{{
			Link: "https://ledger.example/2025/03/14/floods", GUID: "ledger-1234", Title: "Floods force 4,200 from homes",
			Published: time.Date(2025, 3, 14, 8, 30, 0, 0, time.UTC), Author: "Ana Silva", Content: article,
			Summary: strings.Replace(teaser, "[&#8230;]", "[…]", 1),
		}}},
		{"rss with links only", rssLinks, "Wire & Co", "rss", "", []Item{
			{Link: "https://wire.example/a", Title: "Floods force 4,200 from homes", Published: time.Date(2025, 3, 15, 10, 0, 0, 0, time.UTC),
				Summary: strings.Replace(teaser, "[&#8230;]", "[…]", 1)},
			{Link: "https://wire.example/b", GUID: "https://wire.example/b", Title: "No link here", Summary: "Short."},
			{Link: "/relative/c", Title: "Undated"},
		}},
		{"atom with full content", atomFull, "Ledger (Atom)", "atom", "", []Item{{
			Link: "https://ledger.example/floods", GUID: "tag:ledger.example,2025:1", Title: "Floods force 4,200 from homes",
			Published: time.Date(2025, 3, 14, 8, 0, 0, 0, time.UTC), Author: "Ana Silva", Content: article,
			Summary: "Floodwaters forced about 4,200 people from their homes.",
		}}},
		{"atom with links only", atomLinks, "Links only", "atom", "", []Item{{
			Link: "https://x.example/1", GUID: "1", Title: "One", Published: time.Date(2025, 3, 16, 0, 0, 0, 0, time.UTC),
			Summary: "Floodwaters forced about 4,200 people... Read more »",
		}}},
		{"json feed", jsonFeed, "JSON Ledger", "json", "", []Item{
			{Link: "https://j.example/floods", GUID: "1", Title: "Floods", Published: time.Date(2025, 3, 14, 8, 0, 0, 0, time.UTC),
				Author: "Ana Silva", Content: article},
			{Link: "https://j.example/short", GUID: "2", Title: "Short", Summary: "A teaser."},
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if !Sniff([]byte(tc.data)) {
				t.Error("Sniff = false")
			}
			f, err := Parse(strings.NewReader(tc.data))
			if err != nil {
				t.Fatal(err)
			}
			if f.Title != tc.title || f.Type != tc.typ || f.Language != tc.language {
				t.Errorf("feed = %q %q %q, want %q %q %q", f.Title, f.Type, f.Language, tc.title, tc.typ, tc.language)
			}
			if len(f.Items) != len(tc.items) {
				t.Fatalf("%d items, want %d", len(f.Items), len(tc.items))
			}
			for i, want := range tc.items {
				got := f.Items[i]
				if !got.Published.Equal(want.Published) {
					t.Errorf("item %d: Published = %v, want %v", i, got.Published, want.Published)
				}
				got.Published, want.Published = time.Time{}, time.Time{}
				if got != want {
					t.Errorf("item %d:\n got %+v\nwant %+v", i, got, want)
				}
			}
		})
	}
}

func TestParseBad(t *testing.T) {
	cases := []struct {
		name, data string
		want       string
		is         error
	}{
		{"html page", "<!doctype html><html><body><p>hi</p></body></html>", "not an RSS, Atom or JSON feed", ErrNotFeed},
		{"empty", "", "not an RSS, Atom or JSON feed", ErrNotFeed},
		{"plain json", `{"id": 1, "text": "12 killed"}`, "not an RSS, Atom or JSON feed", ErrNotFeed},
		{"sitemap", `<?xml version="1.0"?><urlset><url><loc>https://x/</loc></url></urlset>`, "not an RSS, Atom or JSON feed", ErrNotFeed},
		{"binary", "\x1f\x8b\x08\x00\x00", "not an RSS, Atom or JSON feed", ErrNotFeed},
		{"truncated rss", rssFull[:len(rssFull)/2], "malformed RSS feed", nil},
		{"broken json feed", `{"version": "https://jsonfeed.org/version/1", "items": [`, "malformed JSON feed", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Parse(strings.NewReader(tc.data))
			if err == nil {
				t.Fatalf("no error; %d items", len(f.Items))
			}
			if !strings.HasPrefix(err.Error(), tc.want) || tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("err = %q, want %q", err, tc.want)
			}
		})
	}
}

func TestParseTooLarge(t *testing.T) {
	big := io_multi(`<rss version="2.0"><channel><title>x</title>`, MaxBytes)
	_, err := Parse(big)
	if !errors.Is(err, ErrTooLarge) || err.Error() != "feed larger than 20 MiB" {
		t.Errorf("err = %v", err)
	}
}

// io_multi is a reader of prefix followed by n spaces, without building
// them in memory twice.
func io_multi(prefix string, n int) *bytes.Reader {
	b := make([]byte, len(prefix)+n)
	copy(b, prefix)
	for i := len(prefix); i < len(b); i++ {
		b[i] = ' '
	}
	return bytes.NewReader(b)
}

func TestSniff(t *testing.T) {
	cases := map[string]bool{
		rssFull:   true,
		atomLinks: true,
		jsonFeed:  true,
		"\ufeff  <?xml version='1.0'?>\n<!-- c --><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'></rdf:RDF>": true,
		"<html><body>rss feed</body></html>":     false,
		`{"title": "not a feed"}`:                false,
		"Just text mentioning <rss> in passing.": false,
		"":                                       false,
	}
	for data, want := range cases {
		if got := Sniff([]byte(data)); got != want {
			t.Errorf("Sniff(%.40q) = %v, want %v", data, got, want)
		}
	}
}

func TestFullContent(t *testing.T) {
	long := strings.Repeat("Some 300 soldiers were deployed to the valley. ", 15) // 705 characters
	cases := []struct {
		name, content, description, want string
	}{
		{"long content", "<p>" + long + "</p>", "short", "<p>" + long + "</p>"},
		{"long description only", "", long, long},
		{"teaser content", "<p>Short teaser.</p>", "Short.", ""},
		{"long but ellipsis", long + "…", "", ""},
		{"long but read more", "<p>" + long + `</p><p><a href="x">Read more »</a></p>`, "", ""},
		{"long but continue reading", long + " Continue reading.", "", ""},
		{"wordpress footer", "<p>" + long + "</p><p>The post Floods appeared first on Ledger.</p>", "", ""},
		{"description longer than content", "<p>Teaser.</p>", "<p>" + long + "</p>", "<p>" + long + "</p>"},
		{"scripts do not count", "<script>" + long + "</script><p>Short.</p>", "", ""},
	}
	for _, tc := range cases {
		if got := FullContent(tc.content, tc.description); got != tc.want {
			t.Errorf("%s: FullContent = %.60q, want %.60q", tc.name, got, tc.want)
		}
	}
}

// FuzzParse: no input makes Parse or Sniff panic; memory stays bounded
// because inputs are capped well under MaxBytes.
func FuzzParse(f *testing.F) {
	for _, s := range []string{rssFull, rssLinks, atomFull, atomLinks, jsonFeed, "", "<rss>", "{", `{"version":"https://jsonfeed.org/version/1","items":[{}]}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<20 {
			t.Skip()
		}
		Sniff(data)
		feed, err := Parse(bytes.NewReader(data))
		if err == nil && feed == nil {
			t.Fatal("nil feed without error")
		}
		if err != nil && err.Error() == "" {
			t.Fatal("empty error message")
		}
	})
}
