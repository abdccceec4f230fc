package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/tally-news/tally/internal/claim"
	"github.com/tally-news/tally/internal/furniture"
	"github.com/tally-news/tally/internal/gather"
)

func init() {
	commands["text"] = command{"print the main text that extraction sees, page furniture dropped", runText}
}

const textUsage = `Usage: tally text [options] SOURCE...

Prints the main text of each document as the figure extractor sees it:
for an HTML page the article body (with its title, date and publisher
above it); for text and JSONL documents what remains once page furniture
(reader appeals, newsletter boxes, "Read more:" links, photo credits) is
dropped. Use it to check why a figure was or was not found.

` + sourcesHelp + `
With more than one document, each gets a "==> id <==" header line (the
id as tally extract gives it). A bad input gets one line on standard
error and the others are still read; the exit status is then 1.

Options:
  --format text|jsonl     output format (default text); jsonl prints one
                          document a line: {"id", "url", "title",
                          "publisher", "published", "language", "text"}
` + inputOptionsHelp + `
Examples:
  tally text testdata/seed.txt
  tally text --format jsonl shared/corpus/dev/docs.jsonl
  tally text saved-pages/ page.html.gz crawl.warc.gz
  curl -s https://example.org/article | tally text -
`

func runText(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("text", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are printed below, in one line
	format := fs.String("format", "text", "")
	in := addInputFlags(fs)
	srcs, err := parseInterspersed(fs, args)
	if err == flag.ErrHelp {
		fmt.Fprint(stdout, textUsage)
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "tally text: %v\nTry: tally text --help\n", err)
		return 2
	}
	if *format != "text" && *format != "jsonl" {
		fmt.Fprintf(stderr, "tally text: unknown --format %q; valid: text, jsonl\n", *format)
		return 2
	}
	if err := in.check(); err != nil {
		fmt.Fprintf(stderr, "tally text: %v\n", err)
		return 2
	}
	if len(srcs) == 0 {
		fmt.Fprint(stderr, "tally text: no inputs\n\n"+textUsage)
		return 2
	}

	w := bufio.NewWriter(stdout)
	defer w.Flush()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)

	// With one document there is nothing to tell apart; otherwise each
	// document gets a "==> id <==" header, as head(1) does. Whether there
	// is a second is known only when it comes (a folder, a feed, a URL
	// list), so the first is held until then.
	var (
		first   *claim.Document
		n       int
		headers = len(srcs) > 1
	)
	show := func(d claim.Document) { // with r.mu held
		switch {
		case *format == "jsonl":
			enc.Encode(d)
		case !headers && n == 0 && first == nil:
			first = &d
		default:
			if first != nil {
				headers = true
				writeDocText(w, *first, true, 0)
				first, n = nil, 1
			}
			writeDocText(w, d, headers, n)
			n++
		}
	}
	r := &reporter{cmd: "text", stderr: stderr, flush: func() { w.Flush() }}
	ignored := readSources(srcs, in.gatherOptions(stdin), func(it gather.Item) {
		// Exactly what the extractor keeps: furniture.Keep over the
		// document text (for HTML, a no-op on text htmltext cleaned).
		it.Doc.Text = furniture.Clean(it.Doc.Text)
		r.mu.Lock()
		defer r.mu.Unlock()
		show(it.Doc)
	}, r.bad, r.warn)
	if first != nil {
		writeDocText(w, *first, false, 0)
	}
	w.Flush()
	fmt.Fprint(stderr, ignoredNote("text", ignored))
	return exitCode(r.failed)
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
