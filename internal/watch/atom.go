package watch

import (
	"encoding/xml"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"
)

// Atom writes alerts as an Atom 1.0 feed (RFC 4287), newest first, so an
// editor can follow a series in any feed reader. base is the server's
// URL ("https://tally.example"): entries link to the document's page
// there; self is the feed's own path ("/alerts.atom").
func Atom(w io.Writer, title, base, self string, alerts []Alert) error {
	type link struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr,omitempty"`
	}
	type text struct {
		Type string `xml:"type,attr,omitempty"`
		Body string `xml:",chardata"`
	}
	type entry struct {
		Title   string `xml:"title"`
		ID      string `xml:"id"`
		Updated string `xml:"updated"`
		Link    []link `xml:"link"`
		Cats    []struct {
			Term string `xml:"term,attr"`
		} `xml:"category"`
		Summary text `xml:"summary"`
	}
	type feed struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		Title   string   `xml:"title"`
		ID      string   `xml:"id"`
		Updated string   `xml:"updated"`
		Author  struct {
			Name string `xml:"name"`
		} `xml:"author"`
		Link  []link  `xml:"link"`
		Entry []entry `xml:"entry"`
	}
	base = strings.TrimSuffix(base, "/")
	f := feed{Title: title, ID: base + self, Link: []link{{Href: base + self, Rel: "self"}}}
	f.Author.Name = "tally"
	updated := time.Unix(0, 0).UTC()
	for _, a := range alerts {
		if a.At.After(updated) {
			updated = a.At
		}
		e := entry{
			Title:   a.Title,
			ID:      fmt.Sprintf("%s/alerts/%d", base, a.ID),
			Updated: a.At.UTC().Format(time.RFC3339),
			Link:    []link{{Href: base + "/documents/" + url.PathEscape(a.DocID), Rel: "alternate"}},
			Summary: text{Type: "text", Body: a.Summary},
		}
		if a.URL != "" {
			e.Link = append(e.Link, link{Href: a.URL, Rel: "related"})
		}
		for _, k := range a.Kinds {
			e.Cats = append(e.Cats, struct {
				Term string `xml:"term,attr"`
			}{k})
		}
		f.Entry = append(f.Entry, e)
	}
	f.Updated = updated.Format(time.RFC3339)
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	return enc.Encode(f)
}
