// Package pipeline wires tally's extraction stages together: text →
// sentences → figure mentions → attribution → figure claims.
package pipeline

import "github.com/tally-news/tally/internal/claim"

// Extract returns every figure claim in doc, in text order.
func Extract(doc claim.Document) []claim.Figure {
	return nil
}
