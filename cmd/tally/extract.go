package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode"
	"unicode/utf8"

	"github.com/tally-news/tally/internal/claim"
	"github.com/tally-news/tally/internal/gather"
	"github.com/tally-news/tally/internal/pipeline"
	"github.com/tally-news/tally/internal/sources"
)

func init() {
	commands["extract"] = command{"find figure claims in files, folders, URLs, feeds and WARC files", runExtract}
}

const extractUsage = `Usage: tally extract [options] SOURCE...

Finds every figure claim in the documents — the number phrase, what it
measures, who is counted, who asserts it and when — and prints one JSON
object per figure, one a line (the fields are listed in DESIGN.md,
"Figure claims: the output contract").

` + sourcesHelp + `
The document id ("doc") is the "id" of a JSONL line, else the file path;
for a page fetched or read from a feed or a WARC, its canonical URL.
Documents come out in the order given (fetched pages as they arrive). A
bad input gets one line on standard error and the others are still
read; the exit status is then 1. A page too deep for the HTML parser is
read without its layout, with a warning.

Options:
  --format jsonl|table    output format (default jsonl): jsonl for
                          programs, table for people (one aligned row
                          per figure, the sentence cut short)
  --aliases FILE          source alias file (TOML) extending the shipped
                          table; see internal/sources/README.md
  --explain               add to each figure an "explain" object saying
                          which rule and which words decided its measure,
                          counted people and source (jsonl; in a table,
                          three lines under each row)
` + inputOptionsHelp + `
Examples:
  tally extract --published 2024-12-23 testdata/seed.txt
  tally extract --format table shared/corpus/dev/docs.jsonl
  tally extract saved-pages/ crawl-00001.warc.gz > figures.jsonl
  tally extract --aliases my-sources.toml a.html b.txt.gz feed.xml
  tally extract https://example.org/2025/01/27/story
  tally extract -- -notes.txt
`

func runExtract(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are printed below, in one line
	format := fs.String("format", "jsonl", "")
	aliases := fs.String("aliases", "", "")
	explain := fs.Bool("explain", false, "")
	in := addInputFlags(fs)
	srcs, err := parseInterspersed(fs, args)
	if err == flag.ErrHelp {
		fmt.Fprint(stdout, extractUsage)
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "tally extract: %v\nTry: tally extract --help\n", err)
		return 2
	}
	if *format != "jsonl" && *format != "table" {
		fmt.Fprintf(stderr, "tally extract: unknown --format %q; valid: jsonl, table\n", *format)
		return 2
	}
	if err := in.check(); err != nil {
		fmt.Fprintf(stderr, "tally extract: %v\n", err)
		return 2
	}
	if len(srcs) == 0 {
		fmt.Fprint(stderr, "tally extract: no inputs\n\n"+extractUsage)
		return 2
	}
	opt := pipeline.Options{Explain: *explain}
	if *aliases != "" {
		t, err := sources.Load(*aliases)
		if err != nil {
			fmt.Fprintf(stderr, "tally extract: %v\n", oneLine(err.Error()))
			return 2
		}
		opt.Sources = t
	}

	w := bufio.NewWriter(stdout)
	var out figureWriter
	if *format == "table" {
		out = newTableWriter(w)
	} else {
		out = newJSONLWriter(w)
	}
	r := &reporter{cmd: "extract", stderr: stderr, flush: out.Sync}
	ignored := readSources(srcs, in.gatherOptions(stdin), func(it gather.Item) {
		figs, err := extractDoc(it.Doc, opt)
		r.mu.Lock()
		defer r.mu.Unlock()
		if err != nil {
			r.badLocked(fmt.Errorf("%s: doc %s: %w", it.Origin, it.Doc.ID, err))
			return
		}
		for i := range figs {
			out.Write(&figs[i])
		}
	}, r.bad, r.warn)
	out.Close()
	fmt.Fprint(stderr, ignoredNote("extract", ignored))
	if err := w.Flush(); err != nil {
		fmt.Fprintf(stderr, "tally extract: write output: %v\n", err)
		return 1
	}
	return exitCode(r.failed)
}

// parseInterspersed parses flags placed before, between or after the
// files (`tally extract a.txt --format table` works as people type it);
// the flag package alone stops at the first file. After "--" every
// argument is a file.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(files, rest...), nil
		}
		if len(rest) == 0 {
			return files, nil
		}
		files = append(files, rest[0])
		args = rest[1:]
	}
}

// extractDoc runs the pipeline on one document. A panic in the extractor
// is a bug, but one document must not cost the user the rest of the run:
// it becomes an error for this document alone.
func extractDoc(d claim.Document, opt pipeline.Options) (figs []claim.Figure, err error) {
	defer func() {
		if p := recover(); p != nil {
			figs, err = nil, fmt.Errorf("internal error: %v (please report this input)", p)
		}
	}()
	return extractWith(d, opt), nil
}

// extractWith is the extractor; a test swaps in one that panics.
var extractWith = pipeline.ExtractWith

// oneLine keeps a message on one stderr line whatever a panic value or a
// wrapped error carried.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// figureWriter prints figures in one output format.
type figureWriter interface {
	Write(f *claim.Figure)
	// Sync prints what can be printed now without spoiling the format,
	// before an error line goes to stderr.
	Sync()
	// Close prints the rest.
	Close()
}

// jsonlWriter prints one figure a line, as DESIGN.md's contract gives it.
type jsonlWriter struct {
	w   *bufio.Writer
	enc *json.Encoder
}

func newJSONLWriter(w *bufio.Writer) *jsonlWriter {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false) // "<", ">" and "&" in sentences stay readable
	return &jsonlWriter{w: w, enc: enc}
}

func (j *jsonlWriter) Write(f *claim.Figure) {
	// A Figure is plain strings, numbers and pointers to them: it always
	// encodes (json.Encoder writes invalid UTF-8 as U+FFFD).
	_ = j.enc.Encode(f)
}

func (j *jsonlWriter) Sync()  { j.w.Flush() }
func (j *jsonlWriter) Close() { j.w.Flush() }

// tableWriter prints an aligned table for people. Alignment needs every
// row, so rows are held until the end; errors are printed as they come.
type tableWriter struct {
	w    *bufio.Writer
	tw   *tabwriter.Writer
	rows int
}

// sentenceWidth is how much of the sentence a table row shows, in
// characters.
const sentenceWidth = 60

func newTableWriter(w *bufio.Writer) *tableWriter {
	return &tableWriter{w: w, tw: tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)}
}

func (t *tableWriter) Write(f *claim.Figure) {
	if t.rows == 0 {
		fmt.Fprintln(t.tw, "DOC\tNUMBER\tMEASURE\tQUALIFIER\tVALUE\tCOUNTED\tSOURCE\tDATE\tSENTENCE")
	}
	t.rows++
	cells := []string{
		f.Doc, f.NumberText, f.Measure, f.Qualifier, valueCell(f),
		deref(f.Counted), f.Source, deref(f.Date), cut(f.Sentence, sentenceWidth),
	}
	for i, c := range cells {
		cells[i] = cell(c)
	}
	fmt.Fprintln(t.tw, strings.Join(cells, "\t"))
	if e := f.Explain; e != nil {
		for _, line := range []string{"measure: " + e.Measure, "counted: " + e.Counted, "source: " + e.Source} {
			fmt.Fprintln(t.tw, "\t  "+cell(line))
		}
	}
}

// Sync prints nothing: error lines go to stderr before the table.
func (t *tableWriter) Sync() {}

func (t *tableWriter) Close() {
	t.tw.Flush()
	t.w.Flush()
}

// valueCell shows the figure's number: the value, or the bounds as
// "low–high" with an open side left empty ("1000–" is at least 1,000).
func valueCell(f *claim.Figure) string {
	switch {
	case f.Qualifier == claim.Range && f.Low != nil && f.High != nil:
		return num(f.Low) + "–" + num(f.High)
	case f.Qualifier == claim.Min && f.Low != nil:
		return "≥" + num(f.Low) // one notation for open bounds everywhere
	case f.Qualifier == claim.Max && f.High != nil:
		return "≤" + num(f.High)
	case f.Value != nil:
		return num(f.Value)
	}
	return "-"
}

func num(v *float64) string { return strconv.FormatFloat(*v, 'f', -1, 64) }

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// cell makes article text safe for one table cell: tabs and newlines
// would break the columns, and control characters (an escape sequence in
// an untrusted article) must not reach the terminal.
func cell(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == utf8.RuneError {
			return ' '
		}
		return r
	}, s)
	if s == "" {
		return "-"
	}
	return s
}

// cut shortens s to at most n characters, ending with "…" when cut.
func cut(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i, k := 0, 0
	for i = range s {
		if k == n-1 {
			break
		}
		k++
	}
	return strings.TrimRight(s[:i], " ") + "…"
}
