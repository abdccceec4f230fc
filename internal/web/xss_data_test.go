package web

import "github.com/tally-news/tally/internal/claim"

// xssDocs are articles written to break out of every context a page
// puts article data in: element text, attribute values (double and
// single quoted), URLs, the SVG chart, and the <title>.
func xssDocs() []claim.Document {
	return []claim.Document{{
		ID:        `x"><script>alert('id')</script>`,
		URL:       `javascript:alert('url')//"onmouseover="alert(1)`,
		Title:     `"><script>alert('title')</script><img src=x onerror=alert('title')>`,
		Publisher: `</title><script>alert('publisher')</script>`,
		Published: "2025-03-10",
		Text: "Evil toll <script>alert('headline')</script> reaches 300\n" +
			"More than 300 people have been killed in Qurzistan <script>alert('text')</script>, the Ministry of \"Health\" <b onmouseover=alert('b')>said</b> on Monday.\n" +
			"At least 40 people were wounded near <a href=\"javascript:alert('link')\">the border</a>' onfocus='alert(2)' autofocus x=', the ministry said.\n" +
			"Police said 12 protesters were arrested in \"><svg onload=alert('svg')> the capital on Sunday.\n",
	}, {
		ID:        "xss-two",
		URL:       `https://example.org/a"><script>alert('href')</script>`,
		Title:     `O'Brien's "report" </a><a href=javascript:alert('t2')>`,
		Publisher: "Example Wire",
		Published: "2025-03-11",
		Text: "About 500 people have been killed in Qurzistan, Red Cross spokesman John \"<script>alert('source')</script>\" O'Brien said on Tuesday.\n" +
			"Javascript:alert('plain') — at least 80 people were wounded, the Red Cross said.\n",
	}}
}

// xssFigures are figures stored by hand for the third hostile article,
// so that the counted group, source, relay and subject — which the
// extractor only takes from its tables — carry payloads too. A future
// alias file or extractor bug could put them there.
func xssFigures(doc claim.Document) []claim.Figure {
	counted := `</svg><script>alert('counted')</script>"Land`
	via := `javascript:alert('via')`
	date := "2025-03-12"
	mk := func(num string, v float64, q, src string) claim.Figure {
		start := indexOf(doc.Text, num)
		val := v
		f := claim.Figure{Doc: doc.ID, Sentence: doc.Text[:len(doc.Text)-1], Span: [2]int{start, start + len(num)},
			NumberText: num, Value: &val, Qualifier: q, Measure: claim.Killed, Subject: `<i>people</i>`,
			Counted: &counted, Source: src, SourceText: src, Cue: "said", Via: &via, Date: &date,
			SentenceSpan: [2]int{0, len(doc.Text) - 1}}
		if q == claim.Exact {
			f.Low, f.High = &val, &val
		}
		return f
	}
	return []claim.Figure{
		mk("1,000", 1000, claim.Exact, `"><img src=x onerror=alert('source')>`),
		mk("7", 7, claim.Exact, `' onmouseover='alert("src2")`),
	}
}

func xssThird() claim.Document {
	return claim.Document{ID: "xss-three", Published: "2025-03-12", URL: "data:text/html,<script>alert('data')</script>",
		Title: "Third", Text: "Either 1,000 or 7 <script>alert('third')</script> died.\n"}
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	panic("no " + sub)
}
