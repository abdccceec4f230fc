package feed

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// MinArticleRunes is the shortest item text taken as a whole article.
// Teasers (an RSS description, a WordPress excerpt) run to about 55 words,
// 300–400 characters; the shortest wire story worth reading for figures is
// longer. An item under it is fetched from its link instead.
const MinArticleRunes = 500

// FullContent returns the item's article HTML when the feed carries the
// whole article: the longer of content (content:encoded, Atom content,
// JSON content_html) and description, when its text is at least
// MinArticleRunes long and does not end like a teaser ("… Read more").
// It returns "" when the feed only carries a teaser.
func FullContent(content, description string) string {
	best, text := content, plainText(content)
	if d := plainText(description); utf8.RuneCountInString(d) > utf8.RuneCountInString(text) {
		best, text = description, d
	}
	if utf8.RuneCountInString(text) < MinArticleRunes || isTeaser(text) {
		return ""
	}
	return best
}

// isTeaser says whether text ends like an excerpt that continues on the
// site ("…", "[...]", "Read more »"), or with WordPress's "The post X
// appeared first on Y." line.
func isTeaser(text string) bool {
	tail := strings.ToLower(strings.TrimRightFunc(text, func(r rune) bool {
		return unicode.IsSpace(r) || r == '»' || r == '→' || r == '>'
	}))
	for _, e := range []string{"…", "...", "[…]", "[...]"} {
		if strings.HasSuffix(tail, e) {
			return true
		}
	}
	tail = strings.TrimRight(tail, ".!: ")
	for _, e := range []string{"read more", "continue reading", "read the full story", "read the full article", "read full article", "read full story", "full story"} {
		if strings.HasSuffix(tail, e) {
			return true
		}
	}
	lastLine := tail[strings.LastIndexByte(tail, '\n')+1:]
	return strings.HasPrefix(lastLine, "the post ") && strings.Contains(lastLine, " appeared first on ")
}

// plainText is the text of an HTML fragment, blocks on their own lines,
// runs of space collapsed. Text that is not HTML comes through as it is
// (entities decoded).
func plainText(fragment string) string {
	if !strings.ContainsAny(fragment, "<&") {
		return strings.TrimSpace(fragment)
	}
	z := html.NewTokenizer(strings.NewReader(fragment))
	var b strings.Builder
	skip := 0 // inside <script> or <style>
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return strings.TrimSpace(b.String())
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "script", "style":
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
			case "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article":
				b.WriteByte('\n')
			}
		}
	}
}
