package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/tally-news/tally/internal/claim"
	"github.com/tally-news/tally/internal/document"
	"github.com/tally-news/tally/internal/furniture"
)

func init() {
	commands["text"] = command{"print the main text that extraction sees, page furniture dropped", runText}
}

const textUsage = `Usage: tally text [options] FILE...

Prints the main text of each document as the figure extractor sees it:
for an HTML page the article body (with its title, date and publisher
above it); for text and JSONL documents what remains once page furniture
(reader appeals, newsletter boxes, "Read more:" links, photo credits) is
dropped. Use it to check why a figure was or was not found.

FILE is a .txt, .html, .htm or .jsonl file, or - for standard input
(JSON Lines, HTML or plain text, told apart by their first bytes).
A bad input gets one line on standard error and the others are still
read; the exit status is then 1.

Options:
  --format text|jsonl     output format (default text); jsonl prints one
                          document a line: {"id", "url", "title",
                          "publisher", "published", "language", "text"}
  --published YYYY-MM-DD  publication date for documents that carry none

Examples:
  tally text testdata/seed.txt
  tally text --format jsonl shared/corpus/dev/docs.jsonl
  curl -s https://example.org/article | tally text -
`

func runText(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("text", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, textUsage) }
	format := fs.String("format", "text", "")
	published := fs.String("published", "", "")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			fmt.Fprint(stdout, textUsage)
			return 0
		}
		return 2
	}
	if *format != "text" && *format != "jsonl" {
		fmt.Fprintf(stderr, "tally text: unknown --format %q; valid: text, jsonl\n", *format)
		return 2
	}
	if *published != "" {
		if _, err := time.Parse("2006-01-02", *published); err != nil {
			fmt.Fprintf(stderr, "tally text: bad --published %q; want YYYY-MM-DD, e.g. 2025-01-27\n", *published)
			return 2
		}
	}
	if fs.NArg() == 0 {
		fmt.Fprint(stderr, "tally text: no input files\n\n"+textUsage)
		return 2
	}

	w := bufio.NewWriter(stdout)
	defer w.Flush()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)

	// With one plain document there is nothing to tell apart; otherwise
	// each document gets a "==> id <==" header, as head(1) does.
	headers := fs.NArg() > 1 || isMultiDoc(fs.Arg(0))
	opts := document.Options{Published: *published, Stdin: stdin}
	failed := false
	n := 0
	for _, path := range fs.Args() {
		emit := func(d claim.Document) {
			// Exactly what the extractor keeps: furniture.Keep over the
			// document text (for HTML, a no-op on text htmltext cleaned).
			d.Text = furniture.Clean(d.Text)
			if *format == "jsonl" {
				enc.Encode(d)
				return
			}
			writeDocText(w, d, headers, n)
			n++
		}
		bad := func(err error) {
			w.Flush() // keep stdout and stderr in input order on a terminal
			fmt.Fprintln(stderr, "tally text:", err)
			failed = true
		}
		if err := document.Read(path, opts, emit, bad); err != nil {
			bad(err)
		}
	}
	return exitCode(failed)
}

// isMultiDoc: inputs that may hold several documents.
func isMultiDoc(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	return path == "-" || ext == ".jsonl" || ext == ".ndjson"
}

// writeDocText prints one document for people: header lines with what is
// known about it, a blank line, the text.
func writeDocText(w io.Writer, d claim.Document, header bool, i int) {
	if i > 0 {
		fmt.Fprintln(w)
	}
	if header {
		fmt.Fprintf(w, "==> %s <==\n", d.ID)
	}
	var meta []string
	if d.Published != "" {
		meta = append(meta, d.Published)
	}
	if d.Publisher != "" {
		meta = append(meta, d.Publisher)
	}
	if d.Title != "" {
		fmt.Fprintln(w, d.Title)
	}
	if len(meta) > 0 {
		fmt.Fprintln(w, strings.Join(meta, " · "))
	}
	if d.URL != "" {
		fmt.Fprintln(w, d.URL)
	}
	if d.Title != "" || len(meta) > 0 || d.URL != "" {
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, d.Text)
}
