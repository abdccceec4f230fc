// Package samples holds the articles bundled with tally for `tally demo`
// and for tests: the seed article the project started from (a Moscow Times
// report) and short reports written for the project in the style of wire
// copy. The written ones tell invented events with invented outlets and
// URLs (example.org, example.net, example.com); no news text is copied.
package samples

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"strings"

	"github.com/tally-news/tally/internal/claim"
)

//go:embed seed.txt
var seed string

//go:embed articles.jsonl
var articles []byte

// Seed is the reference article, as published on 2024-12-23.
func Seed() claim.Document {
	return claim.Document{
		ID:        "seed",
		Title:     "North Korean casualties top 1,000, South Korea's military says",
		Publisher: "The Moscow Times",
		Published: "2024-12-23",
		Language:  "en",
		Text:      seed,
	}
}

// Articles returns the seed article followed by the written samples.
func Articles() []claim.Document {
	docs := []claim.Document{Seed()}
	for _, line := range bytes.Split(bytes.TrimSpace(articles), []byte("\n")) {
		var d claim.Document
		if err := json.Unmarshal(line, &d); err != nil {
			panic("samples: articles.jsonl: " + err.Error()) // embedded data, checked by a test
		}
		if d.Language == "" {
			d.Language = "en"
		}
		if d.Title == "" {
			first, _, _ := strings.Cut(d.Text, "\n")
			d.Title = strings.TrimSpace(first)
		}
		docs = append(docs, d)
	}
	return docs
}
